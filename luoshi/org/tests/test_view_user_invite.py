from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from luoshi.org.models import User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def test_office_invites_by_unit(
    client: Client, office: User, django_capture_on_commit_callbacks: Capture
) -> None:
    unit = make_unit("省财政厅")
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("org:user_invite"),
            {"unit": unit.pk, "role": "reporter", "emails": "a@example.gov.cn\nb@example.gov.cn"},
        )
    assert response.status_code == 302
    assert sorted(User.objects.filter(unit=unit).values_list("username", flat=True)) == [
        "a@example.gov.cn",
        "b@example.gov.cn",
    ]
    assert len(mail.outbox) == 2


def test_bad_address_is_named_and_nobody_is_created(client: Client, office: User) -> None:
    unit = make_unit("省财政厅")
    client.force_login(office)
    response = client.post(
        reverse("org:user_invite"),
        {"unit": unit.pk, "role": "reporter", "emails": "a@example.gov.cn\nnope"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"emails": ["“nope”不是有效的邮箱地址。"]}
    assert not User.objects.filter(unit=unit).exists()

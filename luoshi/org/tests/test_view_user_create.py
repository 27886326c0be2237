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


def test_office_creates_user_and_invite_is_sent(
    client: Client, office: User, django_capture_on_commit_callbacks: Capture
) -> None:
    unit = make_unit("省财政厅")
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(
            reverse("org:user_create"),
            {
                "username": "cz",
                "display_name": "财政",
                "role": "reporter",
                "unit": unit.pk,
                "email": "cz@example.gov.cn",
            },
        )
    assert with_commit.status_code == 302
    user = User.objects.get(username="cz")
    assert (user.unit, user.has_usable_password()) == (unit, False)
    assert [m.to for m in mail.outbox] == [["cz@example.gov.cn"]]


def test_missing_unit_error_is_shown_next_to_unit(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.post(
        reverse("org:user_create"),
        {
            "username": "cz",
            "display_name": "财政",
            "role": "reporter",
            "password": "x-long-pass-99",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"unit": ["填报人和单位负责人必须属于一个单位。"]}
    assert "单位：填报人和单位负责人必须属于一个单位。" in response.content.decode()
    assert not User.objects.filter(username="cz").exists()


def test_without_password_email_is_required(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.post(
        reverse("org:user_create"), {"username": "ld", "display_name": "领导", "role": "leader"}
    )
    assert response.context["form"].errors == {
        "email": ["不设初始密码时必须填写邮箱，用于发送邀请。"]
    }

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user

pytestmark = pytest.mark.django_db

MaxQueries = Callable[..., AbstractContextManager[Any]]


def test_lists_users_with_units_in_fixed_queries(
    client: Client, office: User, django_assert_max_num_queries: MaxQueries
) -> None:
    unit = make_unit("省财政厅")
    for n in range(30):
        make_user(f"user{n:02}", unit=unit, display_name=f"人{n}")
    client.force_login(office)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("org:user_list"))
    assert response.context["page"].paginator.count == 31
    assert "省财政厅" in response.content.decode()


def test_filters_by_role_and_search(client: Client, office: User) -> None:
    make_user("zhang", display_name="张三")
    make_user("li", role="leader", display_name="李四")
    client.force_login(office)
    response = client.get(reverse("org:user_list"), {"role": "leader"})
    assert [u.username for u in response.context["page"].object_list] == ["li"]
    response = client.get(reverse("org:user_list"), {"q": "张"})
    assert [u.username for u in response.context["page"].object_list] == ["zhang"]


def test_office_deactivates_user(client: Client, office: User) -> None:
    target = make_user("zhang")
    client.force_login(office)
    response = client.post(reverse("org:user_deactivate", args=[target.pk]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active is False


def test_reporter_cannot_deactivate(client: Client, reporter: User) -> None:
    target = make_user("zhang")
    client.force_login(reporter)
    assert client.post(reverse("org:user_deactivate", args=[target.pk])).status_code == 404
    target.refresh_from_db()
    assert target.is_active is True
    assert AuditEvent.objects.count() == 0


def test_office_deactivating_itself_gets_a_message(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.post(reverse("org:user_deactivate", args=[office.pk]), follow=True)
    assert "不能停用自己的账号。" in response.content.decode()
    office.refresh_from_db()
    assert office.is_active is True

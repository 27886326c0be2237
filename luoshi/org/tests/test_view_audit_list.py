from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.audit import record_event
from luoshi.org.models import User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db

MaxQueries = Callable[..., AbstractContextManager[Any]]


def test_lists_events_in_fixed_queries(
    client: Client, office: User, reporter: User, django_assert_max_num_queries: MaxQueries
) -> None:
    unit = make_unit("省财政厅")
    for n in range(30):
        record_event(
            actor=office if n % 2 else reporter,
            action="org.unit.update",
            obj=unit,
            old={"full_name": str(n)},
            new={"full_name": str(n + 1)},
        )
    client.force_login(office)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("org:audit_list"))
    assert response.context["page"].paginator.count == 30


def test_filters_by_actor_and_type(client: Client, office: User, leader: User) -> None:
    unit = make_unit("省财政厅")
    record_event(actor=office, action="org.unit.update", obj=unit)
    record_event(actor=leader, action="org.user.update", obj=leader)
    client.force_login(leader)
    response = client.get(reverse("org:audit_list"), {"actor": "leader"})
    assert [e.action for e in response.context["page"].object_list] == ["org.user.update"]
    response = client.get(reverse("org:audit_list"), {"object_type": "org.unit"})
    assert [e.action for e in response.context["page"].object_list] == ["org.unit.update"]
    response = client.get(reverse("org:audit_list"), {"actor": "nobody"})
    assert list(response.context["page"].object_list) == []


def test_reversed_dates_are_an_error_on_until(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.get(reverse("org:audit_list"), {"since": "2024-03-05", "until": "2024-03-01"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"until": ["截止日期不能早于起始日期。"]}

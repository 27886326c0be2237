from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.loaders import load_org
from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db

MaxQueries = Callable[..., AbstractContextManager[Any]]


def test_lists_registry_with_members_and_successors(
    client: Client, reporter: User, django_assert_max_num_queries: MaxQueries
) -> None:
    load_org()
    client.force_login(reporter)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("org:unit_list"), {"kind": "collective"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "各市州政府" in html
    assert "兰州市政府、嘉峪关市政府" in html
    with django_assert_max_num_queries(9):
        response = client.get(reverse("org:unit_list"))
    assert response.context["page"].paginator.count == Unit.objects.count()
    assert (
        "已由 省市场监管局 继任"
        in client.get(reverse("org:unit_list"), {"q": "工商"}).content.decode()
    )


def test_search_matches_aliases(client: Client, reporter: User) -> None:
    load_org()
    client.force_login(reporter)
    response = client.get(reverse("org:unit_list"), {"q": "省发改委"})
    names = [u.name for u in response.context["page"].object_list]
    assert names == ["省发展改革委"]


def test_filters_by_region_and_status(client: Client, reporter: User) -> None:
    load_org()
    client.force_login(reporter)
    response = client.get(reverse("org:unit_list"), {"region": "620171"})
    assert [u.name for u in response.context["page"].object_list] == ["兰州新区管委会"]
    response = client.get(reverse("org:unit_list"), {"is_active": "0", "q": "税"})
    assert sorted(u.name for u in response.context["page"].object_list) == ["省国税局", "省地税局"]


def test_htmx_request_gets_only_the_rows(client: Client, reporter: User) -> None:
    make_unit("省财政厅")
    client.force_login(reporter)
    response = client.get(reverse("org:unit_list"), {"q": "财政"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "省财政厅" in html
    assert "<html" not in html


def test_empty_registry_explains_next_step(client: Client, office: User) -> None:
    client.force_login(office)
    html = client.get(reverse("org:unit_list")).content.decode()
    assert "manage.py load_org" in html


def test_no_match_explains_filters(client: Client, reporter: User) -> None:
    make_unit("省财政厅")
    client.force_login(reporter)
    html = client.get(reverse("org:unit_list"), {"q": "不存在"}).content.decode()
    assert "没有符合条件的单位" in html

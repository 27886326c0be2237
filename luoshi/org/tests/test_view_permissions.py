"""Every org page: anonymous -> login, reporter -> 404 on office pages, office -> 200."""

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.models import User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db

OFFICE_PAGES = [
    "org:unit_create",
    "org:user_list",
    "org:user_create",
    "org:user_invite",
    "org:user_bulk_import",
    "org:user_bulk_template",
]
EVERYONE_PAGES = ["org:unit_list", "org:token_list"]


@pytest.mark.parametrize("name", [*OFFICE_PAGES, *EVERYONE_PAGES, "org:audit_list"])
def test_anonymous_is_sent_to_login(client: Client, name: str) -> None:
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_unit_detail_is_sent_to_login(client: Client) -> None:
    unit = make_unit()
    response = client.get(reverse("org:unit_detail", args=[unit.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize("name", [*OFFICE_PAGES, "org:audit_list"])
def test_reporter_gets_404_on_office_pages(client: Client, reporter: User, name: str) -> None:
    client.force_login(reporter)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_leader_gets_404_on_office_pages(client: Client, leader: User, name: str) -> None:
    client.force_login(leader)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", [*OFFICE_PAGES, *EVERYONE_PAGES, "org:audit_list"])
def test_office_gets_every_page(client: Client, office: User, name: str) -> None:
    client.force_login(office)
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", [*EVERYONE_PAGES])
def test_reporter_gets_shared_pages(client: Client, reporter: User, name: str) -> None:
    client.force_login(reporter)
    assert client.get(reverse(name)).status_code == 200


def test_leader_reads_audit_log(client: Client, leader: User) -> None:
    client.force_login(leader)
    assert client.get(reverse("org:audit_list")).status_code == 200

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.models import AuditEvent, Unit, UnitAlias, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_reporter_reads_without_office_forms(client: Client, reporter: User) -> None:
    new = make_unit("省市场监管局")
    old = make_unit("省工商局", successor=new, succeeded_on=date(2018, 12, 1), is_active=False)
    UnitAlias.objects.create(unit=old, alias="甘肃省工商局")
    client.force_login(reporter)
    response = client.get(reverse("org:unit_detail", args=[old.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "甘肃省工商局" in html
    assert "省市场监管局" in html and "2018-12-01" in html
    assert "edit_form" not in response.context
    assert reverse("org:unit_merge", args=[old.pk]) not in html


def test_office_sees_edit_forms_and_history(client: Client, office: User) -> None:
    unit = make_unit("省财政厅")
    client.force_login(office)
    client.post(reverse("org:unit_alias_add", args=[unit.pk]), {"alias": "财政厅", "kind": "short"})
    response = client.get(reverse("org:unit_detail", args=[unit.pk]))
    assert response.context["edit_form"].initial["name"] == "省财政厅"
    assert [e.action for e in response.context["history"]] == ["org.unit.alias_add"]


def test_collective_lists_members(client: Client, reporter: User) -> None:
    collective = make_unit("各市州政府", kind="collective")
    collective.members.add(make_unit("兰州市政府", kind="government"))
    client.force_login(reporter)
    html = client.get(reverse("org:unit_detail", args=[collective.pk])).content.decode()
    assert "兰州市政府" in html


def test_missing_unit_is_404(client: Client, reporter: User) -> None:
    client.force_login(reporter)
    assert client.get(reverse("org:unit_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("org:unit_edit", {"name": "省财政局", "kind": "department"}),
        ("org:unit_alias_add", {"alias": "财政厅", "kind": "short"}),
        ("org:unit_merge", {"duplicate": "0", "confirm": "on"}),
    ],
)
def test_reporter_posts_are_404_and_change_nothing(
    client: Client, reporter: User, name: str, data: dict[str, str]
) -> None:
    unit = make_unit("省财政厅")
    client.force_login(reporter)
    assert client.post(reverse(name, args=[unit.pk]), data).status_code == 404
    assert Unit.objects.get(pk=unit.pk).name == "省财政厅"
    assert UnitAlias.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_office_edits_unit(client: Client, office: User) -> None:
    unit = make_unit("省财政厅")
    client.force_login(office)
    response = client.post(
        reverse("org:unit_edit", args=[unit.pk]),
        {"name": "省财政厅", "full_name": "甘肃省财政厅", "kind": "department"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=unit.pk).full_name == "甘肃省财政厅"


def test_duplicate_alias_error_says_what_and_where(client: Client, office: User) -> None:
    other = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=other, alias="省发改委")
    unit = make_unit("省财政厅")
    client.force_login(office)
    response = client.post(
        reverse("org:unit_alias_add", args=[unit.pk]), {"alias": "省发改委", "kind": "short"}
    )
    assert response.status_code == 400
    assert response.context["alias_form"].errors == {
        "alias": ["“省发改委”已是单位“省发展改革委”的别名。"]
    }
    assert "别名：“省发改委”已是单位“省发展改革委”的别名。" in response.content.decode()


def test_office_removes_alias(client: Client, office: User) -> None:
    unit = make_unit("省财政厅")
    alias = UnitAlias.objects.create(unit=unit, alias="财政厅")
    client.force_login(office)
    response = client.post(reverse("org:unit_alias_remove", args=[unit.pk, alias.pk]))
    assert response.status_code == 302
    assert UnitAlias.objects.count() == 0


def test_office_records_succession(client: Client, office: User) -> None:
    old, new = make_unit("省工商局"), make_unit("省市场监管局")
    client.force_login(office)
    response = client.post(
        reverse("org:unit_succession", args=[old.pk]),
        {"successor": new.pk, "succeeded_on": "2018-12-01"},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.successor, old.succeeded_on, old.is_active) == (new, date(2018, 12, 1), False)


def test_office_merges_duplicate_after_confirming(client: Client, office: User) -> None:
    keep, duplicate = make_unit("省发展改革委"), make_unit("省发改委")
    client.force_login(office)
    url = reverse("org:unit_merge", args=[keep.pk])
    response = client.post(url, {"duplicate": duplicate.pk})
    assert response.status_code == 400
    assert response.context["merge_form"].errors == {"confirm": ["请勾选确认后再合并。"]}
    assert Unit.objects.filter(pk=duplicate.pk).exists()
    response = client.post(url, {"duplicate": duplicate.pk, "confirm": "on"})
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=duplicate.pk).exists()
    assert list(keep.aliases.values_list("alias", flat=True)) == ["省发改委"]


def test_office_creates_unit(client: Client, office: User) -> None:
    client.force_login(office)
    response = client.post(reverse("org:unit_create"), {"name": "省测绘局", "kind": "department"})
    unit = Unit.objects.get(name="省测绘局")
    assert response["Location"] == reverse("org:unit_detail", args=[unit.pk])

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_update_unit
from luoshi.org.models import AuditEvent, Unit, UnitAlias, User
from luoshi.org.tests.conftest import make_region, make_unit

pytestmark = pytest.mark.django_db


def test_rename_keeps_old_name_as_former_alias(office: User) -> None:
    unit = make_unit("省建设厅", full_name="甘肃省建设厅")
    region = make_region()
    do_update_unit(
        unit,
        name="省住房城乡建设厅",
        full_name="甘肃省住房和城乡建设厅",
        kind="department",
        region=region,
        acting_user=office,
    )
    unit.refresh_from_db()
    assert (unit.name, unit.full_name, unit.region) == (
        "省住房城乡建设厅",
        "甘肃省住房和城乡建设厅",
        region,
    )
    assert list(unit.aliases.values_list("alias", "kind")) == [("省建设厅", "former")]
    event = AuditEvent.objects.get()
    assert event.action == "org.unit.update"
    assert event.old_values == {"name": "省建设厅", "full_name": "甘肃省建设厅", "region": None}
    assert event.new_values == {
        "name": "省住房城乡建设厅",
        "full_name": "甘肃省住房和城乡建设厅",
        "region": region.pk,
    }


def test_renaming_to_own_alias_turns_alias_into_name(office: User) -> None:
    unit = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=unit, alias="省发改委")
    do_update_unit(
        unit, name="省发改委", full_name="", kind="department", region=None, acting_user=office
    )
    assert list(UnitAlias.objects.values_list("alias", "kind")) == [("省发展改革委", "former")]


def test_no_change_writes_no_event(office: User) -> None:
    unit = make_unit("省财政厅")
    do_update_unit(
        unit, name="省财政厅", full_name="", kind="department", region=None, acting_user=office
    )
    assert AuditEvent.objects.count() == 0


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    unit = make_unit("省财政厅")
    with pytest.raises(Http404):
        do_update_unit(
            unit,
            name="省财政局",
            full_name="",
            kind="department",
            region=None,
            acting_user=reporter,
        )
    assert Unit.objects.get(pk=unit.pk).name == "省财政厅"
    assert AuditEvent.objects.count() == 0


def test_name_of_another_unit_is_refused(office: User) -> None:
    unit = make_unit("省财政厅")
    make_unit("省商务厅")
    with pytest.raises(ValidationError) as caught:
        do_update_unit(
            unit, name="省商务厅", full_name="", kind="department", region=None, acting_user=office
        )
    assert caught.value.message_dict == {"name": ["“省商务厅”已是单位“省商务厅”的名称。"]}
    assert Unit.objects.get(pk=unit.pk).name == "省财政厅"

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_create_unit
from luoshi.org.models import AuditEvent, Unit, UnitAlias, User
from luoshi.org.tests.conftest import make_region, make_unit

pytestmark = pytest.mark.django_db


def test_office_creates_unit_and_audit_row(office: User) -> None:
    region = make_region()
    unit = do_create_unit(
        name=" 省测绘局 ",
        kind="department",
        full_name="甘肃省测绘地理信息局",
        region=region,
        acting_user=office,
    )
    assert (unit.name, unit.name_key, unit.full_name, unit.region) == (
        "省测绘局",
        "省测绘局",
        "甘肃省测绘地理信息局",
        region,
    )
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.object_id) == (office, "org.unit.create", str(unit.pk))
    assert event.old_values == {}
    assert event.new_values == {
        "name": "省测绘局",
        "full_name": "甘肃省测绘地理信息局",
        "kind": "department",
        "region": region.pk,
        "successor": None,
        "succeeded_on": None,
        "is_active": True,
    }


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    before = Unit.objects.count()
    with pytest.raises(Http404):
        do_create_unit(name="省测绘局", kind="department", acting_user=reporter)
    assert Unit.objects.count() == before
    assert AuditEvent.objects.count() == 0


def test_name_used_as_alias_is_refused(office: User) -> None:
    unit = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=unit, alias="省发改委")
    with pytest.raises(ValidationError) as caught:
        do_create_unit(name="省发改委", kind="department", acting_user=office)
    assert caught.value.message_dict == {"name": ["“省发改委”已是单位“省发展改革委”的别名。"]}
    assert Unit.objects.count() == 1


def test_name_equal_after_normalising_is_refused(office: User) -> None:
    make_unit("各市(州)政府")
    with pytest.raises(ValidationError) as caught:
        do_create_unit(name="各市（州）政府", kind="collective", acting_user=office)
    assert caught.value.message_dict == {"name": ["“各市（州）政府”已是单位“各市(州)政府”的名称。"]}


def test_unknown_kind_is_refused(office: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_unit(name="省测绘局", kind="ministry", acting_user=office)
    assert caught.value.message_dict == {"kind": ["未知的单位类型“ministry”。"]}
    assert Unit.objects.count() == 0

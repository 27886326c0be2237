import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_add_unit_alias
from luoshi.org.models import AuditEvent, UnitAlias, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_office_adds_alias_and_event_on_unit(office: User) -> None:
    unit = make_unit("省发展改革委")
    alias = do_add_unit_alias(unit, alias=" 省发改委 ", kind="short", acting_user=office)
    assert (alias.unit, alias.alias, alias.alias_key, alias.kind) == (
        unit,
        "省发改委",
        "省发改委",
        "short",
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id) == (
        "org.unit.alias_add",
        "org.unit",
        str(unit.pk),
    )
    assert (event.old_values, event.new_values) == ({}, {"alias": "省发改委", "kind": "short"})


def test_reporter_is_refused(reporter: User) -> None:
    unit = make_unit("省发展改革委")
    with pytest.raises(Http404):
        do_add_unit_alias(unit, alias="省发改委", acting_user=reporter)
    assert UnitAlias.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_alias_of_another_unit_is_refused(office: User) -> None:
    other = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=other, alias="省发改委")
    unit = make_unit("省工信委")
    with pytest.raises(ValidationError) as caught:
        do_add_unit_alias(unit, alias="省 发改委", acting_user=office)
    assert caught.value.message_dict == {"alias": ["“省 发改委”已是单位“省发展改革委”的别名。"]}
    assert UnitAlias.objects.count() == 1


def test_empty_alias_is_refused(office: User) -> None:
    unit = make_unit()
    with pytest.raises(ValidationError) as caught:
        do_add_unit_alias(unit, alias="  ", acting_user=office)
    assert caught.value.message_dict == {"alias": ["不能为空。"]}

import pytest
from django.http import Http404

from luoshi.org.actions import do_remove_unit_alias
from luoshi.org.models import AuditEvent, UnitAlias, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_office_removes_alias_with_old_value(office: User) -> None:
    unit = make_unit("省发展改革委")
    alias = UnitAlias.objects.create(unit=unit, alias="省发改委", kind="short")
    do_remove_unit_alias(alias, acting_user=office)
    assert UnitAlias.objects.count() == 0
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("org.unit.alias_remove", str(unit.pk))
    assert (event.old_values, event.new_values) == ({"alias": "省发改委", "kind": "short"}, {})


def test_reporter_is_refused(reporter: User) -> None:
    alias = UnitAlias.objects.create(unit=make_unit(), alias="测试")
    with pytest.raises(Http404):
        do_remove_unit_alias(alias, acting_user=reporter)
    assert UnitAlias.objects.count() == 1
    assert AuditEvent.objects.count() == 0

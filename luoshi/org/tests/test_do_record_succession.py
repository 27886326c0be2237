from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_record_succession
from luoshi.org.models import AuditEvent, Unit, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def test_office_records_succession_and_deactivates_predecessor(office: User) -> None:
    old = make_unit("省工商局")
    new = make_unit("省市场监管局")
    do_record_succession(
        predecessor=old, successor=new, succeeded_on=date(2018, 12, 1), acting_user=office
    )
    old.refresh_from_db()
    assert (old.name, old.successor, old.succeeded_on, old.is_active) == (
        "省工商局",
        new,
        date(2018, 12, 1),
        False,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id, event.object_repr) == (
        "org.unit.succession",
        str(old.pk),
        "省工商局",
    )
    assert event.old_values == {"successor": None, "succeeded_on": None, "is_active": True}
    assert event.new_values == {
        "successor": new.pk,
        "succeeded_on": "2018-12-01",
        "is_active": False,
    }


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    old, new = make_unit("省工商局"), make_unit("省市场监管局")
    with pytest.raises(Http404):
        do_record_succession(
            predecessor=old, successor=new, succeeded_on=None, acting_user=reporter
        )
    old.refresh_from_db()
    assert (old.successor, old.is_active) == (None, True)
    assert AuditEvent.objects.count() == 0


def test_cycle_is_refused(office: User) -> None:
    a, b = make_unit("省甲厅"), make_unit("省乙厅")
    Unit.objects.filter(pk=b.pk).update(successor=a)
    b.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        do_record_succession(predecessor=a, successor=b, succeeded_on=None, acting_user=office)
    assert caught.value.message_dict == {"successor": ["“省乙厅”已由本单位继任，不能互为继任。"]}
    a.refresh_from_db()
    assert a.successor is None


def test_self_succession_is_refused(office: User) -> None:
    a = make_unit("省甲厅")
    with pytest.raises(ValidationError) as caught:
        do_record_succession(predecessor=a, successor=a, succeeded_on=None, acting_user=office)
    assert caught.value.message_dict == {"successor": ["继任单位不能是单位自己。"]}

from datetime import UTC, date, datetime

import pytest
import time_machine

from luoshi.org.audit import record_event
from luoshi.org.models import AuditEvent, Unit, User
from luoshi.org.queries import history_for, list_audit_events
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db


def _events(office: User, reporter: User) -> list[AuditEvent]:
    unit = make_unit("省财政厅")
    other = make_unit("省商务厅")
    # 16:30 UTC on 1 March is 00:30 on 2 March in Asia/Shanghai.
    with time_machine.travel(datetime(2024, 3, 1, 16, 30, tzinfo=UTC), tick=False):
        first = record_event(actor=office, action="org.unit.update", obj=unit)
    with time_machine.travel(datetime(2024, 3, 5, 2, 0, tzinfo=UTC), tick=False):
        second = record_event(actor=reporter, action="org.token.create", obj=other)
    return [first, second]


def test_office_and_leader_read_all_others_their_own(
    office: User, leader: User, reporter: User
) -> None:
    first, second = _events(office, reporter)
    assert list(list_audit_events(office)) == [second, first]
    assert list(list_audit_events(leader)) == [second, first]
    assert list(list_audit_events(reporter)) == [second]


def test_filters_by_type_object_actor_action_and_local_dates(office: User, reporter: User) -> None:
    first, second = _events(office, reporter)
    assert list(list_audit_events(office, object_type="org.unit", object_id=first.object_id)) == [
        first
    ]
    assert list(list_audit_events(office, actor_id=reporter.pk)) == [second]
    assert list(list_audit_events(office, action="org.unit.update")) == [first]
    assert list(list_audit_events(office, since=date(2024, 3, 2))) == [second, first]
    assert list(list_audit_events(office, until=date(2024, 3, 1))) == []
    assert list(list_audit_events(office, until=date(2024, 3, 2))) == [first]
    assert list(list_audit_events(office, since=date(2024, 3, 3))) == [second]


def test_history_for_returns_events_of_one_object(office: User, reporter: User) -> None:
    first, _ = _events(office, reporter)
    unit = make_unit("省教育厅")
    assert list(history_for(Unit.objects.get(name="省财政厅"))) == [first]
    assert list(history_for(unit)) == []

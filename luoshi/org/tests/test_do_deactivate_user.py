import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_deactivate_user
from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_office_deactivates_user(office: User) -> None:
    user = make_user("u1")
    do_deactivate_user(user, acting_user=office)
    user.refresh_from_db()
    assert user.is_active is False
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("org.user.deactivate", str(user.pk))
    assert (event.old_values, event.new_values) == ({"is_active": True}, {"is_active": False})


def test_deactivating_twice_writes_one_event(office: User) -> None:
    user = make_user("u1")
    do_deactivate_user(user, acting_user=office)
    do_deactivate_user(user, acting_user=office)
    assert AuditEvent.objects.count() == 1


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    user = make_user("u1")
    with pytest.raises(Http404):
        do_deactivate_user(user, acting_user=reporter)
    user.refresh_from_db()
    assert user.is_active is True
    assert AuditEvent.objects.count() == 0


def test_office_cannot_deactivate_itself(office: User) -> None:
    with pytest.raises(ValidationError, match="不能停用自己的账号"):
        do_deactivate_user(office, acting_user=office)
    office.refresh_from_db()
    assert office.is_active is True

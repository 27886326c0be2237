import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_update_user
from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_office_changes_role_and_unit(office: User) -> None:
    old_unit, new_unit = make_unit("省甲厅"), make_unit("省乙厅")
    user = make_user("u1", unit=old_unit, display_name="王五")
    do_update_user(
        user,
        display_name="王五",
        email="w@example.gov.cn",
        phone="",
        role="unit_head",
        unit=new_unit,
        acting_user=office,
    )
    user.refresh_from_db()
    assert (user.role, user.unit, user.email) == ("unit_head", new_unit, "w@example.gov.cn")
    event = AuditEvent.objects.get()
    assert event.action == "org.user.update"
    assert event.old_values == {"email": "", "role": "reporter", "unit": old_unit.pk}
    assert event.new_values == {
        "email": "w@example.gov.cn",
        "role": "unit_head",
        "unit": new_unit.pk,
    }


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    with pytest.raises(Http404):
        do_update_user(
            reporter,
            display_name="x",
            email="",
            phone="",
            role="office",
            unit=None,
            acting_user=reporter,
        )
    reporter.refresh_from_db()
    assert (reporter.role, reporter.display_name) == ("reporter", "")
    assert AuditEvent.objects.count() == 0


def test_office_cannot_change_own_role(office: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_update_user(
            office,
            display_name="",
            email="",
            phone="",
            role="leader",
            unit=None,
            acting_user=office,
        )
    assert caught.value.message_dict == {"role": ["不能修改自己的角色。"]}
    office.refresh_from_db()
    assert office.role == "office"

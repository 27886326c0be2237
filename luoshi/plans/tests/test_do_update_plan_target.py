from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_user
from luoshi.plans.actions import do_start_program_import, do_update_plan_target
from luoshi.plans.models import PolicyDocument
from luoshi.plans.tests.conftest import make_plan

TARGET = {
    "text": "行政村通宽带比例达到%以上",
    "indicator": "行政村通宽带比例",
    "value": None,
    "unit": "%",
    "comparator": ">=",
    "year": None,
    "task_path": "一/（一）",
}


@pytest.fixture
def document(office: User) -> PolicyDocument:
    return do_start_program_import(
        text="正文", plan=make_plan(targets=[TARGET]), acting_user=office
    )


def test_fills_a_blank_value_and_year(office: User, document: PolicyDocument) -> None:
    do_update_plan_target(document, index=0, value=Decimal("98.5"), year=2020, acting_user=office)
    document.refresh_from_db()
    target = document.plan["targets"][0]
    assert (target["value"], target["year"], target["unit"]) == (98.5, 2020, "%")
    event = AuditEvent.objects.get(action="plans.plan.update_target")
    assert event.old_values == {"index": 0, "value": None, "year": None}
    assert event.new_values == {"index": 0, "value": 98.5, "year": 2020}


def test_refuses_bad_year_and_changes_nothing(office: User, document: PolicyDocument) -> None:
    with pytest.raises(ValidationError):
        do_update_plan_target(document, index=0, value=Decimal(1), year=20, acting_user=office)
    document.refresh_from_db()
    assert document.plan["targets"][0]["value"] is None


def test_refuses_unknown_index(office: User, document: PolicyDocument) -> None:
    with pytest.raises(ValidationError):
        do_update_plan_target(document, index=3, value=Decimal(1), year=2020, acting_user=office)


def test_refuses_leader(document: PolicyDocument) -> None:
    leader = make_user("boss", role=User.Role.LEADER)
    with pytest.raises(Http404):
        do_update_plan_target(document, index=0, value=Decimal(1), year=2020, acting_user=leader)
    document.refresh_from_db()
    assert document.plan["targets"][0]["value"] is None
    assert not AuditEvent.objects.filter(action="plans.plan.update_target").exists()

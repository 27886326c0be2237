import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import do_confirm_plan_leads, do_start_program_import, do_update_plan_task
from luoshi.plans.models import DocumentUnitName, PolicyDocument
from luoshi.plans.tests.conftest import make_plan


@pytest.fixture
def document(office: User) -> PolicyDocument:
    return do_start_program_import(text="正文", plan=make_plan(), acting_user=office)


def test_sets_units_and_lead_and_marks_lead_confirmed(
    office: User, document: PolicyDocument
) -> None:
    ding = make_unit("省丁厅")
    task = do_update_plan_task(
        document,
        path="一/（一）",
        units=["省乙厅", "省丁厅"],
        lead_units=["省丁厅"],
        acting_user=office,
    )
    document.refresh_from_db()
    stored = document.plan["tasks"][0]
    assert stored == task
    assert (stored["units"], stored["lead_units"], stored["lead_confirmed"]) == (
        ["省乙厅", "省丁厅"],
        ["省丁厅"],
        True,
    )
    names = dict(
        DocumentUnitName.objects.filter(document=document).values_list("verbatim_name", "unit")
    )
    # 省甲厅 is still named by 二/（一）; the new 省丁厅 is matched against the registry.
    assert names == {"省甲厅": None, "省乙厅": None, "省丙厅": None, "省丁厅": ding.pk}
    event = AuditEvent.objects.get(action="plans.plan.update_task")
    assert event.old_values == {
        "path": "一/（一）",
        "units": ["省甲厅", "省乙厅"],
        "lead_units": ["省甲厅"],
    }
    assert event.new_values == {
        "path": "一/（一）",
        "units": ["省乙厅", "省丁厅"],
        "lead_units": ["省丁厅"],
    }


def test_refuses_lead_outside_units(office: User, document: PolicyDocument) -> None:
    with pytest.raises(ValidationError):
        do_update_plan_task(
            document, path="一/（一）", units=["省乙厅"], lead_units=["省甲厅"], acting_user=office
        )
    document.refresh_from_db()
    assert document.plan["tasks"][0]["units"] == ["省甲厅", "省乙厅"]
    assert not AuditEvent.objects.filter(action="plans.plan.update_task").exists()


def test_refuses_empty_units(office: User, document: PolicyDocument) -> None:
    with pytest.raises(ValidationError):
        do_update_plan_task(
            document, path="一/（一）", units=[" "], lead_units=[], acting_user=office
        )


def test_refuses_reporter_and_changes_nothing(document: PolicyDocument) -> None:
    reporter = make_user("r", role=User.Role.REPORTER)
    with pytest.raises(Http404):
        do_update_plan_task(
            document,
            path="一/（一）",
            units=["省乙厅"],
            lead_units=["省乙厅"],
            acting_user=reporter,
        )
    document.refresh_from_db()
    assert document.plan["tasks"][0]["units"] == ["省甲厅", "省乙厅"]
    assert not AuditEvent.objects.filter(action="plans.plan.update_task").exists()


def test_confirm_leads_marks_every_inferred_lead(office: User, document: PolicyDocument) -> None:
    assert do_confirm_plan_leads(document, acting_user=office) == 3
    document.refresh_from_db()
    assert [t["lead_confirmed"] for t in document.plan["tasks"]] == [True, True, True]
    event = AuditEvent.objects.get(action="plans.plan.confirm_leads")
    assert event.new_values == {"paths": ["一/（一）", "一/（二）", "二/（一）"]}

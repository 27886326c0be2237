from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import do_start_program_import
from luoshi.plans.models import DocumentUnitName, PolicyDocument, Program
from luoshi.plans.tests.conftest import gansu_golden_plan, make_plan


def test_creates_draft_program_and_version_one(office: User) -> None:
    jia = make_unit("省甲厅")
    document = do_start_program_import(
        text="正文", plan=make_plan(), source_name="a.txt", acting_user=office
    )
    program = document.program
    assert program.name == "《关于测试的实施意见》落实工作"
    assert program.status == Program.Status.DRAFT
    assert program.start_date == date(2017, 8, 2)
    assert program.created_by == office
    assert (document.version, document.title, document.source_name) == (
        1,
        "关于测试的实施意见",
        "a.txt",
    )
    assert document.issuer == ["测试省人民政府办公厅"]
    assert document.date == date(2017, 8, 2)
    assert document.confirmed_at is None
    assert len(document.plan["tasks"]) == 3
    mapping = {n.verbatim_name: n.unit for n in DocumentUnitName.objects.filter(document=document)}
    assert mapping == {"省甲厅": jia, "省乙厅": None, "省丙厅": None}


def test_writes_audit_events(office: User) -> None:
    document = do_start_program_import(text="正文", plan=make_plan(), acting_user=office)
    events = list(AuditEvent.objects.order_by("id").values_list("action", "object_id", "actor"))
    assert events == [
        ("plans.program.create", str(document.program_id), office.pk),
        ("plans.document.import", str(document.pk), office.pk),
    ]
    event = AuditEvent.objects.get(action="plans.document.import")
    assert event.new_values["tasks"] == 3
    assert event.new_values["version"] == 1


def test_tolerates_golden_plan_without_task_text(office: User) -> None:
    document = do_start_program_import(text="正文", plan=gansu_golden_plan(), acting_user=office)
    assert len(document.plan["tasks"]) == 25
    assert document.plan["tasks"][0]["text"] == ""
    assert DocumentUnitName.objects.filter(document=document).count() == 53


def test_unique_slug_is_made_when_taken(office: User) -> None:
    first = do_start_program_import(text="a", plan=make_plan(), slug="demo", acting_user=office)
    second = do_start_program_import(text="b", plan=make_plan(), slug="demo", acting_user=office)
    assert (first.program.slug, second.program.slug) == ("demo", "demo-2")


@pytest.mark.parametrize("role", [User.Role.REPORTER, User.Role.LEADER, User.Role.UNIT_HEAD])
def test_refuses_non_office_and_changes_nothing(db: None, role: str) -> None:
    user = make_user("someone", role=role)
    with pytest.raises(Http404):
        do_start_program_import(text="正文", plan=make_plan(), acting_user=user)
    assert Program.objects.count() == 0
    assert PolicyDocument.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_refuses_empty_text(office: User) -> None:
    with pytest.raises(ValidationError):
        do_start_program_import(text="  \n", plan=make_plan(), acting_user=office)
    assert Program.objects.count() == 0

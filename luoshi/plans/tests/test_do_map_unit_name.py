import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.models import AuditEvent, Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans.actions import do_map_unit_name, do_start_program_import, unmapped_names
from luoshi.plans.models import DocumentUnitName, PolicyDocument
from luoshi.plans.tests.conftest import make_plan


@pytest.fixture
def document(office: User) -> PolicyDocument:
    return do_start_program_import(text="正文", plan=make_plan(), acting_user=office)


def test_maps_name_to_registry_unit(office: User, document: PolicyDocument) -> None:
    unit = make_unit("甘肃省乙厅")
    row = do_map_unit_name(document, verbatim_name="省乙厅", unit=unit, acting_user=office)
    assert (row.unit, row.source) == (unit, DocumentUnitName.Source.OFFICE)
    assert unmapped_names(document) == ["省甲厅", "省丙厅"]
    event = AuditEvent.objects.get(action="plans.plan.map_unit_name")
    assert event.old_values == {"verbatim_name": "省乙厅", "unit": None, "source": "registry"}
    assert event.new_values == {"verbatim_name": "省乙厅", "unit": unit.pk, "source": "office"}


def test_creates_new_unit_with_the_name_as_written(office: User, document: PolicyDocument) -> None:
    row = do_map_unit_name(
        document, verbatim_name="省丙厅", new_unit_kind=Unit.Kind.DEPARTMENT, acting_user=office
    )
    unit = Unit.objects.get(name="省丙厅")
    assert (row.unit, row.source) == (unit, DocumentUnitName.Source.CREATED)
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True))[-2:] == [
        "org.unit.create",
        "plans.plan.map_unit_name",
    ]


def test_refuses_unknown_name(office: User, document: PolicyDocument) -> None:
    unit = make_unit("省戊厅")
    with pytest.raises(ValidationError):
        do_map_unit_name(document, verbatim_name="省戊厅", unit=unit, acting_user=office)


def test_refuses_reporter_and_changes_nothing(document: PolicyDocument) -> None:
    unit = make_unit("甘肃省乙厅")
    reporter = make_user("r", role=User.Role.REPORTER)
    with pytest.raises(Http404):
        do_map_unit_name(document, verbatim_name="省乙厅", unit=unit, acting_user=reporter)
    assert DocumentUnitName.objects.get(document=document, verbatim_name="省乙厅").unit is None
    assert not AuditEvent.objects.filter(action="plans.plan.map_unit_name").exists()


def test_refuses_both_unit_and_new(office: User, document: PolicyDocument) -> None:
    unit = make_unit("甘肃省乙厅")
    with pytest.raises(ValidationError):
        do_map_unit_name(
            document,
            verbatim_name="省乙厅",
            unit=unit,
            new_unit_kind="department",
            acting_user=office,
        )
    assert DocumentUnitName.objects.get(document=document, verbatim_name="省乙厅").unit is None

"""`demo --simulate`: a labelled, deterministic simulated history; a second run adds nothing."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from luoshi.indicators.models import DataValue
from luoshi.plans.models import Program
from luoshi.supervision.models import (
    Decision,
    ExtensionRequest,
    Instruction,
    Meeting,
    ProgressReport,
    ReportingRound,
    SupervisionNotice,
)

pytestmark = pytest.mark.django_db


def _load() -> None:
    call_command("load_default_program", stdout=StringIO())


def _rows() -> dict[str, list[Any]]:
    return {
        "rounds": list(
            ReportingRound.objects.order_by("period_start").values_list(
                "period", "opens_on", "due_on", "locks_on", "status", "is_simulated"
            )
        ),
        "reports": list(
            ProgressReport.objects.order_by(
                "round__period_start", "task__order", "decision__number", "unit__name"
            ).values_list(
                "round__period",
                "task__path",
                "decision__number",
                "unit__name",
                "role",
                "status",
                "progress_status",
                "percent_complete",
                "progress",
                "return_count",
                "is_on_time",
                "first_submitted_at",
                "is_simulated",
            )
        ),
        "notices": list(
            SupervisionNotice.objects.order_by("issued_on", "unit__name", "key").values_list(
                "level", "reason", "unit__name", "issued_on", "status", "is_simulated"
            )
        ),
        "meetings": list(Meeting.objects.values_list("title", "date", "is_simulated")),
        "decisions": list(
            Decision.objects.order_by("number").values_list("number", "text", "deadline")
        ),
    }


def test_simulates_a_labelled_history_deterministically(django_db_blocker: Any) -> None:
    _load()
    out = StringIO()
    call_command("demo", "--simulate", "--seed", "1", stdout=out)
    first = _rows()
    assert len(first["rounds"]) == 13
    assert first["rounds"][0][:4] == (
        "2017Q4",
        date(2017, 12, 26),
        date(2018, 1, 5),
        date(2018, 1, 20),
    )
    assert all(r[-1] for r in first["rounds"])
    assert all(r[-1] for r in first["reports"])
    assert all(n[-1] for n in first["notices"])
    assert Meeting.objects.filter(is_simulated=False).count() == 0
    assert Instruction.objects.filter(is_simulated=True).count() == 1
    assert ExtensionRequest.objects.filter(is_simulated=True).count() == 1
    statuses = {r[5] for r in first["reports"]}
    assert statuses == {"accepted", "draft"}
    assert any(r[9] >= 1 for r in first["reports"])
    assert any(r[10] is False for r in first["reports"])
    assert any(r[6] == "delayed" for r in first["reports"])
    assert len(first["decisions"]) == 3
    assert "supervision: 13 rounds" in out.getvalue()
    assert "indicators: 5 simulated from real baselines" in out.getvalue()
    values = DataValue.objects.filter(indicator__program__slug="gansu-mobile-internet-2017")
    assert values.count() == 840
    assert set(values.values_list("source", flat=True)) == {"simulated"}

    again = StringIO()
    call_command("demo", "--simulate", "--seed", "1", stdout=again)
    assert "already exists" in again.getvalue()
    assert _rows() == first

    # Same seed on a fresh copy of the data gives identical rows.
    program = Program.objects.get(slug="gansu-mobile-internet-2017")
    SupervisionNotice.objects.all().delete()
    ExtensionRequest.objects.all().delete()
    Instruction.objects.all().delete()
    ReportingRound.objects.all().delete()
    Meeting.objects.all().delete()
    call_command("demo", "--simulate", "--seed", "1", stdout=StringIO())
    assert _rows() == first
    assert ReportingRound.objects.filter(program=program).count() == 13


def test_refuses_without_the_default_program(db: None) -> None:
    with pytest.raises(CommandError, match="load_default_program"):
        call_command("demo", "--simulate", stdout=StringIO())

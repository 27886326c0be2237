"""Bulletin lifecycle: a draft per period, paragraph edits, issue stores files and freezes."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.core.periods import parse_period
from luoshi.org.models import AuditEvent
from luoshi.reports import actions
from luoshi.reports.models import Bulletin
from luoshi.reports.tests.conftest import AS_OF
from luoshi.reports.tests.world import ReportWorld

Q1 = parse_period("2020Q1")


def _draft(rw: ReportWorld) -> Bulletin:
    return actions.do_create_bulletin_draft(
        rw.world.program, Q1, today=AS_OF, acting_user=rw.world.office
    )


def test_creates_one_draft_per_period(report_world: ReportWorld) -> None:
    first = _draft(report_world)
    again = _draft(report_world)

    assert again.pk == first.pk
    assert (first.version, first.status, first.period) == (1, "draft", "2020Q1")
    assert first.title == "关于2020年第一季度《关于推进测试工作的实施意见》落实情况的通报"
    assert first.doc_number == "落实办〔2020〕1号"
    assert AuditEvent.objects.filter(action="reports.bulletin.create_draft").count() == 1


def test_reporter_cannot_create_a_draft(report_world: ReportWorld) -> None:
    with pytest.raises(Http404):
        actions.do_create_bulletin_draft(
            report_world.world.program, Q1, today=AS_OF, acting_user=report_world.world.reporter_a
        )
    assert Bulletin.objects.count() == 0


def test_overrides_a_paragraph_and_restores_it(report_world: ReportWorld) -> None:
    draft = _draft(report_world)
    office = report_world.world.office

    draft = actions.do_update_bulletin_narrative(
        draft, key="overall", text="总体进展良好。", acting_user=office
    )
    assert draft.narrative_overrides == {"overall": "总体进展良好。"}
    draft = actions.do_update_bulletin_narrative(draft, key="overall", text=" ", acting_user=office)
    assert draft.narrative_overrides == {}
    assert AuditEvent.objects.filter(action="reports.bulletin.update_narrative").count() == 2


def test_refuses_an_unknown_paragraph_and_changes_nothing(report_world: ReportWorld) -> None:
    draft = _draft(report_world)

    with pytest.raises(ValidationError):
        actions.do_update_bulletin_narrative(
            draft, key="nope", text="x", acting_user=report_world.world.office
        )
    draft.refresh_from_db()
    assert draft.narrative_overrides == {}


def test_issue_stores_files_and_freezes_the_version(report_world: ReportWorld) -> None:
    office = report_world.world.office
    draft = _draft(report_world)
    actions.do_update_bulletin_narrative(draft, key="praise", text="表扬。", acting_user=office)

    issued = actions.do_issue_bulletin(draft, today=AS_OF, acting_user=office)

    assert issued.status == "issued"
    assert issued.docx_file.name.endswith(".docx")
    assert issued.pdf_file.read(5) == b"%PDF-"
    assert issued.figures["tasks"] == "3"
    assert issued.issued_by == office
    with pytest.raises(ValidationError):
        actions.do_update_bulletin_narrative(issued, key="praise", text="改", acting_user=office)
    with pytest.raises(ValidationError):
        actions.do_issue_bulletin(issued, today=AS_OF, acting_user=office)
    issued.refresh_from_db()
    assert issued.narrative_overrides == {"praise": "表扬。"}

    second = _draft(report_world)
    assert (second.version, second.status) == (2, "draft")
    assert second.narrative_overrides == {"praise": "表扬。"}
    assert AuditEvent.objects.filter(action="reports.bulletin.issue").count() == 1

"""Bulletin pages: office drafts, edits with htmx and issues; leaders read; others get 404."""

from luoshi.reports.models import Bulletin
from luoshi.reports.tests.world import ReportWorld
from luoshi.supervision.tests.conftest import client_for


def _new_draft(rw: ReportWorld) -> Bulletin:
    client = client_for(rw.world.office)
    response = client.post("/reports/new/", {"program": rw.world.program.pk, "period": "2020Q1"})
    assert response.status_code == 302
    return Bulletin.objects.get()


def test_office_lists_creates_and_previews_a_draft(report_world: ReportWorld) -> None:
    client = client_for(report_world.world.office)
    listing = client.get("/reports/")
    assert listing.status_code == 200
    assert 'href="/reports/"' in listing.content.decode()

    draft = _new_draft(report_world)
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert "一、总体进展" in page
    assert "关于2020年第一季度" in page
    assert 'data-testid="issue"' in page


def test_office_edits_a_paragraph_through_htmx(report_world: ReportWorld) -> None:
    draft = _new_draft(report_world)
    client = client_for(report_world.world.office)

    form = client.get(f"/reports/{draft.pk}/paragraph/?key=overall", HTTP_HX_REQUEST="true")
    assert 'data-testid="paragraph-form"' in form.content.decode()
    saved = client.post(
        f"/reports/{draft.pk}/paragraph/",
        {"key": "overall", "text": "本期总体平稳。"},
        HTTP_HX_REQUEST="true",
    )
    assert "本期总体平稳。" in saved.content.decode()
    draft.refresh_from_db()
    assert draft.narrative_overrides == {"overall": "本期总体平稳。"}


def test_issue_then_leader_downloads_the_stored_files(report_world: ReportWorld) -> None:
    draft = _new_draft(report_world)
    office = client_for(report_world.world.office)
    assert office.post(f"/reports/{draft.pk}/issue/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_issued

    leader = client_for(report_world.world.leader)
    response = leader.get(f"/reports/{draft.pk}/download/docx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]
    assert leader.post(f"/reports/{draft.pk}/issue/").status_code == 404


def test_leader_does_not_see_drafts_and_reporter_sees_nothing(report_world: ReportWorld) -> None:
    draft = _new_draft(report_world)

    assert client_for(report_world.world.leader).get(f"/reports/{draft.pk}/").status_code == 404
    reporter = client_for(report_world.world.reporter_a)
    assert reporter.get("/reports/").status_code == 404
    assert reporter.get(f"/reports/{draft.pk}/download/pdf/").status_code == 404


def test_excel_export_downloads(report_world: ReportWorld) -> None:
    client = client_for(report_world.world.leader)
    query: dict[str, str | int] = {
        "program": report_world.world.program.pk,
        "period": "2020Q1",
        "kind": "task-split",
    }
    response = client.get("/reports/export/", query)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"

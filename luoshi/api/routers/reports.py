"""Bulletins (通报): generate a draft, list, read, edit paragraphs, issue, download; exports."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.errors import ApiError
from luoshi.api.pagination import Page
from luoshi.api.schemas.reports import (
    BulletinDetailOut,
    BulletinFilter,
    BulletinIn,
    BulletinOut,
    HeaderIn,
    NarrativeIn,
)
from luoshi.core.periods import Period, parse_period
from luoshi.org.permissions import check_office
from luoshi.plans.queries import access_program
from luoshi.reports import actions, queries
from luoshi.reports.documents import FORMATS, build_for, render_file
from luoshi.reports.exports import EXPORT_KINDS, export_workbook
from luoshi.reports.models import Bulletin
from luoshi.reports.render.fonts import MissingFontsError
from luoshi.supervision.queries import local_today

router = Router(tags=["reports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as error:
        raise ApiError(422, "invalid_period", str(error), str(error)) from None


def _out(bulletin: Bulletin) -> dict[str, Any]:
    return {
        "id": bulletin.pk,
        "program_id": bulletin.program_id,
        "period": bulletin.period,
        "version": bulletin.version,
        "status": bulletin.status,
        "title": bulletin.title,
        "doc_number": bulletin.doc_number,
        "issuer": bulletin.issuer,
        "bulletin_date": bulletin.bulletin_date,
        "as_of": bulletin.as_of,
        "issued_at": bulletin.issued_at,
        "is_simulated": bulletin.is_simulated,
        "has_docx": bool(bulletin.docx_file),
        "has_pdf": bool(bulletin.pdf_file),
    }


def _detail(bulletin: Bulletin) -> dict[str, Any]:
    out = _out(bulletin)
    paragraphs: list[dict[str, Any]] = []
    figures = dict(bulletin.figures)
    if not bulletin.is_issued:
        built = build_for(bulletin)
        figures = built.content.figures
        out["is_simulated"] = built.summary.is_simulated
        paragraphs = [
            {
                "key": p.key,
                "lead": p.lead,
                "text": p.text,
                "generated": p.generated,
                "is_overridden": p.is_overridden,
            }
            for p in built.content.paragraphs()
            if p.key
        ]
    return {
        **out,
        "issuer_mark": bulletin.issuer_mark,
        "addressees": bulletin.addressees,
        "cc": bulletin.cc,
        "printer": bulletin.printer,
        "narrative_overrides": bulletin.narrative_overrides,
        "figures": figures,
        "paragraphs": paragraphs,
    }


@router.get("/bulletins", response=list[BulletinOut])
@paginate(Page)
def list_bulletins(request: HttpRequest, filters: Query[BulletinFilter]) -> QuerySet[Bulletin]:
    """List bulletins (office: drafts too; leaders: issued ones), newest period first."""
    user = request_user(request)
    program = access_program(user, filters.program) if filters.program else None
    rows: QuerySet[Bulletin] = queries.list_bulletins(user, program)
    if filters.period:
        rows = rows.filter(period=str(_period(filters.period)))
    return rows


@router.post("/bulletins", response={200: BulletinDetailOut, 201: BulletinDetailOut})
def create_draft(request: HttpRequest, payload: BulletinIn) -> Status[dict[str, Any]]:
    """Generate the period's draft (office); an existing draft is returned as it is (200)."""
    user = check_office(request_user(request))
    program = access_program(user, payload.program_id)
    period = _period(payload.period)
    existing = queries.list_bulletins(user, program).filter(
        period=str(period), status=Bulletin.Status.DRAFT
    )
    was_there = existing.exists()
    bulletin = actions.do_create_bulletin_draft(
        program, period, today=local_today(), acting_user=user
    )
    return Status(200 if was_there else 201, _detail(bulletin))


@router.get("/bulletins/{bulletin_id}", response=BulletinDetailOut)
def get_bulletin(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    """Read a bulletin; a draft comes with its paragraphs as built from today's numbers."""
    return _detail(queries.access_bulletin(request_user(request), bulletin_id))


@router.put("/bulletins/{bulletin_id}/narrative", response=BulletinDetailOut)
def update_narrative(
    request: HttpRequest, bulletin_id: int, payload: NarrativeIn
) -> dict[str, Any]:
    """Replace one paragraph of a draft (office); empty text restores the generated one."""
    user = check_office(request_user(request))
    bulletin = queries.access_bulletin(user, bulletin_id)
    bulletin = actions.do_update_bulletin_narrative(
        bulletin, key=payload.key, text=payload.text, acting_user=user
    )
    return _detail(bulletin)


@router.put("/bulletins/{bulletin_id}/header", response=BulletinDetailOut)
def update_header(request: HttpRequest, bulletin_id: int, payload: HeaderIn) -> dict[str, Any]:
    """Change a draft's 文号, issuer, addressees, 抄送, 印发机关 or date (office)."""
    user = check_office(request_user(request))
    bulletin = queries.access_bulletin(user, bulletin_id)
    values = payload.dict(exclude_none=True)
    bulletin = actions.do_update_bulletin_header(bulletin, acting_user=user, **values)
    return _detail(bulletin)


@router.post("/bulletins/{bulletin_id}/issue", response=BulletinDetailOut)
def issue(request: HttpRequest, bulletin_id: int) -> dict[str, Any]:
    """Issue a draft (office): render and store .docx and .pdf; the version is then frozen."""
    user = check_office(request_user(request))
    bulletin = queries.access_bulletin(user, bulletin_id)
    return _detail(actions.do_issue_bulletin(bulletin, today=local_today(), acting_user=user))


@router.get("/bulletins/{bulletin_id}/download/{file_format}", response={200: None})
def download(request: HttpRequest, bulletin_id: int, file_format: str) -> HttpResponseBase:
    """Download an issued bulletin's stored file, or render a draft's now (docx or pdf)."""
    bulletin = queries.access_bulletin(request_user(request), bulletin_id)
    if file_format not in FORMATS:
        raise ApiError(422, "invalid_format", "格式应为 docx 或 pdf", "format is docx or pdf")
    name = f"bulletin-{bulletin.period}-v{bulletin.version}.{file_format}"
    if bulletin.is_issued:
        stored = bulletin.docx_file if file_format == "docx" else bulletin.pdf_file
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=FORMATS[file_format]
        )
    try:
        data = render_file(build_for(bulletin).content, file_format)
    except MissingFontsError as error:
        raise ValidationError(str(error)) from None
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="draft-{name}"'
    return response


@router.get("/exports/{kind}", response={200: None})
def export(request: HttpRequest, kind: str, program: int, period: str) -> HttpResponse:
    """Excel export (office, leaders): task-split, indicators, timeliness, scorecards or all."""
    user = request_user(request)
    if not user.reads_everything:
        raise ApiError(403, "forbidden", "无权导出", "not allowed to export")
    if kind not in EXPORT_KINDS:
        raise ApiError(
            422, "invalid_kind", f"导出内容应为 {'、'.join(EXPORT_KINDS)}", "unknown export"
        )
    chosen = access_program(user, program)
    data = export_workbook(chosen, _period(period), kind, today=local_today())
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{chosen.slug}-{period}-{kind}.xlsx"'
    return response

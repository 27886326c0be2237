"""Writes of bulletins: create a draft, edit its paragraphs and header, issue it. Audited."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.core.periods import Period
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.plans.models import Program
from luoshi.reports.documents import build_for, render_file
from luoshi.reports.models import Bulletin
from luoshi.reports.options import default_options
from luoshi.reports.render.fonts import MissingFontsError

__all__ = [
    "HEADER_FIELDS",
    "do_create_bulletin_draft",
    "do_issue_bulletin",
    "do_update_bulletin_header",
    "do_update_bulletin_narrative",
]

HEADER_FIELDS = [
    "doc_number",
    "issuer",
    "issuer_mark",
    "addressees",
    "cc",
    "printer",
    "bulletin_date",
]
_ISSUED_FIELDS = ["status", "title", "figures", "is_simulated", "as_of"]


def _issued_state(bulletin: Bulletin) -> dict[str, Any]:
    state = snapshot(bulletin, _ISSUED_FIELDS)
    state["docx_file"] = bulletin.docx_file.name or ""
    state["pdf_file"] = bulletin.pdf_file.name or ""
    return state


def _check_draft(bulletin: Bulletin) -> None:
    if bulletin.status != Bulletin.Status.DRAFT:
        raise ValidationError(_("已印发的通报不能修改；请新建一个版本。"))


@transaction.atomic
def do_create_bulletin_draft(
    program: Program, period: Period, *, today: date, acting_user: User | None
) -> Bulletin:
    """Return the program's draft for the period, creating it (the next version) when none.

    A new version starts from the latest issued one's header and paragraph edits.
    """
    if acting_user is not None:
        check_office(acting_user)
    if program.status != Program.Status.PUBLISHED:
        raise ValidationError(_("落实工作尚未发布，不能生成通报。"))
    rows = Bulletin.objects.select_for_update().filter(program=program, period=str(period))
    draft = rows.filter(status=Bulletin.Status.DRAFT).first()
    if draft is not None:
        return draft
    latest = rows.order_by("-version").first()
    version = (rows.aggregate(top=Max("version"))["top"] or 0) + 1
    issued_this_year = Bulletin.objects.filter(
        program=program, status=Bulletin.Status.ISSUED, bulletin_date__year=today.year
    ).count()
    options = default_options(program, day=today, number=issued_this_year + 1)
    fields: dict[str, Any] = {
        "issuer": options.issuer,
        "issuer_mark": options.issuer_mark,
        "doc_number": options.doc_number,
        "addressees": options.addressees,
        "cc": options.cc,
        "printer": options.printer,
        "narrative_overrides": {},
    }
    if latest is not None:
        fields.update({name: getattr(latest, name) for name in HEADER_FIELDS[:-1]})
        fields["narrative_overrides"] = dict(latest.narrative_overrides)
    bulletin = Bulletin.objects.create(
        program=program,
        period=str(period),
        version=version,
        bulletin_date=today,
        as_of=today,
        created_by=acting_user,
        **fields,
    )
    bulletin.title = build_for(bulletin).content.title
    bulletin.save(update_fields=["title"])
    record_event(
        actor=acting_user,
        action="reports.bulletin.create_draft",
        obj=bulletin,
        new=snapshot(bulletin, ["program", "period", "version", *HEADER_FIELDS]),
    )
    return bulletin


@transaction.atomic
def do_update_bulletin_narrative(
    bulletin: Bulletin, *, key: str, text: str, acting_user: User | None
) -> Bulletin:
    """Replace one generated paragraph with the office's text; empty text restores it."""
    if acting_user is not None:
        check_office(acting_user)
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    _check_draft(bulletin)
    paragraphs = build_for(bulletin).content.narrative()
    if key not in paragraphs:
        raise ValidationError({"key": _("没有这一段：%(key)s") % {"key": key}})
    old = dict(bulletin.narrative_overrides)
    new = dict(old)
    text = text.strip()
    if not text or text == paragraphs[key].generated:
        new.pop(key, None)
    else:
        new[key] = text
    if new == old:
        return bulletin
    bulletin.narrative_overrides = new
    bulletin.save(update_fields=["narrative_overrides", "updated_at"])
    record_event(
        actor=acting_user,
        action="reports.bulletin.update_narrative",
        obj=bulletin,
        old={key: old.get(key, "")},
        new={key: new.get(key, "")},
    )
    return bulletin


@transaction.atomic
def do_update_bulletin_header(
    bulletin: Bulletin, *, acting_user: User | None, **values: Any
) -> Bulletin:
    """Change the draft's 文号, issuer, addressees, 抄送, 印发机关 or date."""
    if acting_user is not None:
        check_office(acting_user)
    unknown = set(values) - set(HEADER_FIELDS)
    if unknown:
        raise ValidationError(_("不能修改这些字段：%(f)s") % {"f": _("、").join(sorted(unknown))})
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    _check_draft(bulletin)
    if "issuer" in values and not str(values["issuer"]).strip():
        raise ValidationError({"issuer": _("发文机关不能为空。")})
    old = snapshot(bulletin, list(values))
    for name, value in values.items():
        setattr(bulletin, name, value.strip() if isinstance(value, str) else value)
    new = snapshot(bulletin, list(values))
    if new == old:
        return bulletin
    bulletin.save(update_fields=[*values, "updated_at"])
    record_event(
        actor=acting_user, action="reports.bulletin.update_header", obj=bulletin, old=old, new=new
    )
    return bulletin


@transaction.atomic
def do_issue_bulletin(bulletin: Bulletin, *, today: date, acting_user: User | None) -> Bulletin:
    """Render the draft's .docx and .pdf with numbers as of today, store them, freeze the row."""
    if acting_user is not None:
        check_office(acting_user)
    bulletin = Bulletin.objects.select_for_update().select_related("program").get(pk=bulletin.pk)
    _check_draft(bulletin)
    old = _issued_state(bulletin)
    bulletin.as_of = today
    built = build_for(bulletin)
    try:
        pdf = render_file(built.content, "pdf")
    except MissingFontsError:
        raise ValidationError(
            _(
                "本机没有中文（CJK）字体，不能生成 PDF，因此不能印发：请安装 fonts-noto-cjk"
                "（apt-get install fonts-noto-cjk）。"
            )
        ) from None
    docx = render_file(built.content, "docx")
    stem = f"{bulletin.program.slug}-{bulletin.period}-v{bulletin.version}"
    bulletin.docx_file.save(f"{stem}.docx", ContentFile(docx), save=False)
    bulletin.pdf_file.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    bulletin.title = built.content.title
    bulletin.figures = built.content.figures
    bulletin.is_simulated = built.summary.is_simulated
    bulletin.status = Bulletin.Status.ISSUED
    bulletin.issued_at = timezone.now()
    bulletin.issued_by = acting_user
    bulletin.save()
    record_event(
        actor=acting_user,
        action="reports.bulletin.issue",
        obj=bulletin,
        old=old,
        new=_issued_state(bulletin),
    )
    return bulletin

"""Start a program from a policy, import a revised version, discard a draft."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Region, User
from luoshi.plans import plan_data
from luoshi.plans.actions.common import (
    _check_actor,
    _check_draft,
    _document_summary,
    _new_document,
    _sync_unit_names,
    _unique_slug,
)
from luoshi.plans.models import (
    PolicyDocument,
    Program,
)


def do_start_program_import(
    *,
    text: str,
    plan: Mapping[str, Any],
    source_name: str = "",
    name: str = "",
    slug: str = "",
    region: Region | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    acting_user: User | None,
) -> PolicyDocument:
    """Create a draft program and its document version 1 holding the parsed plan for review."""
    _check_actor(acting_user)
    if not text.strip():
        raise ValidationError(_("文件没有可读取的正文。"))
    with transaction.atomic():
        title = plan.get("title") or ""
        program = Program.objects.create(
            name=(name or (f"《{title}》落实工作" if title else _("新的落实工作")))[:200],
            slug=_unique_slug(slug),
            region=region,
            start_date=start_date or plan_data.parse_date(plan.get("date")),
            end_date=end_date,
            created_by=acting_user,
        )
        record_event(
            actor=acting_user,
            action="plans.program.create",
            obj=program,
            new=snapshot(program, ["name", "slug", "status", "region", "start_date", "end_date"]),
        )
        document = _new_document(
            program,
            version=1,
            text=text,
            plan=plan,
            source_name=source_name,
            acting_user=acting_user,
        )
        _sync_unit_names(document)
        record_event(
            actor=acting_user,
            action="plans.document.import",
            obj=document,
            new=_document_summary(document),
        )
    return document


def do_start_reimport(
    program: Program,
    *,
    text: str,
    plan: Mapping[str, Any],
    source_name: str = "",
    acting_user: User | None,
) -> PolicyDocument:
    """Store a revised document as the next version of a published program, for review."""
    _check_actor(acting_user)
    if not text.strip():
        raise ValidationError(_("文件没有可读取的正文。"))
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=program.pk)
        documents = program.documents.all()
        if documents.filter(confirmed_at__isnull=True).exists():
            raise ValidationError(_("该落实工作已有一个待确认的版本，请先完成或放弃它。"))
        previous = documents.filter(confirmed_at__isnull=False).order_by("-version").first()
        if previous is None:
            raise ValidationError(_("该落实工作尚未发布，请先完成首次导入的确认。"))
        version = (documents.aggregate(m=Max("version"))["m"] or 0) + 1
        document = _new_document(
            program,
            version=version,
            text=text,
            plan=plan,
            source_name=source_name,
            acting_user=acting_user,
        )
        _sync_unit_names(document, previous)
        record_event(
            actor=acting_user,
            action="plans.document.reimport",
            obj=document,
            new=_document_summary(document),
        )
    return document


def do_discard_draft_document(document: PolicyDocument, *, acting_user: User | None) -> None:
    """Drop a revised version that has not been published; the published plan stays."""
    _check_actor(acting_user)
    _check_draft(document)
    if document.version == 1:
        raise ValidationError(_("首次导入的版本不能放弃。"))
    with transaction.atomic():
        record_event(
            actor=acting_user,
            action="plans.document.discard",
            obj=document.program,
            old=_document_summary(document),
        )
        document.delete()

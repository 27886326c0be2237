"""Shared pieces of the plan actions: permission and draft checks, unit-name mapping."""

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from luoshi.org.models import User
from luoshi.org.permissions import check_office
from luoshi.org.queries import match_unit_name
from luoshi.plans import plan_data
from luoshi.plans.models import (
    DocumentUnitName,
    PolicyDocument,
    Program,
)

TASK_FIELDS = ["path", "title", "text", "level", "responsibility_text", "deadline", "is_active"]
TARGET_FIELDS = ["indicator_name", "value", "value_min", "unit", "comparator", "year", "is_active"]


def _check_actor(acting_user: User | None) -> None:
    # None is the system itself (management commands); people must be office.
    if acting_user is not None:
        check_office(acting_user)


def _check_draft(document: PolicyDocument) -> None:
    if document.confirmed_at is not None:
        raise ValidationError(_("该版本已发布，不能再修改；如需调整请导入修订版本。"))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unique_slug(slug: str) -> str:
    base = slug or f"program-{uuid.uuid4().hex[:8]}"
    candidate, n = base, 1
    while Program.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"[:64]
    return candidate


def _sync_unit_names(
    document: PolicyDocument, previous: PolicyDocument | None = None
) -> list[DocumentUnitName]:
    """Give every name in the plan a mapping row: an earlier pick, else the registry's match."""
    names = plan_data.unit_names(document.plan)
    existing = {n.verbatim_name: n for n in document.unit_names.all()}
    earlier: dict[str, DocumentUnitName] = {}
    if previous is not None:
        earlier = {n.verbatim_name: n for n in previous.unit_names.filter(unit__isnull=False)}
    created = []
    for name in names:
        if name in existing:
            continue
        if name in earlier:
            row = DocumentUnitName(
                document=document,
                verbatim_name=name,
                unit_id=earlier[name].unit_id,
                source=earlier[name].source,
            )
        else:
            row = DocumentUnitName(
                document=document,
                verbatim_name=name,
                unit=match_unit_name(name),
                source=DocumentUnitName.Source.REGISTRY,
            )
        created.append(row)
    DocumentUnitName.objects.bulk_create(created)
    DocumentUnitName.objects.filter(document=document).exclude(verbatim_name__in=names).delete()
    return created


def _new_document(
    program: Program,
    *,
    version: int,
    text: str,
    plan: Mapping[str, Any],
    source_name: str,
    acting_user: User | None,
) -> PolicyDocument:
    normalized = plan_data.normalize_plan(plan)
    return PolicyDocument.objects.create(
        program=program,
        version=version,
        title=(normalized["title"] or "")[:300],
        issuer=normalized["issuer"] or [],
        doc_number=(normalized["doc_number"] or "")[:64],
        date=plan_data.parse_date(normalized["date"]),
        source_name=source_name[:255],
        text=text,
        sha256=_sha256(text),
        plan=normalized,
        uploaded_by=acting_user,
    )


def _document_summary(document: PolicyDocument) -> dict[str, Any]:
    return {
        "version": document.version,
        "source_name": document.source_name,
        "sha256": document.sha256,
        "tasks": len(document.plan["tasks"]),
        "targets": len(document.plan["targets"]),
    }

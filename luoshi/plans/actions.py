"""Writes for programs and plans: import, review, publish, re-import. Each is one transaction."""

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.org.actions import do_create_unit
from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Region, Unit, User
from luoshi.org.permissions import check_office
from luoshi.org.queries import match_unit_name
from luoshi.parsing.model import json_number
from luoshi.plans import plan_data
from luoshi.plans.diff import TargetSnapshot, TaskSnapshot, diff_plans
from luoshi.plans.models import (
    DocumentUnitName,
    PolicyDocument,
    Program,
    Responsibility,
    Section,
    Target,
    Task,
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


def _plan_task(document: PolicyDocument, path: str) -> dict[str, Any]:
    for task in document.plan["tasks"]:
        if task["path"] == path:
            return task  # type: ignore[no-any-return]
    raise ValidationError(_("找不到条款 %(path)s 的任务。") % {"path": path})


def _clean_names(names: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def do_update_plan_task(
    document: PolicyDocument,
    *,
    path: str,
    units: Sequence[str],
    lead_units: Sequence[str],
    acting_user: User | None,
) -> dict[str, Any]:
    """Set one task's units and lead units in the document's plan; the lead counts as confirmed."""
    _check_actor(acting_user)
    with transaction.atomic():
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        _check_draft(document)
        task = _plan_task(document, path)
        new_units = _clean_names(units)
        new_leads = _clean_names(lead_units)
        if not new_units:
            raise ValidationError(_("每项任务至少要有一个责任单位。"))
        if not new_leads:
            raise ValidationError(_("请指定牵头单位。"))
        outside = [u for u in new_leads if u not in new_units]
        if outside:
            raise ValidationError(
                _("牵头单位必须是责任单位之一：%(names)s") % {"names": "、".join(outside)}
            )
        old = {"units": task["units"], "lead_units": task["lead_units"]}
        task["units"] = new_units
        task["lead_units"] = new_leads
        task["lead_confirmed"] = True
        task["generic_units"] = [u for u in task.get("generic_units", []) if u in new_units]
        document.save(update_fields=["plan"])
        _sync_unit_names(document)
        record_event(
            actor=acting_user,
            action="plans.plan.update_task",
            obj=document,
            old={"path": path, **old},
            new={"path": path, "units": new_units, "lead_units": new_leads},
        )
    return task


def do_confirm_plan_leads(document: PolicyDocument, *, acting_user: User | None) -> int:
    """Confirm every inferred lead unit (the first listed) as it stands; return how many."""
    _check_actor(acting_user)
    with transaction.atomic():
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        _check_draft(document)
        paths = [
            t["path"]
            for t in document.plan["tasks"]
            if t["units"] and not t.get("lead_explicit") and not t.get("lead_confirmed")
        ]
        for task in document.plan["tasks"]:
            if task["path"] in paths:
                task["lead_confirmed"] = True
        document.save(update_fields=["plan"])
        record_event(
            actor=acting_user,
            action="plans.plan.confirm_leads",
            obj=document,
            new={"paths": paths},
        )
    return len(paths)


def do_map_unit_name(
    document: PolicyDocument,
    *,
    verbatim_name: str,
    unit: Unit | None = None,
    new_unit_kind: str | None = None,
    acting_user: User | None,
) -> DocumentUnitName:
    """Map a name as written to a registry unit, or create a new unit of that name."""
    _check_actor(acting_user)
    if (unit is None) == (new_unit_kind is None):
        raise ValidationError(_("请选择名录中的单位，或选择新建单位。"))
    if new_unit_kind is not None and new_unit_kind not in Unit.Kind.values:
        raise ValidationError(_("单位类型不正确。"))
    with transaction.atomic():
        _check_draft(document)
        try:
            row = DocumentUnitName.objects.select_for_update().get(
                document=document, verbatim_name=verbatim_name
            )
        except DocumentUnitName.DoesNotExist:
            raise ValidationError(
                _("计划中没有单位名称“%(name)s”。") % {"name": verbatim_name}
            ) from None
        old = {"verbatim_name": verbatim_name, "unit": row.unit_id, "source": row.source}
        if unit is None:
            if acting_user is None:
                raise ValidationError(_("新建单位须由督查办人员操作。"))
            unit = do_create_unit(
                name=verbatim_name, kind=str(new_unit_kind), acting_user=acting_user
            )
            row.source = DocumentUnitName.Source.CREATED
        else:
            row.source = DocumentUnitName.Source.OFFICE
        row.unit = unit
        row.save(update_fields=["unit", "source"])
        record_event(
            actor=acting_user,
            action="plans.plan.map_unit_name",
            obj=document,
            old=old,
            new={"verbatim_name": verbatim_name, "unit": unit.pk, "source": row.source},
        )
    return row


def do_update_plan_target(
    document: PolicyDocument,
    *,
    index: int,
    value: Decimal | None,
    year: int | None,
    unit: str | None = None,
    acting_user: User | None,
) -> dict[str, Any]:
    """Correct one target's value, year and unit of measure in the document's plan."""
    _check_actor(acting_user)
    if year is not None and not 1949 <= year <= 2100:
        raise ValidationError(_("年份应在 1949 到 2100 之间。"))
    with transaction.atomic():
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        _check_draft(document)
        targets = document.plan["targets"]
        if not 0 <= index < len(targets):
            raise ValidationError(_("找不到该量化目标。"))
        target = targets[index]
        old = {"index": index, "value": target["value"], "year": target["year"]}
        target["value"] = json_number(value)
        target["year"] = year
        new = {"index": index, "value": target["value"], "year": year}
        if unit is not None:
            old["unit"] = target["unit"]
            target["unit"] = unit.strip() or None
            new["unit"] = target["unit"]
        document.save(update_fields=["plan"])
        record_event(
            actor=acting_user, action="plans.plan.update_target", obj=document, old=old, new=new
        )
    return target  # type: ignore[no-any-return]


def unmapped_names(document: PolicyDocument) -> list[str]:
    """Return the unit names in the plan that no registry unit stands for yet."""
    names = plan_data.unit_names(document.plan)
    mapped = set(
        document.unit_names.filter(unit__isnull=False).values_list("verbatim_name", flat=True)
    )
    return [n for n in names if n not in mapped]


def _unit_map(document: PolicyDocument) -> dict[str, Unit]:
    return {
        n.verbatim_name: n.unit
        for n in document.unit_names.select_related("unit")
        if n.unit is not None
    }


def published_snapshots(
    program: Program,
) -> tuple[tuple[TaskSnapshot, ...], tuple[TargetSnapshot, ...]]:
    """Return the program's active tasks and targets as they stand, for diffing."""
    tasks = program.tasks.filter(is_active=True).prefetch_related("responsibilities__unit")
    task_snaps = tuple(
        TaskSnapshot(
            path=t.path,
            title=t.title,
            text=t.text,
            units=tuple(r.unit.name for r in t.responsibilities.all()),
            lead_units=tuple(
                r.unit.name for r in t.responsibilities.all() if r.role == Responsibility.Role.LEAD
            ),
        )
        for t in tasks
    )
    target_snaps = tuple(
        TargetSnapshot(
            indicator=t.indicator_name,
            value=t.value.normalize() if t.value is not None else None,
            unit=t.unit,
            year=t.year,
            comparator=t.comparator,
            task_path=t.path,
        )
        for t in program.targets.filter(is_active=True)
    )
    return task_snaps, target_snaps


def plan_snapshots(
    document: PolicyDocument,
) -> tuple[tuple[TaskSnapshot, ...], tuple[TargetSnapshot, ...]]:
    """Return a document's reviewed plan as snapshots keyed by registry unit names."""
    keys = {name: unit.name for name, unit in _unit_map(document).items()}
    targets = tuple(plan_data.target_snapshot(t) for t in document.plan["targets"])
    return plan_data.task_snapshots(document.plan, keys), tuple(
        TargetSnapshot(
            indicator=t.indicator,
            value=t.value.normalize() if t.value is not None else None,
            unit=t.unit,
            year=t.year,
            comparator=t.comparator,
            task_path=t.task_path,
        )
        for t in targets
    )


def _publish_sections(program: Program, plan: Mapping[str, Any]) -> dict[str, Section]:
    items = plan_data.section_items(plan)
    existing = {s.path: s for s in program.sections.all()}
    by_path: dict[str, Section] = {}
    for order, item in enumerate(items):
        path = item["path"][:64]
        section = existing.get(path) or Section(program=program, path=path)
        section.title = (item.get("title") or "")[:300]
        section.order = order
        parent_path = plan_data.nearest_ancestor(path, set(by_path), include_self=False)
        section.parent = by_path[parent_path] if parent_path else None
        section.save()
        by_path[path] = section
    # A section the revision dropped goes, unless a kept (inactive) task still points at it.
    (
        program.sections.exclude(path__in=by_path)
        .filter(tasks__isnull=True, targets__isnull=True)
        .delete()
    )
    return by_path


def _sync_responsibilities(
    task: Task, plan_task: Mapping[str, Any], units: dict[str, Unit]
) -> None:
    leads = set(plan_task["lead_units"])
    explicit = bool(plan_task.get("lead_explicit"))
    wanted: dict[int, Responsibility] = {}
    for name in plan_task["units"]:
        unit = units[name]
        role = Responsibility.Role.LEAD if name in leads else Responsibility.Role.CO
        if unit.pk in wanted:
            # Two names for one unit (e.g. 省国税局 and 省地税局 after their merger): one row.
            row = wanted[unit.pk]
            row.verbatim_name = f"{row.verbatim_name}、{name}"[:128]
            if role == Responsibility.Role.LEAD:
                row.role = role
            continue
        wanted[unit.pk] = Responsibility(
            task=task,
            unit=unit,
            role=role,
            is_explicit=explicit if role == Responsibility.Role.LEAD else True,
            verbatim_name=name[:128],
            order=len(wanted),
        )
    current = {r.unit_id: r for r in task.responsibilities.all()}
    task.responsibilities.exclude(unit_id__in=wanted).delete()
    for unit_id, row in wanted.items():
        if unit_id in current:
            kept = current[unit_id]
            kept.role, kept.is_explicit = row.role, row.is_explicit
            kept.verbatim_name, kept.order = row.verbatim_name, row.order
            kept.save(update_fields=["role", "is_explicit", "verbatim_name", "order"])
        else:
            row.save()


def _task_values(plan_task: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "path": plan_task["path"][:64],
        "title": (plan_task.get("title") or "")[:300],
        "text": plan_task.get("text") or "",
        "level": plan_task.get("level") or Task.Level.ITEM,
        "responsibility_text": plan_task.get("responsibility_text") or "",
        "deadline": plan_data.deadline_date(plan_task.get("deadline")),
    }


def _target_values(target: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "text": target.get("text") or "",
        "indicator_name": (target.get("indicator") or "")[:200],
        "value": plan_data.to_decimal(target.get("value")),
        "value_min": plan_data.to_decimal(target.get("value_min")),
        "unit": (target.get("unit") or "")[:32],
        "comparator": target.get("comparator") or Target.Comparator.GTE,
        "year": target.get("year"),
        "period": (target.get("period") or "")[:64],
        "scope": (target.get("scope") or "")[:64],
        "path": (target.get("task_path") or "")[:64],
    }


def _publish_tasks(
    program: Program,
    document: PolicyDocument,
    sections: dict[str, Section],
    units: dict[str, Unit],
    acting_user: User | None,
) -> dict[str, int]:
    old_snaps, _targets = published_snapshots(program)
    new_snaps, _new_targets = plan_snapshots(document)
    diff = diff_plans(old_snaps, new_snaps)
    old_rows = {t.path: t for t in program.tasks.filter(is_active=True)}
    matched = {m.new_path: old_rows[m.old_path] for m in diff.matches}
    changed_paths = {c.new.path for c in diff.tasks_changed}
    # Step aside first so renumbered tasks never collide on the active-path constraint.
    program.tasks.filter(is_active=True).update(is_active=False)
    section_paths = set(sections)
    for order, plan_task in enumerate(document.plan["tasks"]):
        values = _task_values(plan_task)
        section_path = plan_data.nearest_ancestor(
            plan_task["path"], section_paths, include_self=False
        )
        values["section"] = sections[section_path] if section_path else None
        values["order"] = order
        values["is_active"] = True
        task = matched.get(plan_task["path"])
        if task is None:
            task = Task.objects.create(program=program, **values)
            record_event(
                actor=acting_user,
                action="plans.task.create",
                obj=task,
                new=snapshot(task, TASK_FIELDS),
            )
        else:
            old = snapshot(task, TASK_FIELDS)
            old["is_active"] = True
            for field, value in values.items():
                setattr(task, field, value)
            task.save()
            if plan_task["path"] in changed_paths:
                new = snapshot(task, TASK_FIELDS)
                record_event(
                    actor=acting_user,
                    action="plans.task.update",
                    obj=task,
                    old={k: v for k, v in old.items() if new[k] != v} | {"units": _names(task)},
                    new={k: v for k, v in new.items() if old[k] != v}
                    | {"units": list(plan_task["units"])},
                )
        _sync_responsibilities(task, plan_task, units)
    for removed in diff.tasks_removed:
        task = old_rows[removed.path]
        record_event(
            actor=acting_user,
            action="plans.task.deactivate",
            obj=task,
            old={"is_active": True},
            new={"is_active": False},
        )
    return {
        "tasks_added": len(diff.tasks_added),
        "tasks_removed": len(diff.tasks_removed),
        "tasks_changed": len(diff.tasks_changed),
        "tasks_unchanged": len(diff.tasks_unchanged),
    }


def _names(task: Task) -> list[str]:
    return [r.verbatim_name for r in task.responsibilities.all()]


def _publish_targets(
    program: Program,
    document: PolicyDocument,
    sections: dict[str, Section],
    moved: dict[str, str],
) -> dict[str, int]:
    tasks = {t.path: t for t in program.tasks.filter(is_active=True)}
    old_rows: dict[tuple[str, str], Target] = {}
    for row in program.targets.filter(is_active=True).order_by("order"):
        old_rows.setdefault((moved.get(row.path, row.path), row.indicator_name), row)
    kept: set[int] = set()
    added = 0
    for order, target in enumerate(document.plan["targets"]):
        values = _target_values(target)
        values["order"] = order
        values["is_active"] = True
        path = values["path"]
        task_path = (
            plan_data.nearest_ancestor(path, set(tasks), include_self=True) if path else None
        )
        section_path = (
            plan_data.nearest_ancestor(path, set(sections), include_self=True) if path else None
        )
        values["task"] = tasks[task_path] if task_path else None
        values["section"] = sections[section_path] if section_path else None
        found = old_rows.pop((path, values["indicator_name"]), None)
        row = found if found is not None else Target(program=program)
        if found is None:
            added += 1
        for field, value in values.items():
            setattr(row, field, value)
        row.save()
        kept.add(row.pk)
    removed = program.targets.filter(is_active=True).exclude(pk__in=kept).update(is_active=False)
    return {"targets_added": added, "targets_removed": removed}


def do_publish_plan(document: PolicyDocument, *, acting_user: User | None) -> Program:
    """Turn a reviewed plan into sections, tasks, responsibilities and targets; publish."""
    _check_actor(acting_user)
    with transaction.atomic():
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        _check_draft(document)
        program = document.program
        latest = program.documents.aggregate(m=Max("version"))["m"]
        if document.version != latest:
            raise ValidationError(_("只能发布最新版本。"))
        missing = unmapped_names(document)
        if missing:
            raise ValidationError(
                _("以下单位名称尚未对应到单位名录，请先逐一确认：%(names)s")
                % {"names": "、".join(missing)}
            )
        units = _unit_map(document)
        old_snaps, _old_targets = published_snapshots(program)
        new_snaps, _new_targets = plan_snapshots(document)
        moved = {
            m.old_path: m.new_path
            for m in diff_plans(old_snaps, new_snaps).matches
            if m.old_path != m.new_path
        }
        sections = _publish_sections(program, document.plan)
        counts = _publish_tasks(program, document, sections, units, acting_user)
        counts |= _publish_targets(program, document, sections, moved)
        document.confirmed_at = timezone.now()
        document.save(update_fields=["confirmed_at"])
        old_status = program.status
        program.status = Program.Status.PUBLISHED
        program.save(update_fields=["status", "updated_at"])
        record_event(
            actor=acting_user,
            action="plans.program.publish",
            obj=program,
            old={"status": old_status},
            new={"status": program.status, "version": document.version, **counts},
        )
    return program

"""Publish a reviewed plan: sections, tasks, responsibilities and targets become rows."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Unit, User
from luoshi.plans import plan_data
from luoshi.plans.actions.common import (
    TASK_FIELDS,
    _check_actor,
    _check_draft,
)
from luoshi.plans.actions.review import unmapped_names
from luoshi.plans.diff import TargetSnapshot, TaskSnapshot, diff_plans
from luoshi.plans.models import (
    PolicyDocument,
    Program,
    Responsibility,
    Section,
    Target,
    Task,
)


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

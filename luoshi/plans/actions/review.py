"""Corrections the office makes to a plan under review."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.org.actions import do_create_unit
from luoshi.org.audit import record_event
from luoshi.org.models import Unit, User
from luoshi.parsing.model import json_number
from luoshi.plans import plan_data
from luoshi.plans.actions.common import (
    _check_actor,
    _check_draft,
    _sync_unit_names,
)
from luoshi.plans.models import (
    DocumentUnitName,
    PolicyDocument,
)


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

"""Writes to the unit registry: units, aliases, merges and successions."""

from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Region, Unit, UnitAlias, User
from luoshi.org.names import normalize_unit_name
from luoshi.org.permissions import check_office

UNIT_FIELDS = ["name", "full_name", "kind", "region", "successor", "succeeded_on", "is_active"]


def _check_name_free(text: str, *, field: str, ignore_unit: Unit | None = None) -> str:
    """Return the key of text, or raise when a unit name or alias already uses it."""
    key = normalize_unit_name(text)
    if not key:
        raise ValidationError({field: _("不能为空。")})
    units = Unit.objects.filter(name_key=key)
    if ignore_unit is not None:
        units = units.exclude(pk=ignore_unit.pk)
    taken = units.first()
    if taken is not None:
        raise ValidationError(
            {field: _("“%(text)s”已是单位“%(unit)s”的名称。") % {"text": text, "unit": taken}}
        )
    alias = UnitAlias.objects.select_related("unit").filter(alias_key=key).first()
    if alias is not None and (ignore_unit is None or alias.unit_id != ignore_unit.pk):
        raise ValidationError(
            {field: _("“%(text)s”已是单位“%(unit)s”的别名。") % {"text": text, "unit": alias.unit}}
        )
    return key


def _check_kind(kind: str) -> None:
    if kind not in Unit.Kind.values:
        raise ValidationError({"kind": _("未知的单位类型“%(kind)s”。") % {"kind": kind}})


@transaction.atomic
def do_create_unit(
    *,
    name: str,
    kind: str,
    full_name: str = "",
    region: Region | None = None,
    acting_user: User,
) -> Unit:
    """Create a unit in the registry."""
    check_office(acting_user)
    name = name.strip()
    _check_name_free(name, field="name")
    _check_kind(kind)
    unit = Unit.objects.create(name=name, full_name=full_name.strip(), kind=kind, region=region)
    record_event(
        actor=acting_user, action="org.unit.create", obj=unit, new=snapshot(unit, UNIT_FIELDS)
    )
    return unit


@transaction.atomic
def do_update_unit(
    unit: Unit,
    *,
    name: str,
    full_name: str,
    kind: str,
    region: Region | None,
    acting_user: User,
) -> Unit:
    """Change a unit's name, full name, kind and region; a replaced name stays as an alias."""
    check_office(acting_user)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    name = name.strip()
    old_name = unit.name
    renamed = normalize_unit_name(name) != unit.name_key
    if renamed:
        _check_name_free(name, field="name", ignore_unit=unit)
    _check_kind(kind)
    fields = ["name", "full_name", "kind", "region"]
    before = snapshot(unit, fields)
    unit.name, unit.full_name, unit.kind, unit.region = name, full_name.strip(), kind, region
    after = snapshot(unit, fields)
    changed = [f for f in fields if before[f] != after[f]]
    if not changed:
        return unit
    if renamed:
        # The new name may have been one of the unit's aliases; it is a name now.
        UnitAlias.objects.filter(unit=unit, alias_key=normalize_unit_name(name)).delete()
    unit.save()
    if renamed:
        UnitAlias.objects.create(unit=unit, alias=old_name, kind=UnitAlias.Kind.FORMER)
    record_event(
        actor=acting_user,
        action="org.unit.update",
        obj=unit,
        old={f: before[f] for f in changed},
        new={f: after[f] for f in changed},
    )
    return unit


@transaction.atomic
def do_add_unit_alias(
    unit: Unit, *, alias: str, kind: str = UnitAlias.Kind.SHORT, acting_user: User
) -> UnitAlias:
    """Give a unit another name that documents use for it."""
    check_office(acting_user)
    alias = alias.strip()
    _check_name_free(alias, field="alias")
    if kind not in UnitAlias.Kind.values:
        raise ValidationError({"kind": _("未知的别名类型“%(kind)s”。") % {"kind": kind}})
    row = UnitAlias.objects.create(unit=unit, alias=alias, kind=kind)
    record_event(
        actor=acting_user,
        action="org.unit.alias_add",
        obj=unit,
        new={"alias": row.alias, "kind": row.kind},
    )
    return row


@transaction.atomic
def do_remove_unit_alias(alias: UnitAlias, *, acting_user: User) -> None:
    """Remove one alias from its unit."""
    check_office(acting_user)
    unit = alias.unit
    old = {"alias": alias.alias, "kind": alias.kind}
    alias.delete()
    record_event(actor=acting_user, action="org.unit.alias_remove", obj=unit, old=old)


def _responsibility_model() -> type[models.Model]:
    # plans sits above org; the merge touches Responsibility.unit through the app registry
    # instead of importing plans, so the layer contract holds.
    return apps.get_model("plans", "Responsibility")


def _move_responsibilities(keep: Unit, duplicate: Unit) -> dict[str, list[int]]:
    responsibility = _responsibility_model()
    moved: list[int] = []
    merged: list[int] = []
    rows: Any = responsibility._default_manager.filter(unit=duplicate).order_by("pk")
    for row in rows:
        existing: Any = responsibility._default_manager.filter(
            task_id=row.task_id, unit=keep
        ).first()
        if existing is None:
            row.unit = keep
            row.save(update_fields=["unit"])
            moved.append(row.pk)
            continue
        # Both units were named on one task: keep's row stays; lead wins over co.
        if row.role == "lead" and existing.role != "lead":
            existing.role = "lead"
            existing.is_explicit = row.is_explicit
            existing.save(update_fields=["role", "is_explicit"])
        merged.append(row.pk)
        row.delete()
    return {"responsibilities_moved": moved, "responsibilities_merged": merged}


def _move_other_references(keep: Unit, duplicate: Unit, handled: set[str]) -> dict[str, int]:
    """Point every other foreign key at keep; refuse the merge where that breaks a constraint."""
    moved: dict[str, int] = {}
    # include_hidden: relations declared with related_name="+" still hold references.
    for relation in Unit._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.one_to_many):
            continue
        model = relation.related_model
        if model is None or model is Unit or isinstance(model, str):
            continue
        field_name = relation.field.name  # type: ignore[union-attr]
        label = f"{model._meta.label_lower}.{field_name}"
        if label in handled:
            continue
        rows = model._default_manager.filter(**{field_name: duplicate})
        try:
            with transaction.atomic():
                count = rows.update(**{field_name: keep})
        except IntegrityError:
            raise ValidationError(
                _("“%(model)s”中已有同时指向“%(keep)s”和“%(dup)s”的记录，暂不能自动合并。")
                % {"model": model._meta.verbose_name, "keep": keep, "dup": duplicate}
            ) from None
        if count:
            moved[label] = count
    return moved


@transaction.atomic
def do_merge_units(*, keep: Unit, duplicate: Unit, acting_user: User) -> Unit:
    """Fold a duplicate unit into keep: names, people, memberships and responsibilities."""
    check_office(acting_user)
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": _("不能把单位合并到它自己。")})
    keep = Unit.objects.select_for_update().get(pk=keep.pk)
    duplicate = Unit.objects.select_for_update().get(pk=duplicate.pk)
    before_duplicate = snapshot(duplicate, UNIT_FIELDS)

    alias_texts = list(duplicate.aliases.values_list("alias", flat=True))
    duplicate.aliases.update(unit=keep)
    UnitAlias.objects.create(unit=keep, alias=duplicate.name, kind=UnitAlias.Kind.FORMER)
    alias_texts.append(duplicate.name)
    full_key = normalize_unit_name(duplicate.full_name)
    if (
        full_key
        and full_key != keep.name_key
        and not UnitAlias.objects.filter(alias_key=full_key).exists()
    ):
        UnitAlias.objects.create(unit=keep, alias=duplicate.full_name, kind=UnitAlias.Kind.FULL)
        alias_texts.append(duplicate.full_name)

    user_ids = list(User.objects.filter(unit=duplicate).values_list("pk", flat=True))
    User.objects.filter(pk__in=user_ids).update(unit=keep)

    collective_ids = sorted(c.pk for c in duplicate.collectives.all() if c.pk != keep.pk)
    for collective in Unit.objects.filter(pk__in=collective_ids):
        collective.members.remove(duplicate)
        collective.members.add(keep)
    member_ids = sorted(m.pk for m in duplicate.members.all() if m.pk != keep.pk)
    keep.members.add(*member_ids)
    duplicate.members.clear()

    predecessor_ids = list(
        Unit.objects.filter(successor=duplicate).exclude(pk=keep.pk).values_list("pk", flat=True)
    )
    Unit.objects.filter(pk__in=predecessor_ids).update(successor=keep)
    if keep.successor_id == duplicate.pk:
        keep.successor = None
        keep.save(update_fields=["successor", "updated_at"])

    moves = _move_responsibilities(keep, duplicate)
    other_moves = _move_other_references(
        keep,
        duplicate,
        {"org.unitalias.unit", "org.user.unit", "org.unit.successor", "plans.responsibility.unit"},
    )

    record_event(
        actor=acting_user,
        action="org.unit.merged_into",
        obj=duplicate,
        old=before_duplicate,
        new={"merged_into": keep.pk, "merged_into_name": keep.name},
    )
    record_event(
        actor=acting_user,
        action="org.unit.merge",
        obj=keep,
        old={"duplicate": duplicate.pk, "duplicate_name": duplicate.name},
        new={
            "aliases_added": alias_texts,
            "users_moved": user_ids,
            "collectives_moved": collective_ids,
            "members_added": member_ids,
            "predecessors_moved": predecessor_ids,
            **moves,
            "other_references_moved": other_moves,
        },
    )
    duplicate.delete()
    return keep


@transaction.atomic
def do_record_succession(
    *, predecessor: Unit, successor: Unit, succeeded_on: date | None, acting_user: User
) -> Unit:
    """Record that successor took over predecessor's duties; the predecessor becomes inactive."""
    check_office(acting_user)
    if predecessor.pk == successor.pk:
        raise ValidationError({"successor": _("继任单位不能是单位自己。")})
    seen: set[int] = set()
    current: Unit | None = successor
    while current is not None and current.pk not in seen:
        if current.pk == predecessor.pk:
            raise ValidationError(
                {"successor": _("“%(unit)s”已由本单位继任，不能互为继任。") % {"unit": successor}}
            )
        seen.add(current.pk)
        current = current.successor
    predecessor = Unit.objects.select_for_update().get(pk=predecessor.pk)
    fields = ["successor", "succeeded_on", "is_active"]
    before = snapshot(predecessor, fields)
    predecessor.successor = successor
    predecessor.succeeded_on = succeeded_on
    predecessor.is_active = False
    predecessor.save()
    record_event(
        actor=acting_user,
        action="org.unit.succession",
        obj=predecessor,
        old=before,
        new=snapshot(predecessor, fields),
    )
    return predecessor

"""What a round asks for: (item, reporting unit, role), collectives and successors resolved."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from luoshi.core.periods import Period
from luoshi.org.models import Unit
from luoshi.plans.models import Program, Responsibility, Task
from luoshi.supervision.models import Decision, DecisionOwner


@dataclass(frozen=True)
class Ask:
    unit_id: int
    role: str
    task_id: int | None = None
    decision_id: int | None = None


def _reporting_units(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """Map each unit to the units that report for it: collective members, current successors."""
    wanted = set(unit_ids)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=wanted)}
    members: dict[int, list[int]] = defaultdict(list)
    collective_ids = [u.pk for u in units.values() if u.is_collective]
    through = Unit.members.through
    for from_id, to_id in through.objects.filter(from_unit_id__in=collective_ids).values_list(
        "from_unit_id", "to_unit_id"
    ):
        members[from_id].append(to_id)
    successors = dict(
        Unit.objects.filter(successor__isnull=False).values_list("id", "successor_id")
    )

    def current(unit_id: int) -> int:
        seen = {unit_id}
        while unit_id in successors and successors[unit_id] not in seen:
            unit_id = successors[unit_id]
            seen.add(unit_id)
        return unit_id

    out: dict[int, list[int]] = {}
    for unit_id in wanted:
        sources = sorted(members[unit_id]) if unit_id in members else [unit_id]
        out[unit_id] = list(dict.fromkeys(current(s) for s in sources))
    return out


def _expand(rows: list[tuple[int, int, str]]) -> dict[tuple[int, int], str]:
    """Return {(item id, reporting unit): role} with lead winning over co for a unit."""
    mapping = _reporting_units(u for _, u, _ in rows)
    out: dict[tuple[int, int], str] = {}
    for item_id, unit_id, role in rows:
        for reporter in mapping.get(unit_id, [unit_id]):
            key = (item_id, reporter)
            if out.get(key) != Responsibility.Role.LEAD:
                out[key] = role
    return out


def responsible_units(
    *, task: Task | None = None, decision: Decision | None = None
) -> dict[int, str]:
    """Return {reporting unit id: role} for one item, collectives expanded, successors followed."""
    if task is not None:
        rows = [
            (task.pk, u, r)
            for u, r in Responsibility.objects.filter(task=task).values_list("unit_id", "role")
        ]
    else:
        assert decision is not None
        rows = [
            (decision.pk, u, r)
            for u, r in DecisionOwner.objects.filter(decision=decision).values_list(
                "unit_id", "role"
            )
        ]
    return {unit_id: role for (_, unit_id), role in _expand(rows).items()}


def round_asks(program: Program, period: Period) -> list[Ask]:
    """Return every (item, unit) a round for the period asks a report from."""
    task_rows = list(
        Responsibility.objects.filter(task__program=program, task__is_active=True).values_list(
            "task_id", "unit_id", "role"
        )
    )
    decision_rows = list(
        DecisionOwner.objects.filter(
            decision__program=program,
            decision__status=Decision.Status.OPEN,
            decision__meeting__date__lte=period.end,
        )
        .filter(Q(decision__deadline__isnull=True) | Q(decision__deadline__gte=period.start))
        .values_list("decision_id", "unit_id", "role")
    )
    asks = [Ask(unit_id=u, role=r, task_id=t) for (t, u), r in _expand(task_rows).items()]
    asks += [Ask(unit_id=u, role=r, decision_id=d) for (d, u), r in _expand(decision_rows).items()]
    return sorted(asks, key=lambda a: (a.task_id or 0, a.decision_id or 0, a.role, a.unit_id))

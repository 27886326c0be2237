"""Compare a program's published plan with a revised one: pure, frozen dataclasses in and out."""

from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

# Two tasks at different paths are the same task when their titles (or, without titles, their
# texts) are at least this similar: renumbering a section must not orphan its reports.
TITLE_SIMILARITY = 0.6


@dataclass(frozen=True)
class TaskSnapshot:
    path: str
    title: str
    text: str
    # Unit keys in textual order: the registry name where mapped, else the name as written.
    units: tuple[str, ...]
    lead_units: tuple[str, ...]


@dataclass(frozen=True)
class TargetSnapshot:
    indicator: str
    value: Decimal | None
    unit: str
    year: int | None
    comparator: str
    task_path: str


@dataclass(frozen=True)
class TaskMatch:
    old_path: str
    new_path: str
    # "path" when the paths are equal, "title" when matched by similarity after renumbering.
    matched_by: str


@dataclass(frozen=True)
class TaskChange:
    old: TaskSnapshot
    new: TaskSnapshot
    matched_by: str
    is_path_changed: bool
    is_title_changed: bool
    is_text_changed: bool
    units_added: tuple[str, ...]
    units_removed: tuple[str, ...]
    is_lead_changed: bool

    @property
    def is_units_changed(self) -> bool:
        return bool(self.units_added or self.units_removed or self.is_lead_changed)


@dataclass(frozen=True)
class TargetChange:
    old: TargetSnapshot
    new: TargetSnapshot


@dataclass(frozen=True)
class PlanDiff:
    matches: tuple[TaskMatch, ...]
    tasks_added: tuple[TaskSnapshot, ...]
    tasks_removed: tuple[TaskSnapshot, ...]
    tasks_changed: tuple[TaskChange, ...]
    tasks_unchanged: tuple[TaskSnapshot, ...]
    targets_added: tuple[TargetSnapshot, ...]
    targets_removed: tuple[TargetSnapshot, ...]
    targets_changed: tuple[TargetChange, ...]

    @property
    def target_change_count(self) -> int:
        return len(self.targets_added) + len(self.targets_removed) + len(self.targets_changed)

    @property
    def is_empty(self) -> bool:
        return not (
            self.tasks_added
            or self.tasks_removed
            or self.tasks_changed
            or self.targets_added
            or self.targets_removed
            or self.targets_changed
        )


def similarity(a: TaskSnapshot, b: TaskSnapshot) -> float:
    """Return how alike two tasks read, 0 to 1, by title when both have one, else by text."""
    if a.title and b.title:
        return SequenceMatcher(None, a.title, b.title, autojunk=False).ratio()
    return SequenceMatcher(None, a.text[:500], b.text[:500], autojunk=False).ratio()


def match_tasks(
    old: tuple[TaskSnapshot, ...], new: tuple[TaskSnapshot, ...]
) -> tuple[TaskMatch, ...]:
    """Return pairs of old and new tasks that are the same task: by path, then by title."""
    new_by_path = {t.path: t for t in new}
    # 1. Same path and a similar title: the usual case, a task edited in place.
    matches = [
        TaskMatch(o.path, o.path, "path")
        for o in old
        if o.path in new_by_path and similarity(o, new_by_path[o.path]) >= TITLE_SIMILARITY
    ]
    matched_old = {m.old_path for m in matches}
    matched_new = {m.new_path for m in matches}
    # 2. A similar title under another path: the task was renumbered.
    candidates = sorted(
        (
            (similarity(o, n), i, j)
            for i, o in enumerate(old)
            if o.path not in matched_old
            for j, n in enumerate(new)
            if n.path not in matched_new
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    for score, i, j in candidates:
        if score < TITLE_SIMILARITY:
            break
        if old[i].path in matched_old or new[j].path in matched_new:
            continue
        matches.append(TaskMatch(old[i].path, new[j].path, "title"))
        matched_old.add(old[i].path)
        matched_new.add(new[j].path)
    # 3. Same path left on both sides: the task was rewritten where it stood.
    for o in old:
        if o.path not in matched_old and o.path in new_by_path and o.path not in matched_new:
            matches.append(TaskMatch(o.path, o.path, "path"))
            matched_old.add(o.path)
            matched_new.add(o.path)
    order = {t.path: k for k, t in enumerate(new)}
    return tuple(sorted(matches, key=lambda m: order[m.new_path]))


def _target_terms(t: TargetSnapshot) -> tuple[object, ...]:
    return (t.value, t.unit, t.year, t.comparator)


def diff_plans(
    old_tasks: tuple[TaskSnapshot, ...],
    new_tasks: tuple[TaskSnapshot, ...],
    old_targets: tuple[TargetSnapshot, ...] = (),
    new_targets: tuple[TargetSnapshot, ...] = (),
) -> PlanDiff:
    """Return what a revised plan adds, removes and changes against the published one."""
    matches = match_tasks(old_tasks, new_tasks)
    old_by_path = {t.path: t for t in old_tasks}
    new_by_path = {t.path: t for t in new_tasks}
    changed: list[TaskChange] = []
    unchanged: list[TaskSnapshot] = []
    for m in matches:
        o, n = old_by_path[m.old_path], new_by_path[m.new_path]
        change = TaskChange(
            old=o,
            new=n,
            matched_by=m.matched_by,
            is_path_changed=o.path != n.path,
            is_title_changed=o.title != n.title,
            is_text_changed=o.text != n.text,
            units_added=tuple(u for u in n.units if u not in o.units),
            units_removed=tuple(u for u in o.units if u not in n.units),
            is_lead_changed=set(o.lead_units) != set(n.lead_units),
        )
        if (
            change.is_path_changed
            or change.is_title_changed
            or change.is_text_changed
            or change.is_units_changed
        ):
            changed.append(change)
        else:
            unchanged.append(n)
    matched_old = {m.old_path for m in matches}
    matched_new = {m.new_path for m in matches}

    # A target follows its task when the task is renumbered.
    moved = {m.old_path: m.new_path for m in matches}
    old_targets_by_key = {
        (moved.get(t.task_path, t.task_path), t.indicator): t for t in old_targets
    }
    new_targets_by_key = {(t.task_path, t.indicator): t for t in new_targets}
    targets_changed = tuple(
        TargetChange(old_targets_by_key[k], t)
        for k, t in new_targets_by_key.items()
        if k in old_targets_by_key and _target_terms(old_targets_by_key[k]) != _target_terms(t)
    )
    return PlanDiff(
        matches=matches,
        tasks_added=tuple(t for t in new_tasks if t.path not in matched_new),
        tasks_removed=tuple(t for t in old_tasks if t.path not in matched_old),
        tasks_changed=tuple(changed),
        tasks_unchanged=tuple(unchanged),
        targets_added=tuple(
            t for k, t in new_targets_by_key.items() if k not in old_targets_by_key
        ),
        targets_removed=tuple(
            t for k, t in old_targets_by_key.items() if k not in new_targets_by_key
        ),
        targets_changed=targets_changed,
    )

"""Reads for programs and plans, scoped to the user: missing and forbidden both raise Http404."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_signed_in, own_unit_ids
from luoshi.plans.models import PolicyDocument, Program, Responsibility, Section, Target, Task

TASK_STATUSES = ("active", "removed", "all")


def _ordered_responsibilities() -> "Prefetch[str]":
    return Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("unit").order_by("order"),
    )


def own_units(user: User) -> set[int]:
    """Return own_unit_ids(user), computed once per user object (one request)."""
    cached: set[int] | None = getattr(user, "_plans_own_unit_ids", None)
    if cached is None:
        cached = own_unit_ids(user)
        user._plans_own_unit_ids = cached  # type: ignore[attr-defined]
    return cached


def _own_responsibility(user: User, **extra: object) -> Exists:
    return Exists(
        Responsibility.objects.filter(task=OuterRef("pk"), unit_id__in=own_units(user), **extra)
    )


def list_programs(user: User) -> QuerySet[Program]:
    """Return the programs the user may open, with task and unit counts."""
    user = check_signed_in(user)
    active = Q(tasks__is_active=True)
    programs = Program.objects.select_related("region").annotate(
        task_count=Count("tasks", filter=active, distinct=True),
        unit_count=Count("tasks__responsibilities__unit", filter=active, distinct=True),
    )
    if user.reads_everything:
        return programs.order_by("-created_at")
    own = own_units(user)
    return (
        programs.filter(status=Program.Status.PUBLISHED)
        .filter(
            Exists(
                Responsibility.objects.filter(
                    task__program=OuterRef("pk"), task__is_active=True, unit_id__in=own
                )
            )
        )
        .annotate(
            my_task_count=Count(
                "tasks",
                filter=active & Q(tasks__responsibilities__unit_id__in=own),
                distinct=True,
            )
        )
        .order_by("-created_at")
    )


def access_program(user: User, program_id: int) -> Program:
    """Return the program when the user may open it; otherwise raise Http404."""
    program = list_programs(user).filter(pk=program_id).first()
    if program is None:
        raise Http404
    return program


def access_document(user: User, document_id: int) -> PolicyDocument:
    """Return a policy document (office only, it holds the plan under review)."""
    user = check_signed_in(user)
    if not user.is_office:
        raise Http404
    document = PolicyDocument.objects.select_related("program").filter(pk=document_id).first()
    if document is None:
        raise Http404
    return document


def latest_document(program: Program) -> PolicyDocument | None:
    """Return the program's newest document version."""
    return program.documents.order_by("-version").first()


def published_document(program: Program) -> PolicyDocument | None:
    """Return the document version the program's rows come from."""
    return program.documents.filter(confirmed_at__isnull=False).order_by("-version").first()


def list_tasks(
    user: User,
    program: Program,
    *,
    section: Section | None = None,
    unit: Unit | None = None,
    role: str | None = None,
    status: str | None = None,
    q: str | None = None,
) -> QuerySet[Task]:
    """Return the program's tasks the user may see, filtered; active ones unless asked."""
    user = check_signed_in(user)
    tasks = Task.objects.filter(program=program)
    if not user.reads_everything:
        tasks = tasks.filter(_own_responsibility(user))
    if status == "removed":
        tasks = tasks.filter(is_active=False)
    elif status != "all":
        tasks = tasks.filter(is_active=True)
    if section is not None:
        tasks = tasks.filter(Q(section=section) | Q(path__startswith=f"{section.path}/"))
    if unit is not None or role:
        responsibilities = Responsibility.objects.filter(task=OuterRef("pk"))
        if unit is not None:
            responsibilities = responsibilities.filter(unit=unit)
        if role:
            responsibilities = responsibilities.filter(role=role)
        tasks = tasks.filter(Exists(responsibilities))
    if q:
        tasks = tasks.filter(
            Q(title__icontains=q)
            | Q(text__icontains=q)
            | Q(responsibility_text__icontains=q)
            | Q(path__icontains=q)
        )
    return (
        tasks.select_related("section")
        .prefetch_related(_ordered_responsibilities())
        .order_by("order", "pk")
    )


def access_task(user: User, task_id: int) -> Task:
    """Return the task when the user may see it; otherwise raise Http404."""
    user = check_signed_in(user)
    tasks = Task.objects.select_related("program", "section").prefetch_related(
        _ordered_responsibilities(),
        Prefetch("targets", queryset=Target.objects.filter(is_active=True).order_by("order")),
    )
    if not user.reads_everything:
        tasks = tasks.filter(_own_responsibility(user), program__status=Program.Status.PUBLISHED)
    task = tasks.filter(pk=task_id).first()
    if task is None:
        raise Http404
    return task


def my_tasks(user: User) -> QuerySet[Task]:
    """Return the active tasks of the user's units in published programs, lead tasks first."""
    user = check_signed_in(user)
    return (
        Task.objects.filter(
            _own_responsibility(user),
            is_active=True,
            program__status=Program.Status.PUBLISHED,
        )
        .annotate(is_mine_lead=_own_responsibility(user, role=Responsibility.Role.LEAD))
        .select_related("program", "section")
        .prefetch_related(_ordered_responsibilities())
        .order_by("-is_mine_lead", "program_id", "order")
    )


def unit_tasks(user: User, program: Program, unit: Unit) -> tuple[list[Task], list[Task]]:
    """Return the program's active tasks the unit leads, and those it joins as co-unit."""
    tasks = list(list_tasks(user, program, unit=unit))
    lead: list[Task] = []
    joined: list[Task] = []
    for task in tasks:
        roles = {r.role for r in task.responsibilities.all() if r.unit_id == unit.pk}
        (lead if Responsibility.Role.LEAD in roles else joined).append(task)
    return lead, joined


@dataclass(frozen=True)
class SectionCount:
    section: Section
    task_count: int


def section_task_counts(program: Program) -> list[SectionCount]:
    """Return the program's top-level sections with the number of active tasks under each."""
    sections = list(program.sections.filter(parent__isnull=True).order_by("order"))
    paths = list(program.tasks.filter(is_active=True).values_list("path", flat=True))
    return [
        SectionCount(s, sum(1 for p in paths if p == s.path or p.startswith(f"{s.path}/")))
        for s in sections
    ]


@dataclass(frozen=True)
class MatrixCell:
    lead: int = 0
    co: int = 0

    @property
    def total(self) -> int:
        return self.lead + self.co


@dataclass(frozen=True)
class MatrixRow:
    path: str
    title: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class ResponsibilityMatrix:
    units: tuple[Unit, ...]
    rows: tuple[MatrixRow, ...]
    unit_totals: tuple[MatrixCell, ...]
    max_total: int = field(default=0)


def responsibility_matrix(program: Program) -> ResponsibilityMatrix:
    """Return active-task counts by top-level section and unit, split into lead and co."""
    sections = list(program.sections.filter(parent__isnull=True).order_by("order"))
    counts: dict[tuple[str, int], list[int]] = {}
    units: dict[int, Unit] = {}
    totals: dict[int, list[int]] = {}
    rows_seen: dict[str, None] = {}
    responsibilities = Responsibility.objects.filter(
        task__program=program, task__is_active=True
    ).select_related("unit", "task")
    section_paths = {s.path for s in sections}
    for r in responsibilities:
        top = r.task.path.split("/")[0]
        row = top if top in section_paths else ""
        rows_seen.setdefault(row, None)
        units[r.unit_id] = r.unit
        index = 0 if r.role == Responsibility.Role.LEAD else 1
        counts.setdefault((row, r.unit_id), [0, 0])[index] += 1
        totals.setdefault(r.unit_id, [0, 0])[index] += 1
    unit_order = sorted(units, key=lambda u: (-sum(totals[u]), -totals[u][0], units[u].name))
    row_keys = [(s.path, f"{s.path}、{s.title}") for s in sections if s.path in rows_seen]
    if "" in rows_seen:
        row_keys.append(("", "—"))
    rows = tuple(
        MatrixRow(
            path=path,
            title=title,
            cells=tuple(MatrixCell(*counts.get((path, u), [0, 0])) for u in unit_order),
        )
        for path, title in row_keys
    )
    max_total = max((c.total for row in rows for c in row.cells), default=0)
    return ResponsibilityMatrix(
        units=tuple(units[u] for u in unit_order),
        rows=rows,
        unit_totals=tuple(MatrixCell(*totals[u]) for u in unit_order),
        max_total=max_total,
    )

import pytest
from django.http import Http404

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.plans import queries
from luoshi.plans.actions import do_start_program_import
from luoshi.plans.models import Program, Task
from luoshi.plans.tests.conftest import make_plan, make_published_program


@pytest.fixture
def program(office: User) -> Program:
    program, _document = make_published_program(acting_user=office)
    return program


def reporter_of(name: str) -> User:
    return make_user(f"r-{name}", role=User.Role.REPORTER, unit=Unit.objects.get(name=name))


def test_office_and_leader_see_every_program(office: User, leader: User, program: Program) -> None:
    draft = do_start_program_import(text="x", plan=make_plan(), acting_user=office).program
    assert list(queries.list_programs(office)) == [draft, program]
    assert list(queries.list_programs(leader)) == [draft, program]
    listed = queries.list_programs(office).get(pk=program.pk)
    assert (listed.task_count, listed.unit_count) == (3, 3)  # type: ignore[attr-defined]


def test_reporter_sees_published_programs_of_its_units(program: Program) -> None:
    reporter = reporter_of("省丙厅")
    listed = list(queries.list_programs(reporter))
    assert listed == [program]
    assert listed[0].my_task_count == 1  # type: ignore[attr-defined]
    outsider = make_user("x", role=User.Role.REPORTER, unit=make_unit("省无关厅"))
    assert list(queries.list_programs(outsider)) == []
    with pytest.raises(Http404):
        queries.access_program(outsider, program.pk)


def test_list_tasks_scopes_reporters_to_own_units(office: User, program: Program) -> None:
    reporter = reporter_of("省乙厅")
    assert [t.path for t in queries.list_tasks(reporter, program)] == ["一/（一）", "一/（二）"]
    assert [t.path for t in queries.list_tasks(office, program)] == [
        "一/（一）",
        "一/（二）",
        "二/（一）",
    ]


def test_list_tasks_filters(office: User, program: Program) -> None:
    jia = Unit.objects.get(name="省甲厅")
    section = program.sections.get(path="二")
    assert [t.path for t in queries.list_tasks(office, program, unit=jia, role="lead")] == [
        "一/（一）"
    ]
    assert [t.path for t in queries.list_tasks(office, program, unit=jia, role="co")] == [
        "二/（一）"
    ]
    assert [t.path for t in queries.list_tasks(office, program, section=section)] == ["二/（一）"]
    assert [t.path for t in queries.list_tasks(office, program, q="推进乙")] == ["一/（二）"]
    Task.objects.filter(path="一/（二）").update(is_active=False)
    assert [t.path for t in queries.list_tasks(office, program, status="removed")] == ["一/（二）"]
    assert len(queries.list_tasks(office, program, status="all")) == 3
    assert len(queries.list_tasks(office, program)) == 2


def test_access_task_is_404_for_another_units_task(program: Program) -> None:
    reporter = reporter_of("省丙厅")
    own = Task.objects.get(path="二/（一）")
    other = Task.objects.get(path="一/（二）")
    assert queries.access_task(reporter, own.pk) == own
    with pytest.raises(Http404):
        queries.access_task(reporter, other.pk)
    with pytest.raises(Http404):
        queries.access_task(reporter, 999999)


def test_successor_unit_sees_its_predecessors_tasks(program: Program) -> None:
    successor = make_unit("省新甲厅")
    Unit.objects.filter(name="省甲厅").update(successor=successor)
    reporter = make_user("new", role=User.Role.REPORTER, unit=successor)
    assert [t.path for t in queries.my_tasks(reporter)] == ["一/（一）", "二/（一）"]


def test_my_tasks_puts_lead_first(program: Program) -> None:
    reporter = reporter_of("省甲厅")
    tasks = list(queries.my_tasks(reporter))
    assert [(t.path, t.is_mine_lead) for t in tasks] == [  # type: ignore[attr-defined]
        ("一/（一）", True),
        ("二/（一）", False),
    ]


def test_responsibility_matrix_counts_lead_and_co(program: Program) -> None:
    matrix = queries.responsibility_matrix(program)
    # Most tasks first; ties by name.
    assert [u.name for u in matrix.units] == ["省乙厅", "省甲厅", "省丙厅"]
    assert [r.path for r in matrix.rows] == ["一", "二"]
    assert [(c.lead, c.co) for c in matrix.rows[0].cells] == [(1, 1), (1, 0), (0, 0)]
    assert [(c.lead, c.co) for c in matrix.rows[1].cells] == [(0, 0), (0, 1), (1, 0)]
    assert [(c.lead, c.co) for c in matrix.unit_totals] == [(1, 1), (1, 1), (1, 0)]
    assert matrix.max_total == 2


def test_unit_tasks_splits_lead_and_joined(office: User, program: Program) -> None:
    jia = Unit.objects.get(name="省甲厅")
    lead, joined = queries.unit_tasks(office, program, jia)
    assert ([t.path for t in lead], [t.path for t in joined]) == (["一/（一）"], ["二/（一）"])


def test_section_task_counts(program: Program) -> None:
    assert [(c.section.path, c.task_count) for c in queries.section_task_counts(program)] == [
        ("一", 2),
        ("二", 1),
    ]

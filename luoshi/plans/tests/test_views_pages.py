import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_user
from luoshi.plans.models import Program, Task
from luoshi.plans.tests.conftest import make_plan, make_plan_task, make_published_program


@pytest.fixture
def program(office: User) -> Program:
    tasks = [
        make_plan_task(f"{top}/（{n}）", [unit, "省乙厅"], title=f"任务{top}{n}")
        for top, unit in (("一", "省甲厅"), ("二", "省丙厅"))
        for n in ("一", "二", "三", "四", "五")
    ]
    program, _document = make_published_program(make_plan(tasks), acting_user=office)
    return program


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def reporter_of(name: str) -> User:
    return make_user(f"r-{name}", role=User.Role.REPORTER, unit=Unit.objects.get(name=name))


def test_anonymous_is_sent_to_login(client: Client, program: Program) -> None:
    task = Task.objects.first()
    assert task is not None
    for url in (
        reverse("plans:program_list"),
        reverse("plans:program_detail", args=[program.pk]),
        reverse("plans:task_list", args=[program.pk]),
        reverse("plans:task_detail", args=[task.pk]),
        reverse("plans:matrix", args=[program.pk]),
        reverse("web:my_tasks"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_reporter_sees_own_tasks_and_404_for_others(client: Client, program: Program) -> None:
    login(client, reporter_of("省甲厅"))
    response = client.get(reverse("plans:task_list", args=[program.pk]))
    assert [t.path for t in response.context["tasks"]] == [f"一/（{n}）" for n in "一二三四五"]
    own = Task.objects.get(path="一/（一）")
    other = Task.objects.get(path="二/（一）")
    assert client.get(reverse("plans:task_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("plans:task_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("plans:matrix", args=[program.pk])).status_code == 404


def test_office_sees_every_task(client: Client, office: User, program: Program) -> None:
    login(client, office)
    response = client.get(reverse("plans:task_list", args=[program.pk]))
    assert len(response.context["tasks"]) == 10
    other = Task.objects.get(path="二/（一）")
    page = client.get(reverse("plans:task_detail", args=[other.pk])).content.decode()
    assert "变更记录" in page
    assert "plans.task.create" in page


def test_task_list_filters_and_htmx_partial(client: Client, office: User, program: Program) -> None:
    login(client, office)
    bing = Unit.objects.get(name="省丙厅")
    url = reverse("plans:task_list", args=[program.pk])
    response = client.get(
        url, {"unit": str(bing.pk), "role": "lead"}, headers={"HX-Request": "true"}
    )
    assert [t.path for t in response.context["tasks"]] == [f"二/（{n}）" for n in "一二三四五"]
    assert response.content.decode().lstrip().startswith('<div id="task-results"')
    response = client.get(url, {"q": "不存在的词"})
    assert "没有符合条件的任务" in response.content.decode()


def test_task_list_query_count_is_fixed(
    client: Client,
    office: User,
    program: Program,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    login(client, office)
    # session, user, program, tasks, responsibilities+units, sections, units filter.
    with django_assert_max_num_queries(7):
        client.get(reverse("plans:task_list", args=[program.pk]))


def test_reporter_task_list_query_count_is_fixed(
    client: Client, program: Program, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    login(client, reporter_of("省乙厅"))
    # As the office's, plus own_unit_ids (2) and the reporter's unit in the header.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("plans:task_list", args=[program.pk]))
    assert len(response.context["tasks"]) == 10


def test_program_list_query_count_is_fixed(
    client: Client,
    office: User,
    program: Program,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    make_published_program(make_plan(title="另一份实施意见"), acting_user=office)
    login(client, office)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("plans:program_list"))
    assert len(response.context["programs"]) == 2


def test_program_list_empty_state_for_office(client: Client, office: User) -> None:
    login(client, office)
    html = client.get(reverse("plans:program_list")).content.decode()
    assert "还没有落实工作" in html
    assert reverse("plans:program_import") in html


def test_program_overview(client: Client, leader: User, program: Program) -> None:
    login(client, leader)
    response = client.get(reverse("plans:program_detail", args=[program.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert [(c.section.path, c.task_count) for c in response.context["sections"]] == [
        ("一", 5),
        ("二", 5),
    ]
    assert "牵头单位推定说明" in html


def test_matrix_and_unit_pages(client: Client, leader: User, program: Program) -> None:
    login(client, leader)
    response = client.get(reverse("plans:matrix", args=[program.pk]))
    assert response.status_code == 200
    assert [u.name for u in response.context["matrix"].units] == ["省乙厅", "省丙厅", "省甲厅"]
    jia = Unit.objects.get(name="省甲厅")
    response = client.get(reverse("plans:unit_tasks", args=[program.pk, jia.pk]))
    assert len(response.context["lead_tasks"]) == 5
    assert response.context["joined_tasks"] == []

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.org.models import Unit, User
from luoshi.org.tests.conftest import make_user
from luoshi.plans.tests.conftest import make_plan, make_plan_task, make_published_program


@pytest.fixture
def office(db: None) -> User:
    return make_user(
        "office", role=User.Role.OFFICE, display_name="督查办王某", phone="0931-0000000"
    )


@pytest.fixture
def programs(office: User) -> None:
    make_published_program(acting_user=office)
    make_published_program(
        make_plan(
            [
                make_plan_task(f"一/（{n}）", ["省乙厅", "省甲厅"], title=f"第二份{n}")
                for n in "一二三"
            ],
            title="第二份实施意见",
        ),
        acting_user=office,
    )


def test_lists_own_tasks_lead_first(client: Client, programs: None) -> None:
    client.force_login(
        make_user("r", role=User.Role.REPORTER, unit=Unit.objects.get(name="省甲厅"))
    )
    response = client.get(reverse("web:my_tasks"))
    lead = [(t.program.name, t.path) for t in response.context["lead_tasks"]]
    joined = [(t.program.name, t.path) for t in response.context["joined_tasks"]]
    assert lead == [("《关于测试的实施意见》落实工作", "一/（一）")]
    assert joined == [
        ("《关于测试的实施意见》落实工作", "二/（一）"),
        ("《第二份实施意见》落实工作", "一/（一）"),
        ("《第二份实施意见》落实工作", "一/（二）"),
        ("《第二份实施意见》落实工作", "一/（三）"),
    ]


def test_query_count_is_fixed(
    client: Client, programs: None, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(
        make_user("r", role=User.Role.REPORTER, unit=Unit.objects.get(name="省乙厅"))
    )
    # session, user, data revision, own_unit_ids (2), tasks, responsibilities+units, the
    # header's unit.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("web:my_tasks"))
    assert response.context["task_count"] == 5
    # The first answer set the CSRF cookie; the second is kept; the third, at the same data
    # revision, comes from the page cache: one query reads the session and the revision.
    kept = client.get(reverse("web:my_tasks"))
    with django_assert_max_num_queries(1):
        again = client.get(reverse("web:my_tasks"))
    assert again["X-Luoshi-Cache"] == "hit"
    assert again.content == kept.content


def test_empty_state_says_whom_to_contact(client: Client, office: User) -> None:
    client.force_login(make_user("r", role=User.Role.REPORTER))
    html = client.get(reverse("web:my_tasks")).content.decode()
    assert "暂无分配给本单位的任务" in html
    assert "请联系督查办" in html
    assert "督查办王某 · 0931-0000000" in html

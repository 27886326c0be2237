"""A reporter of 省委网信办 signs in on a phone and reads the unit's own tasks."""

import pytest
from playwright.sync_api import Page, expect

from luoshi.org.models import Unit
from luoshi.plans.models import Program, Responsibility, Task
from tests.browser.conftest import horizontal_overflow, log_in, screenshot

pytestmark = pytest.mark.browser


def _task_ids(page: Page, selector: str) -> list[int]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.pathname)")
    return [int(href.rstrip("/").rsplit("/", 1)[1]) for href in hrefs]


def test_reporter_sees_own_tasks_lead_first_on_a_phone(phone: Page, demo_program: None) -> None:
    page = phone
    unit = Unit.objects.get(name="省委网信办")
    published = Task.objects.filter(is_active=True, program__status=Program.Status.PUBLISHED)
    own = published.filter(responsibilities__unit=unit).distinct()
    lead = set(
        own.filter(
            responsibilities__unit=unit, responsibilities__role=Responsibility.Role.LEAD
        ).values_list("pk", flat=True)
    )
    assert (own.count(), len(lead)) == (22, 6)

    page.goto("/accounts/login/")
    expect(page.locator("h1")).to_have_text("登录")
    screenshot(page, "login-phone.png")
    assert horizontal_overflow(page) == 0

    log_in(page, "reporter-wxb")
    assert page.url.endswith("/my-tasks/")
    expect(page.locator("h1")).to_have_text("我的任务")
    expect(page.locator("dl.stats dd")).to_have_text([str(len(lead)), str(own.count() - len(lead))])
    shown = _task_ids(page, ".task-card .task-head a")
    assert sorted(shown) == sorted(own.values_list("pk", flat=True))
    assert set(shown[: len(lead)]) == lead
    assert set(_task_ids(page, "section:first-of-type .task-card .task-head a")) == lead
    expect(page.locator("main h2")).to_have_text(["本单位牵头", "本单位配合"])
    screenshot(page, "my-tasks-phone.png")
    assert horizontal_overflow(page) == 0

    task = Task.objects.get(pk=shown[0])
    page.locator(".task-card .task-head a").first.click()
    expect(page.locator("h1")).to_have_text(f"{task.path} {task.title}")
    expect(page.locator(".prose")).to_contain_text(task.text[:20])
    rows = page.locator("table.table tbody tr")
    expect(rows).to_have_count(task.responsibilities.count())
    mine = rows.filter(has_text="省委网信办")
    expect(mine.locator("td").nth(1)).to_have_text("牵头")
    expect(rows.filter(has_text="省发展改革委").locator("td").nth(1)).to_have_text("配合")
    # The unit list is below the task text on a phone: the screenshot shows it.
    page.locator("h2", has_text="责任分工").evaluate("h => h.scrollIntoView({block: 'start'})")
    screenshot(page, "task-detail-phone.png")
    assert horizontal_overflow(page) == 0

    other = published.exclude(responsibilities__unit=unit).order_by("order").first()
    assert other is not None
    response = page.goto(f"/programs/tasks/{other.pk}/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在")
    expect(page.locator("main")).not_to_contain_text(other.title)
    assert horizontal_overflow(page) == 0

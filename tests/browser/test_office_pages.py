"""The office reads the published Gansu program and the unit registry on a desktop."""

import pytest
from playwright.sync_api import Page, expect

from luoshi.org.models import Unit
from luoshi.plans.models import Program, Responsibility, Task
from tests.browser.conftest import horizontal_overflow, log_in, screenshot

pytestmark = pytest.mark.browser


def test_office_reads_task_list_task_matrix_and_units(desktop: Page, demo_program: None) -> None:
    page = desktop
    program = Program.objects.get(slug="gansu-mobile-internet-2017")
    tasks = Task.objects.filter(program=program, is_active=True)
    log_in(page, "office")

    page.goto(f"/programs/{program.pk}/tasks/")
    expect(page.locator("#task-results > p.muted")).to_have_text(f"共 {tasks.count()} 项任务")
    expect(page.locator("#task-results .task-card")).to_have_count(25)
    screenshot(page, "task-list-desktop.png")
    assert horizontal_overflow(page) == 0

    task = tasks.get(path="二/（一）")
    page.locator("#task-results .task-card a").first.click()
    expect(page.locator("h1")).to_have_text(f"{task.path} {task.title}")
    expect(page.locator(".prose")).to_contain_text(task.text[:20])
    roles = list(
        task.responsibilities.order_by("order").values_list("unit__name", "role", "is_explicit")
    )
    rows = page.locator("table.table tbody tr")
    expect(rows).to_have_count(len(roles))
    expect(rows.first.locator("td").nth(0)).to_contain_text("各市州政府")
    expect(rows.first.locator("td").nth(1)).to_have_text("牵头")
    expect(rows.first.locator("td").nth(2)).to_have_text("推定")
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("配合")
    assert roles[0] == ("各市州政府", Responsibility.Role.LEAD, False)
    screenshot(page, "task-detail-desktop.png")
    assert horizontal_overflow(page) == 0

    page.goto(f"/programs/{program.pk}/matrix/")
    units = (
        Responsibility.objects.filter(task__program=program, task__is_active=True)
        .values("unit")
        .distinct()
        .count()
    )
    expect(page.locator("table.matrix thead th.unit-col")).to_have_count(units)
    expect(page.locator("table.matrix tbody tr")).to_have_count(6)
    # The matrix scrolls inside its own box; the page itself stays as wide as the window.
    assert horizontal_overflow(page) == 0
    assert page.evaluate(
        "document.querySelector('.matrix-wrap').scrollWidth"
        " > document.querySelector('.matrix-wrap').clientWidth"
    )
    screenshot(page, "matrix-desktop.png")

    page.click("nav.nav >> text=单位")
    expect(page.locator("h1")).to_have_text("单位名录")
    expect(page.locator("#unit-rows p.count")).to_have_text(f"共 {Unit.objects.count()} 个单位")
    page.fill("input[name=q]", "网信")
    expect(page.locator("#unit-rows p.count")).to_have_text("共 2 个单位")
    expect(page.locator("#unit-rows tbody tr td:first-child")).to_have_text(
        ["中央网信办", "省委网信办"]
    )
    page.fill("input[name=q]", "")
    page.locator("input[name=q]").blur()
    expect(page.locator("#unit-rows p.count")).to_have_text(f"共 {Unit.objects.count()} 个单位")
    screenshot(page, "units-desktop.png")
    assert horizontal_overflow(page) == 0

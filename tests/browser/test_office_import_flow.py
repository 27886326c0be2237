"""The office imports a policy, reviews it beside the source, fixes the warnings and publishes."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from luoshi.org.models import Unit
from luoshi.plans.models import PolicyDocument, Program, Task
from tests.browser.conftest import horizontal_overflow, log_in, screenshot

pytestmark = pytest.mark.browser

POLICY = Path(__file__).resolve().parent / "data" / "gansu-digital-government.txt"
TITLE = "甘肃省人民政府办公厅关于加快推进政务服务“一网通办”的实施意见"


def _results_count(page: Page) -> str:
    return page.locator("#task-results > p.muted").inner_text()


def test_office_imports_reviews_and_publishes_a_policy(desktop: Page, demo_program: None) -> None:
    page = desktop
    log_in(page, "office")
    expect(page.locator("h1")).to_have_text("落实工作")

    page.click("text=导入政策文件")
    expect(page.locator("h1")).to_have_text("导入政策文件")
    # A submit with neither file nor text is refused and keeps what was typed.
    page.fill("input[name=name]", "政务服务一网通办落实工作")
    page.fill("input[name=slug]", "yiwangtongban")
    page.click("form.stack button.primary")
    expect(page.locator("p.error[role=alert]")).to_have_text("请上传一个文件或粘贴正文（二选一）。")
    expect(page.locator("input[name=name]")).to_have_value("政务服务一网通办落实工作")
    expect(page.locator("input[name=slug]")).to_have_value("yiwangtongban")
    assert PolicyDocument.objects.filter(program__slug="yiwangtongban").count() == 0

    page.set_input_files("input[name=file]", POLICY)
    page.click("form.stack button.primary")
    expect(page.locator("h1")).to_have_text("核对解析结果（第 1 版）")
    document = PolicyDocument.objects.get(program__slug="yiwangtongban")
    assert document.program.name == "政务服务一网通办落实工作"
    assert document.source_name == POLICY.name

    # The source text sits left of the parsed plan on a desktop.
    source = page.locator("section.source")
    expect(source.locator(".source-text")).to_contain_text("省政务大数据中心")
    source_box, plan_box = source.bounding_box(), page.locator("div.plan").bounding_box()
    assert source_box is not None and plan_box is not None
    assert source_box["x"] + source_box["width"] <= plan_box["x"]
    assert abs(source_box["y"] - plan_box["y"]) < 2
    expect(page.locator("#meta dd").first).to_have_text(TITLE)

    checklist = page.locator(".checklist li")
    expect(checklist).to_have_text(
        [
            "2 个单位名称未对应到名录 （须处理后才能发布）",
            "3 项任务的牵头单位为推定，待确认",
            "0 个量化目标缺少数值",
        ]
    )
    expect(page.locator("li.review-task")).to_have_count(5)
    expect(page.locator("li.review-task.needs-confirm")).to_have_count(3)
    unmapped = page.locator(".review-tasks .chip.unmapped")
    expect(unmapped).to_have_text(["省政务大数据中心", "省政府督查室"])
    expect(page.locator("li.review-target")).to_have_count(2)

    names = page.locator("li.name-item")
    expect(names.locator("strong.verbatim")).to_have_text(["省政务大数据中心", "省政府督查室"])
    office_unit = Unit.objects.get(name="省政府办公厅")
    inspector = names.filter(has_text="省政府督查室")
    suggested = inspector.locator("optgroup[label='建议'] option")
    assert office_unit.name in suggested.all_inner_texts()
    expect(
        names.filter(has_text="省政务大数据中心").locator("optgroup[label='建议']")
    ).to_have_count(0)
    screenshot(page, "import-review-desktop.png", height=1300)
    assert horizontal_overflow(page) == 0

    # Publishing is refused while names are unmapped.
    page.click("button:has-text('确认并发布')")
    expect(page.locator(".messages .msg-error")).to_contain_text("省政务大数据中心")
    assert Program.objects.get(slug="yiwangtongban").status == Program.Status.DRAFT

    inspector.locator("select[name=choice]").select_option(str(office_unit.pk))
    inspector.locator("button[type=submit]").click()
    expect(page.locator(".messages .msg-success")).to_have_text("“省政府督查室”已对应到单位名录。")

    center = page.locator("li.name-item", has_text="省政务大数据中心")
    center.locator("select[name=choice]").select_option("new")
    center.locator("select[name=kind]").select_option("department")
    center.locator("button[type=submit]").click()
    success = page.locator(".messages .msg-success")
    expect(success).to_have_text("“省政务大数据中心”已对应到单位名录。")
    assert Unit.objects.get(name="省政务大数据中心").kind == Unit.Kind.DEPARTMENT
    expect(page.locator("#names .ok-note")).to_have_text("所有单位名称均已对应到单位名录。")
    expect(unmapped).to_have_count(0)

    page.click("button:has-text('全部确认推定的牵头单位')")
    expect(page.locator(".messages .msg-success")).to_have_text("已确认 3 项推定的牵头单位。")
    expect(page.locator("li.review-task.needs-confirm")).to_have_count(0)
    expect(checklist.first).to_have_text("0 个单位名称未对应到名录")

    page.click("button:has-text('确认并发布')")
    expect(page.locator(".messages .msg-success")).to_have_text("已确认并发布。")
    program = Program.objects.get(slug="yiwangtongban")
    assert program.status == Program.Status.PUBLISHED
    assert page.url.endswith(f"/programs/{program.pk}/")
    unit_count = (
        Task.objects.filter(program=program).values("responsibilities__unit").distinct().count()
    )
    assert unit_count == 10
    stats = page.locator("dl.stats dd")
    expect(stats).to_have_text(["5", str(unit_count), "2"])
    expect(page.locator(".section-list li")).to_have_text(
        ["一 总体要求0 项", "二 重点任务3 项", "三 保障措施2 项"]
    )
    screenshot(page, "program-overview-desktop.png")
    assert horizontal_overflow(page) == 0

    page.locator("nav.tabs").get_by_text("任务").click()
    expect(page.locator("h1")).to_have_text("任务")
    assert _results_count(page) == "共 5 项任务"
    page.evaluate("window.loadedOnce = true")

    page.fill("input[name=q]", "数据")
    expect(page.locator("#task-results > p.muted")).to_have_text("共 1 项任务")
    expect(page.locator("#task-results .task-card strong")).to_have_text(["推进政务数据共享"])
    page.wait_for_function("new URLSearchParams(location.search).get('q') === '数据'")

    page.fill("input[name=q]", "")
    counties = Unit.objects.get(name="各市州政府")
    page.select_option("select[name=unit]", str(counties.pk))
    expect(page.locator("#task-results > p.muted")).to_have_text("共 2 项任务")
    expect(page.locator("#task-results .task-card strong")).to_have_text(
        ["优化网上办事体验", "强化督查考核"]
    )
    page.wait_for_function(f"new URLSearchParams(location.search).get('unit') === '{counties.pk}'")
    query = parse_qs(urlsplit(page.url).query)
    assert query["unit"] == [str(counties.pk)]
    assert query.get("q", [""]) == [""]
    # htmx swapped the results in place: the page itself never reloaded.
    assert page.evaluate("window.loadedOnce") is True

"""One report through its cycle: a reporter writes it on a phone, the office returns it, the
reporter fixes it, the office accepts it, and the task's light turns green."""

import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.utils import timezone
from playwright.sync_api import Page, expect

from luoshi.org.models import Unit, User
from luoshi.plans.models import Program
from luoshi.supervision import actions, queries
from luoshi.supervision.models import Evidence, ProgressReport, ReportingRound
from tests.browser.conftest import horizontal_overflow, log_in, screenshot

pytestmark = pytest.mark.browser

REASON = "请补充网络扶贫覆盖的贫困村数量，并说明下一步时间安排。"
FIRST = "已完成全省贫困村宽带覆盖摸底，正在推进光纤入村工程。"
FIX = "截至年底，全省贫困村光纤宽带覆盖率达到 100%，任务已完成。"
# A PDF small enough to type: the upload check reads the `%PDF-` magic, not the whole file.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _open_round() -> tuple[ReportingRound, ProgressReport]:
    """Open 2020Q4 through the real action, due ten days after today's real date.

    The light then depends on nothing that moves: 10 days left is outside the yellow window
    (3 days), and 2020Q4 ends on the program's last day, so 序时进度 is 100% whatever today is.
    """
    today = timezone.localdate()
    program = Program.objects.get(slug="gansu-mobile-internet-2017")
    round_ = actions.do_open_round(
        program,
        period="2020Q4",
        opens_on=today - timedelta(days=1),
        due_on=today + timedelta(days=10),
        acting_user=User.objects.get(username="office"),
    )
    report = (
        ProgressReport.objects.filter(
            round=round_,
            unit=Unit.objects.get(name="省委网信办"),
            role=ProgressReport.Role.LEAD,
            task__isnull=False,
        )
        .select_related("task")
        .order_by("task__order")
        .first()
    )
    assert report is not None
    return round_, report


def _saved(report: ProgressReport, **values: str | int) -> int:
    """Wait until the background saves have stored the values; return the version then.

    Every field a person leaves saves on its own, so how many versions that takes depends on
    timing; each step after this one adds exactly one.
    """
    deadline = time.monotonic() + 10
    while True:
        report.refresh_from_db()
        stored = {name: getattr(report, name) for name in values}
        if stored == values:
            return report.version
        assert time.monotonic() < deadline, f"not saved: {values}"
        time.sleep(0.1)


def _rule_text(report: ProgressReport) -> str:
    report.refresh_from_db()
    light = queries.report_lights(report.round, [report], timezone.localdate())[report.pk]
    return f"规则：{light.explanation_zh}"


def test_report_is_returned_fixed_and_accepted(
    phone: Page, desktop: Page, demo_program: None, tmp_path: Path, settings: LazySettings
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    round_, report = _open_round()
    assert (report.status, report.version) == (ProgressReport.Status.DRAFT, 0)
    row = f'tr[data-item="task:{report.task_id}"]'
    report_url = f"/supervision/reports/{report.pk}/"

    # The reporter finds the report among the unit's open reports and writes it on a phone.
    log_in(phone, "reporter-wxb")
    phone.goto("/supervision/my-reports/")
    card = phone.locator(f'[data-testid=todo-reports] li[data-report="{report.pk}"]')
    expect(card.locator("[data-testid=report-status]")).to_have_text("草稿")
    card.locator("[data-testid=report-link]").click()
    expect(phone.locator("h1")).to_have_text(str(report.task))
    form = phone.locator("#report-form")
    # Typing saves in the background after a pause; a reload then shows what was typed.
    form.locator("#id_progress").press_sequentially(FIRST)
    expect(form.locator("[data-testid=autosave-status]")).to_contain_text("草稿已自动保存")
    report.refresh_from_db()
    assert (report.status, report.progress, report.version) == ("draft", FIRST, 1)
    phone.reload()
    expect(form.locator("#id_progress")).to_have_value(FIRST)

    form.locator("#id_progress_status_1").check()
    form.locator("#id_percent_complete").fill("60")
    phone.locator("h1").click()  # leaving a field saves at once
    version = _saved(report, progress_status="on_track", percent_complete=60, progress=FIRST)
    assert version > 1

    pdf = tmp_path / "宽带覆盖摸底表.pdf"
    pdf.write_bytes(PDF)
    phone.set_input_files("#id_file", pdf)
    phone.locator("[data-testid=evidence-upload]").click()
    expect(phone.locator("ul.messages")).to_have_text(f"已上传：{pdf.name}")
    expect(phone.locator("[data-testid=evidence-list] a")).to_have_text(pdf.name)
    evidence = Evidence.objects.get(report=report)
    assert (evidence.original_name, evidence.size) == (pdf.name, len(PDF))
    assert evidence.file_type == "pdf"
    expect(form.locator("#id_progress_status_1")).to_be_checked()
    expect(form.locator("#id_percent_complete")).to_have_value("60")
    screenshot(phone, "report-form-phone.png")
    assert horizontal_overflow(phone) == 0

    phone.locator("[data-testid=report-submit]").click()
    expect(phone.locator("ul.messages")).to_have_text("报告已报送，等待督查办审核。")
    expect(phone.locator("[data-testid=report-status]").first).to_have_text("已报送")
    report.refresh_from_db()
    assert (report.status, report.version, report.is_on_time) == ("submitted", version + 1, True)
    # 60% is more than 15 points behind the 100% expected at the end of 2020.
    light = phone.locator("dl.facts [data-testid=light]")
    expect(light).to_have_attribute("data-rule", "behind_schedule")
    expect(phone.locator("dl.facts [data-testid=light-rule]")).to_have_text(_rule_text(report))
    assert _rule_text(report) == "规则：完成进度 60% 低于序时进度 100% 减 15 个百分点。"

    # The office sees the task yellow in the round, and returns the report from its queue.
    log_in(desktop, "office")
    desktop.goto(f"/supervision/rounds/{round_.pk}/")
    expect(desktop.locator(f"{row} td:nth-child(2) [data-testid=light]")).to_have_attribute(
        "data-color", "yellow"
    )
    desktop.goto("/supervision/review/")
    queued = desktop.locator(f'[data-testid=review-queue] li[data-report="{report.pk}"]')
    expect(queued).to_contain_text("60%")
    screenshot(desktop, "review-queue-desktop.png")
    queued.locator(f"#reason-{report.pk}").fill(REASON)
    queued.locator("[data-testid=report-return]").click()
    expect(desktop.locator("ul.messages")).to_contain_text("已退回")
    expect(queued).to_have_count(0)
    report.refresh_from_db()
    assert (report.status, report.return_reason, report.return_count, report.version) == (
        "returned",
        REASON,
        1,
        version + 2,
    )

    # The reporter reads the reason, fixes the report and hands it in again.
    phone.goto("/supervision/my-reports/")
    expect(card.locator(".return-reason")).to_have_text(f"退回原因：{REASON}")
    card.locator("[data-testid=report-link]").click()
    expect(phone.locator("[data-testid=return-reason]")).to_have_text(f"退回原因：{REASON}")
    expect(form.locator("#id_progress")).to_have_value(FIRST)
    form.locator("#id_progress_status_3").check()
    form.locator("#id_percent_complete").fill("100")
    form.locator("#id_progress").fill(FIX)
    phone.locator("h1").click()
    version = _saved(report, progress_status="completed", percent_complete=100, progress=FIX)
    submit = phone.locator("[data-testid=report-submit]")
    expect(submit).to_have_text("修改后重新报送")
    submit.click()
    expect(phone.locator("ul.messages")).to_have_text("报告已报送，等待督查办审核。")
    report.refresh_from_db()
    assert (report.status, report.progress_status, report.progress) == (
        "submitted",
        "completed",
        FIX,
    )
    assert (report.percent_complete, report.version, report.return_count) == (
        Decimal(100),
        version + 1,
        1,
    )

    # The office accepts it: the report's light and the task's light in the round are green.
    desktop.goto(report_url)
    desktop.locator("[data-testid=report-accept]").click()
    expect(desktop.locator("ul.messages")).to_contain_text("已通过")
    report.refresh_from_db()
    assert (report.status, report.version) == ("accepted", version + 2)
    light = desktop.locator("dl.facts [data-testid=light]")
    expect(light).to_have_attribute("data-color", "green")
    expect(light).to_have_attribute("data-rule", "on_track")
    rule = "规则：按期报送，进度不低于序时进度要求。"
    expect(desktop.locator("dl.facts [data-testid=light-rule]")).to_have_text(rule)
    assert _rule_text(report) == rule

    desktop.goto(f"/supervision/rounds/{round_.pk}/")
    task_light = desktop.locator(f"{row} td:nth-child(2) [data-testid=light]")
    expect(task_light).to_have_attribute("data-color", "green")
    expect(task_light).to_have_attribute("data-rule", "on_track")
    expect(desktop.locator(f'{row} a[href="{report_url}"]')).to_have_text("省委网信办")
    expect(desktop.locator("[data-testid=count-submitted]")).to_have_text("1")
    screenshot(desktop, "round-detail-desktop.png")
    assert horizontal_overflow(desktop) == 0

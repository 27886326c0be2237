"""The dashboard with the simulated Gansu program, on a desktop and on a phone: the map shows
the 14 市州, htmx swaps the period and the map's colouring, a click on a 市州 opens its page."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from luoshi.plans.models import Program
from tests.browser.conftest import horizontal_overflow, log_in, screenshot

pytestmark = pytest.mark.browser

SLUG = "gansu-mobile-internet-2017"
MAP_POINTS = """() => {
  const el = document.getElementById("map-chart");
  const chart = el && window.echarts && window.echarts.getInstanceByDom(el);
  if (!chart || !el.dataset.drawn) { return 0; }
  return chart.getOption().series[0].data.length;
}"""
# The names the map series draws must all be names of the registered geojson's features.
UNMATCHED = """() => {
  const chart = window.echarts.getInstanceByDom(document.getElementById("map-chart"));
  const features = window.echarts.getMap("gansu").geoJSON.features;
  const names = new Set(features.map(f => f.properties.name));
  return chart.getOption().series[0].data.filter(d => !names.has(d.name)).map(d => d.name);
}"""
TARGET_ROWS = """() => {
  const chart = window.echarts.getInstanceByDom(document.getElementById("targets-chart"));
  return chart ? chart.getOption().yAxis[0].data.length : 0;
}"""
# Where the centre of a 市州 (the geojson's `cp`) is drawn, in page pixels.
CENTRE = """(adcode) => {
  const el = document.getElementById("map-chart");
  const chart = window.echarts.getInstanceByDom(el);
  const features = window.echarts.getMap("gansu").geoJSON.features;
  const feature = features.find(f => String(f.id) === adcode);
  const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, feature.properties.cp);
  const box = el.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


def _wait_for_map(page: Page, metric: str = "") -> int:
    if metric:
        page.wait_for_function(
            "(m) => JSON.parse(document.getElementById('map-data').textContent).metric === m",
            arg=metric,
        )
    page.wait_for_function(f"({MAP_POINTS})() === 14")
    points: int = page.evaluate(MAP_POINTS)
    return points


def test_dashboard_map_and_prefecture_on_desktop_and_phone(
    desktop: Page, phone: Page, demo_program: None
) -> None:
    call_command("demo", "--simulate", "--seed", "1", stdout=StringIO())
    program = Program.objects.get(slug=SLUG)
    page = desktop
    log_in(page, "office")
    page.goto(f"/dashboard/{program.pk}/?period=2019Q4")
    expect(page.locator("h1")).to_have_text("进展看板")
    expect(page.locator("[data-testid=simulated-banner]")).to_be_visible()
    assert _wait_for_map(page) == 14
    assert page.evaluate(UNMATCHED) == []
    assert page.evaluate(TARGET_ROWS) == 15
    expect(page.locator("[data-testid=stat-tasks]")).to_have_text("25")

    # The period selector swaps the body (and the address) without reloading the page.
    page.evaluate("window.notReloaded = true")
    page.select_option("[data-testid=period-select]", "2020Q4")
    expect(page.locator("#dashboard-body")).to_have_attribute("data-period", "2020Q4")
    assert page.url.endswith("period=2020Q4&map=admin_villages_broadband_pct")
    assert _wait_for_map(page, "admin_villages_broadband_pct") == 14
    # The map selector swaps only the map panel: now coloured by the 市州 governments' timeliness.
    page.select_option("[data-testid=map-select]", "timeliness")
    assert _wait_for_map(page, "timeliness") == 14
    expect(page.locator("#map-panel p.muted").first).to_contain_text("按时报送的比例")
    assert page.evaluate("window.notReloaded") is True
    page.select_option("[data-testid=map-select]", "mobile_phone_users")
    assert _wait_for_map(page, "mobile_phone_users") == 14
    assert page.url.endswith("period=2020Q4&map=mobile_phone_users")
    assert horizontal_overflow(page) == 0
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "dashboard-desktop.png", height=2300)

    # A click on 酒泉市 on the map opens the 市州's page.
    page.locator("#map-chart").scroll_into_view_if_needed()
    x, y = page.evaluate(CENTRE, "6209")
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert "/regions/620900/" in page.url
    expect(page.locator("[data-testid=prefecture-name]")).to_have_text("酒泉市")
    page.wait_for_function(f"({TARGET_ROWS})() === 5")
    expect(page.locator("[data-testid=unit-stats]")).to_be_visible()
    assert horizontal_overflow(page) == 0
    screenshot(page, "prefecture-desktop.png")

    # A leader reads the same dashboard on a phone.
    log_in(phone, "leader")
    phone.goto(f"/dashboard/{program.pk}/?period=2019Q4")
    assert _wait_for_map(phone) == 14
    phone.wait_for_function(f"({TARGET_ROWS})() === 15")
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "dashboard-phone.png", height=1500)

"""The dashboard pages: charts' data, table views and CSV from one summary; htmx fragments;
the 市州 and unit views; who may see what; the public page; query counts."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.core.periods import parse_period
from luoshi.org.loaders import DIVISIONS_CSV, LoadStats, load_regions
from luoshi.org.models import AuditEvent, Region, User
from luoshi.plans.models import Program
from luoshi.reports.summary import program_summary
from luoshi.supervision.tests.conftest import client_for, world
from luoshi.web.tests.dashboard_world import DashboardWorld, dash

__all__ = ["dash", "world"]  # fixtures, imported so pytest finds them here

GEOJSON = Path(settings.BASE_DIR) / "luoshi" / "web" / "static" / "vendor" / "gan_su_geo.json"


def chart_data(html: str, element_id: str) -> Any:
    """Return the JSON a page embeds with json_script under the id."""
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match is not None, f"no #{element_id} on the page"
    return json.loads(match.group(1))


def _url(dash: DashboardWorld, **query: str) -> str:
    url = reverse("web:dashboard", args=[dash.program.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_office_sees_every_chart_from_the_summary(dash: DashboardWorld) -> None:
    response = client_for(dash.world.office).get(_url(dash, period="2020Q1"))
    assert response.status_code == 200
    html = response.content.decode()
    summary = program_summary(dash.program, parse_period("2020Q1"))

    sections = chart_data(html, "sections-data")["rows"]
    assert sections[0]["label"] == "全部任务"
    assert (sections[0]["green"], sections[0]["red"]) == (1, 2)
    assert Decimal(sections[0]["average_percent"]) == summary.overall.average_percent == Decimal(25)
    targets = chart_data(html, "targets-data")["rows"]
    assert [(t["code"], t["latest"], t["latest_period"]) for t in targets] == [
        ("users", "24800000", "2019Q4")
    ]
    assert Decimal(targets[0]["progress_share"]) == summary.targets[0].progress_share
    area = chart_data(html, "map-data")
    assert area["metric"] == "users"
    assert len(area["rows"]) == 14
    lanzhou = next(r for r in area["rows"] if r["code"] == "620100")
    assert lanzhou["adcode"] == "6201"
    assert lanzhou["href"].startswith(f"/dashboard/{dash.program.pk}/regions/620100/")
    assert [r["value"] for r in area["rows"] if r["value"] is not None] == [lanzhou["value"]]
    assert "模拟数据" not in html
    assert "示意图" in html


def test_a_period_counts_no_value_reported_later(dash: DashboardWorld) -> None:
    client = client_for(dash.world.office)
    early = chart_data(client.get(_url(dash, period="2020Q1")).content.decode(), "targets-data")
    late = chart_data(client.get(_url(dash, period="2020Q2")).content.decode(), "targets-data")
    assert early["rows"][0]["latest"] == "24800000"
    assert late["rows"][0]["latest"] == "25500000"


def test_htmx_swaps_the_body_for_a_period_and_the_map_for_an_indicator(
    dash: DashboardWorld,
) -> None:
    client = client_for(dash.world.office)
    body = client.get(
        _url(dash, period="2020Q1"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard-body"
    ).content.decode()
    assert body.startswith('<div id="dashboard-body"')
    assert "<html" not in body
    panel = client.get(
        _url(dash, period="2020Q1", map="timeliness"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="map-panel",
    ).content.decode()
    assert panel.startswith('<div id="map-panel">')
    rows = chart_data(panel, "map-data")["rows"]
    assert chart_data(panel, "map-data")["metric"] == "timeliness"
    assert [r["value"] for r in rows if r["value"] is not None] == ["100"]


def test_every_table_downloads_as_csv_with_the_numbers_of_the_table(
    dash: DashboardWorld,
) -> None:
    client = client_for(dash.world.office)
    page = client.get(_url(dash, period="2020Q1"))
    for key, table in page.context["tables"].items():
        response = client.get(_url(dash, period="2020Q1", format="csv", table=key))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == list(table.headers)
        assert rows[1:] == [[cell.csv for cell in row] for row in table.rows]
        assert f'table={key}"' in page.content.decode() or f"table={key}" in page.content.decode()
    targets = client.get(_url(dash, period="2020Q1", format="csv", table="targets"))
    line = targets.content.decode("utf-8-sig").splitlines()[1]
    assert (
        line == "移动电话用户,户,22038400,2016,24800000,2019Q4,26000000,2020,0.697092,0.75,,green,"
    )
    assert client.get(_url(dash, format="csv", table="nope")).status_code == 404


def test_sections_link_to_how_they_were_computed(dash: DashboardWorld) -> None:
    client = client_for(dash.world.office)
    response = client.get(reverse("web:dashboard_how", args=[dash.program.pk]) + "?period=2020Q1")
    assert response.status_code == 200
    formula = re.sub(r"\s+", " ", response.content.decode())
    assert "= (30.0 + 20.0) ÷ 2 = 25.0%" in formula
    section = client.get(
        reverse("web:dashboard_how", args=[dash.program.pk]) + "?period=2020Q1&section=九"
    )
    assert section.status_code == 404


def test_prefecture_page_shows_its_indicators_and_its_government(dash: DashboardWorld) -> None:
    url = reverse("web:prefecture", args=[dash.program.pk, "620100"]) + "?period=2020Q1"
    response = client_for(dash.world.office).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    rows = chart_data(html, "targets-data")["rows"]
    assert [(r["code"], r["latest"]) for r in rows] == [("users", "4000000")]
    lights = chart_data(html, "lights-data")["rows"]
    assert [(r["light"], r["value"]) for r in lights] == [
        ("green", 1),
        ("yellow", 0),
        ("red", 0),
        ("none", 0),
    ]
    assert "兰州市政府" in html
    unit_url = reverse("web:unit_dashboard", args=[dash.program.pk, dash.lanzhou_government.pk])
    assert unit_url in html


def test_unit_page_shows_its_red_items(dash: DashboardWorld) -> None:
    unit = dash.world.unit_b
    url = reverse("web:unit_dashboard", args=[dash.program.pk, unit.pk]) + "?period=2020Q1"
    response = client_for(dash.world.leader).get(url)
    assert response.status_code == 200
    assert [
        (r["light"], r["value"])
        for r in chart_data(response.content.decode(), "lights-data")["rows"]
    ] == [
        ("green", 0),
        ("yellow", 0),
        ("red", 2),
        ("none", 0),
    ]
    items = response.context["tables"]["items"]
    assert [row[3].raw for row in items.rows] == ["overdue", "overdue"]
    assert items.rows[0][-1].text.startswith("报送截止日期 ")


def test_unit_page_says_each_rule_in_the_readers_language(dash: DashboardWorld) -> None:
    unit = dash.world.unit_b
    url = reverse("web:unit_dashboard", args=[dash.program.pk, unit.pk]) + "?period=2020Q1"
    client = client_for(dash.world.leader)
    client.cookies["django_language"] = "en"
    response = client.get(url)
    explanations = [row[-1].text for row in response.context["tables"]["items"].rows]
    assert explanations[0].startswith("The due date ")
    assert not any("报送" in text for text in explanations)


@pytest.mark.parametrize(
    ("who", "view", "status"),
    [
        ("anonymous", "dashboard", 302),
        ("reporter_a", "dashboard", 404),
        ("leader", "dashboard", 200),
        ("reporter_lanzhou", "own_unit", 200),
        ("reporter_lanzhou", "other_unit", 404),
        ("reporter_lanzhou", "own_region", 200),
        ("reporter_lanzhou", "other_region", 404),
        ("reporter_a", "own_region", 404),
        ("reporter_lanzhou", "how", 404),
    ],
)
def test_who_sees_which_view(dash: DashboardWorld, who: str, view: str, status: int) -> None:
    users = {
        "anonymous": None,
        "reporter_a": dash.world.reporter_a,
        "leader": dash.world.leader,
        "reporter_lanzhou": dash.reporter_lanzhou,
    }
    program = dash.program.pk
    urls = {
        "dashboard": reverse("web:dashboard", args=[program]),
        "own_unit": reverse("web:unit_dashboard", args=[program, dash.lanzhou_government.pk]),
        "other_unit": reverse("web:unit_dashboard", args=[program, dash.world.unit_b.pk]),
        "own_region": reverse("web:prefecture", args=[program, "620100"]),
        "other_region": reverse("web:prefecture", args=[program, "620500"]),
        "how": reverse("web:dashboard_how", args=[program]),
    }
    response = client_for(users[who]).get(urls[view])
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_dashboard_home_leads_each_role_to_its_view(dash: DashboardWorld) -> None:
    home = reverse("web:dashboard_home")
    assert client_for(dash.world.office).get(home)["Location"] == reverse(
        "web:dashboard", args=[dash.program.pk]
    )
    assert client_for(dash.reporter_lanzhou).get(home)["Location"] == reverse(
        "web:unit_dashboard", args=[dash.program.pk, dash.lanzhou_government.pk]
    )


def test_public_page_only_when_the_office_opens_it_and_without_unit_names(
    dash: DashboardWorld,
) -> None:
    public = reverse("web:public", args=[dash.program.slug]) + "?period=2020Q1"
    anonymous = Client()
    assert anonymous.get(public).status_code == 404

    toggle = reverse("web:public_toggle", args=[dash.program.pk])
    assert client_for(dash.world.leader).post(toggle, {"is_public": "1"}).status_code == 404
    assert Program.objects.get(pk=dash.program.pk).is_public is False
    client_for(dash.world.office).post(toggle, {"is_public": "1"})
    assert Program.objects.get(pk=dash.program.pk).is_public is True
    event = AuditEvent.objects.get(action="plans.program.public")
    assert (event.old_values, event.new_values) == ({"is_public": False}, {"is_public": True})

    response = anonymous.get(public)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("省委网信办", "省通信管理局", "兰州市政府"):
        assert name not in html
    assert set(response.context["tables"]) == {"sections", "targets", "map"}
    assert chart_data(html, "map-data")["rows"][0]["href"] == ""
    assert anonymous.get(public + "&map=timeliness").context["map_choice"].key == "users"
    csv_url = public + "&format=csv&table=targets"
    assert anonymous.get(csv_url).status_code == 200
    assert anonymous.get(public + "&format=csv&table=league").status_code == 404

    client_for(dash.world.office).post(toggle, {"is_public": "0"})
    assert anonymous.get(public).status_code == 404


def test_dashboard_page_query_count_is_fixed(
    dash: DashboardWorld, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(dash.world.office)
    url = _url(dash, period="2020Q1")
    client.get(url)
    with django_assert_max_num_queries(35):
        assert client.get(url).status_code == 200


def test_the_map_file_names_every_prefecture_by_adcode_and_name(db: None) -> None:
    if not GEOJSON.exists():
        pytest.skip("run `make setup`: luoshi/web/static/vendor/gan_su_geo.json is missing")
    load_regions(DIVISIONS_CSV, LoadStats())
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    geo = {str(f["id"]): f["properties"]["name"] for f in features}
    regions = {
        r.code[:4]: r.name
        for r in Region.objects.filter(level=Region.Level.PREFECTURE, parent__code="620000")
    }
    assert len(regions) == 14
    assert geo == regions


def test_reporter_nav_shows_the_dashboard_link(dash: DashboardWorld) -> None:
    page = client_for(dash.reporter_lanzhou).get(reverse("web:my_tasks"))
    assert reverse("web:dashboard_home") in page.content.decode()
    assert isinstance(dash.reporter_lanzhou, User)

"""/api/v1/dashboard: the same numbers as the dashboard page and `program_summary` (which the
bulletin is built from) for the same period; scoped like the pages; a fixed query count."""

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.core.periods import parse_period
from luoshi.reports.breakdown import league
from luoshi.reports.summary import program_summary
from luoshi.supervision.tests.conftest import client_for, world
from luoshi.web.tests.dashboard_world import DashboardWorld, dash

__all__ = ["dash", "world"]  # fixtures, imported so pytest finds them here

PERIOD = "2020Q1"


def _embedded(html: str, element_id: str) -> Any:
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _api(client: Client, dash: DashboardWorld, path: str = "/dashboard") -> Any:
    response = client.get(f"/api/v1{path}?program={dash.program.pk}&period={PERIOD}")
    assert response.status_code == 200, response.content
    return response.json()


def test_page_api_and_summary_give_the_same_numbers(dash: DashboardWorld) -> None:
    client = client_for(dash.world.office)
    summary = program_summary(dash.program, parse_period(PERIOD))
    api = _api(client, dash)
    page = client.get(reverse("web:dashboard", args=[dash.program.pk]) + f"?period={PERIOD}")
    html = page.content.decode()

    # Task progress and lights by section.
    sections = _embedded(html, "sections-data")["rows"]
    assert [s["path"] for s in api["sections"]] == [s.path for s in summary.sections]
    for drawn, given, expected in zip(
        sections,
        [api["overall"], *api["sections"]],
        [summary.overall, *summary.sections],
        strict=True,
    ):
        for color in ("green", "yellow", "red", "none"):
            assert drawn[color] == given["lights"][color] == getattr(expected.lights, color)
        assert (
            _number(drawn["average_percent"])
            == _number(given["average_percent"])
            == expected.average_percent
        )
    # Targets: baseline, latest, target, P, E, forecast, light.
    drawn_targets = _embedded(html, "targets-data")["rows"]
    for drawn_row, given_row, target in zip(
        drawn_targets, api["targets"], summary.targets, strict=True
    ):
        for drawn_key, api_key, value in (
            ("baseline", "baseline", target.baseline),
            ("latest", "latest", target.latest),
            ("target", "target", target.target),
            ("progress_share", "progress_share", target.progress_share),
            ("expected_share", "expected_share", target.expected_share),
            ("forecast", "forecast_value", target.forecast_value),
        ):
            assert _number(drawn_row[drawn_key]) == _number(given_row[api_key]) == value
        assert drawn_row["light"] == given_row["light"] == target.light
    assert api["targets"][0]["progress_share"] == "0.697092"
    # The map: each 市州's P (percent on the page, a share in the API).
    area = _embedded(html, "map-data")["rows"]
    assert [r["code"] for r in area] == [p["code"] for p in api["prefectures"]]
    for drawn, given in zip(area, api["prefectures"], strict=True):
        share = _number(given["indicators"][0]["progress_share"])
        expected_value = None if share is None else (share * 100).quantize(Decimal("0.1"))
        assert _number(drawn["value"]) == expected_value
    # League, red items and notices: the page's tables and the API's lists.
    tables = page.context["tables"]
    ranks = [
        (row.rank, row.unit_name, row.score.total if row.score else None) for row in league(summary)
    ]
    assert [
        (g["rank"], g["unit_name"], _number(g["score"]["total"]) if g["score"] else None)
        for g in api["league"]
    ] == ranks
    assert [(int(r[0].csv), r[1].text, _number(r[6].csv)) for r in tables["league"].rows] == ranks
    assert [r["report_id"] for r in api["red_items"]] == [r.report_id for r in summary.red_items]
    assert len(tables["red"].rows) == len(summary.red_items) == 2
    assert len(api["open_notices"]) == len(tables["notices"].rows) == len(summary.open_notices)
    assert api["is_simulated"] is summary.is_simulated is False


def test_unit_and_region_views_equal_the_pages(dash: DashboardWorld) -> None:
    client = client_for(dash.reporter_lanzhou)
    unit = _api(client, dash, f"/dashboard/units/{dash.lanzhou_government.pk}")
    assert unit["unit"]["lights"] == {"green": 1, "yellow": 0, "red": 0, "none": 0, "total": 1}
    assert unit["unit"]["timeliness"]["on_time_rate"] == "100.0"
    region = _api(client, dash, "/dashboard/regions/620100")
    page = client.get(
        reverse("web:prefecture", args=[dash.program.pk, "620100"]) + f"?period={PERIOD}"
    )
    drawn = _embedded(page.content.decode(), "targets-data")["rows"][0]
    given = region["prefecture"]["indicators"][0]
    assert _number(drawn["latest"]) == _number(given["latest"]) == Decimal(4000000)
    assert _number(drawn["progress_share"]) == _number(given["progress_share"])
    assert given["progress_formula"].startswith("P = (4000000 − ")


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("anonymous", "/dashboard", 401),
        ("reporter_a", "/dashboard", 404),
        ("leader", "/dashboard", 200),
        ("reporter_a", "/dashboard/units/{unit_a}", 200),
        ("reporter_a", "/dashboard/units/{unit_b}", 404),
        ("reporter_a", "/dashboard/regions/620100", 404),
        ("reporter_lanzhou", "/dashboard/regions/620100", 200),
        ("office", "/dashboard/regions/999999", 404),
    ],
)
def test_api_scope(dash: DashboardWorld, who: str, path: str, status: int) -> None:
    users = {
        "anonymous": None,
        "office": dash.world.office,
        "leader": dash.world.leader,
        "reporter_a": dash.world.reporter_a,
        "reporter_lanzhou": dash.reporter_lanzhou,
    }
    url = path.format(unit_a=dash.world.unit_a.pk, unit_b=dash.world.unit_b.pk)
    response = client_for(users[who]).get(f"/api/v1{url}?program={dash.program.pk}&period={PERIOD}")
    assert response.status_code == status


def test_a_bad_period_is_named(dash: DashboardWorld) -> None:
    response = client_for(dash.world.office).get(
        f"/api/v1/dashboard?program={dash.program.pk}&period=2020Q5"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_period"


def test_api_query_count_is_fixed(
    dash: DashboardWorld, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(dash.world.office)
    _api(client, dash)
    with django_assert_max_num_queries(35):
        _api(client, dash)

"""Indicator pages: who sees what, exact numbers, a fixed number of queries."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from luoshi.indicators.actions import do_allocate_target
from luoshi.indicators.models import DataValue, Indicator, IndicatorTarget
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.org.models import User


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(gansu: Gansu) -> Gansu:
    users = make_indicator(gansu)
    target = IndicatorTarget.objects.get(indicator=users)
    do_allocate_target(target, method="population", acting_user=None)
    for period, value in (("2017Q4", "23000000"), ("2018Q4", "24000000"), ("2019Q4", "24800000")):
        make_value(users, gansu.province, period, value)
    make_value(users, gansu.lanzhou, "2018Q4", "4000000")
    make_value(users, gansu.tianshui, "2018Q4", "2500000", source="simulated", status="approved")
    make_indicator(
        gansu,
        "villages",
        name="行政村通宽带比例",
        unit="%",
        aggregation="weighted_average",
        period_type="year",
        target="98",
        baseline="93",
    )
    return gansu


def test_list_shows_light_latest_value_and_shares(world: Gansu) -> None:
    html = client_for(world.office).get(reverse("indicators:indicator_list")).content.decode()
    assert "移动电话用户" in html
    assert "24800000" in html  # the latest province value
    assert "2019Q4" in html
    assert "模拟数据" in html  # Tianshui's simulated value labels the page
    # P = (24800000 - 22038400) / (26000000 - 22038400) = 0.697092 -> 69.7%
    assert "69.7%" in html


def test_list_runs_a_fixed_number_of_queries(
    world: Gansu, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(world.office)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("indicators:indicator_list")).status_code == 200


def test_detail_shows_chart_data_figures_and_prefectures(
    world: Gansu, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    indicator = Indicator.objects.get(code="users")
    client = client_for(world.reporter_lanzhou)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("indicators:indicator_detail", args=[indicator.pk]))
    html = response.content.decode()
    assert 'id="indicator-chart-data"' in html
    assert '"target": ["2020", "26000000"]' in html
    assert "R = d · g(y, y0, t, t0) / |g(y*, y0, T, t0)|" in html
    assert "怎么算的" in html
    assert "兰州市" in html
    assert "表格视图" in html
    progress = response.context["progress"]
    assert progress.province.assessment.progress_share.value == Decimal("0.697092")


def test_entry_grid_shows_previous_value_and_target(world: Gansu) -> None:
    indicator = Indicator.objects.get(code="users")
    make_value(indicator, world.lanzhou, "2018Q3", "3900000")
    url = reverse("indicators:entry") + f"?program={world.program.pk}&region=620100&period=2018Q4"
    html = client_for(world.reporter_lanzhou).get(url).content.decode()
    assert "上期（2018Q3）" in html
    assert "3900000" in html
    allocated = IndicatorTarget.objects.get(indicator=indicator, region=world.lanzhou)
    assert f"{allocated.value.normalize():f}" in html


def test_entry_grid_saves_and_submits(world: Gansu) -> None:
    url = reverse("indicators:entry")
    client = client_for(world.reporter_lanzhou)
    indicator = Indicator.objects.get(code="users")
    response = client.post(
        url,
        {
            "program": world.program.pk,
            "region": "620100",
            "period": "2019Q1",
            f"value-{indicator.pk}": "4100000",
            f"comment-{indicator.pk}": "运营商合计",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    value = DataValue.objects.get(region=world.lanzhou, period="2019Q1")
    assert (value.value, value.status, value.comment) == (
        Decimal(4100000),
        "submitted",
        "运营商合计",
    )


def test_entry_grid_error_keeps_everything_unsaved(world: Gansu) -> None:
    indicator = Indicator.objects.get(code="users")
    before = DataValue.objects.count()
    response = client_for(world.reporter_lanzhou).post(
        reverse("indicators:entry"),
        {
            "program": world.program.pk,
            "region": "620100",
            "period": "2019Q1",
            f"value-{indicator.pk}": "四百万",
            "action": "save",
        },
    )
    assert response.status_code == 200
    assert "“四百万”不是数字" in response.content.decode()
    assert DataValue.objects.count() == before


@pytest.mark.parametrize(
    ("name", "args", "allowed"),
    [
        ("indicators:indicator_list", [], {"office", "leader", "reporter_lanzhou"}),
        ("indicators:entry", [], {"office", "leader", "reporter_lanzhou"}),
        ("indicators:import", [], {"office", "reporter_lanzhou"}),
        ("indicators:approvals", [], {"office"}),
        ("indicators:violations", [], {"office", "leader", "reporter_lanzhou"}),
        ("indicators:indicator_create", [], {"office"}),
    ],
)
def test_page_access(world: Gansu, name: str, args: list[int], allowed: set[str]) -> None:
    for role in ("office", "leader", "reporter_lanzhou", "reporter_other"):
        response = client_for(getattr(world, role)).get(reverse(name, args=args))
        expected = 200 if role in allowed else 404
        if role == "reporter_other" and name in {
            "indicators:indicator_list",
            "indicators:entry",
            "indicators:violations",
            "indicators:import",
        }:
            expected = 200  # an empty page: no indicators of its unit
        assert response.status_code == expected, (role, name)
    anonymous = Client().get(reverse(name, args=args))
    assert anonymous.status_code == 302


def test_indicator_of_another_unit_is_404(world: Gansu) -> None:
    indicator = Indicator.objects.get(code="users")
    url = reverse("indicators:indicator_detail", args=[indicator.pk])
    assert client_for(world.reporter_other).get(url).status_code == 404


def test_value_page_shows_history_and_office_approves(world: Gansu) -> None:
    value = DataValue.objects.get(region=world.lanzhou, period="2018Q4")
    client = client_for(world.office)
    html = client.get(reverse("indicators:value_detail", args=[value.pk])).content.decode()
    assert "审核通过" in html
    response = client.post(reverse("indicators:value_action", args=[value.pk, "approve"]))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.status == "approved"
    refused = client_for(world.reporter_lanzhou).post(
        reverse("indicators:value_action", args=[value.pk, "reopen"]), {"reason": "x"}
    )
    assert refused.status_code == 404
    value.refresh_from_db()
    assert value.status == "approved"


def test_violations_page_lists_a_sum_gap(world: Gansu) -> None:
    indicator = Indicator.objects.get(code="users")
    for region in world.prefectures:
        DataValue.objects.update_or_create(
            indicator=indicator,
            region=region,
            period="2019Q4",
            defaults={
                "value": Decimal(1000000),
                "period_start": "2019-10-01",
                "status": "submitted",
            },
        )
    url = reverse("indicators:violations") + f"?program={world.program.pk}&period=2019Q4"
    html = client_for(world.office).get(url).content.decode()
    assert "市州合计 14000000 与全省数 24800000 相差 0.435484（相对），超过允许的 0.01" in html

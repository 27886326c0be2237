"""GET /indicators/{id}/rollup: counted values of one level summed (or weighted) per period."""

from decimal import Decimal

from django.test import Client

from luoshi.indicators.rollup import RollupPoint, rollup
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.indicators.tests.importing import run_import


def test_sums_counted_prefecture_values_per_period(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, period_type="month", target=None)
    lanzhou, tianshui = gansu.lanzhou, gansu.tianshui
    make_value(indicator, lanzhou, "2020-01", "1.5")
    make_value(indicator, tianshui, "2020-01", "2.25", status="approved")
    make_value(indicator, tianshui, "2020-02", "7")
    make_value(indicator, lanzhou, "2020-02", "100", status="draft")
    make_value(indicator, gansu.province, "2020-01", "999")

    points = rollup(indicator, "prefecture")

    assert points == [
        RollupPoint(
            "2020-01", lanzhou_start := points[0].period_start, 2, Decimal("3.75"), Decimal("3.75")
        ),
        RollupPoint("2020-02", points[1].period_start, 1, Decimal(7), Decimal(7)),
    ]
    assert str(lanzhou_start) == "2020-01-01"
    assert rollup(indicator, "prefecture", first=points[1].period_start) == points[1:]


def test_weighted_average_uses_population(gansu: Gansu) -> None:
    indicator = make_indicator(
        gansu, "rate", unit="%", aggregation="weighted_average", period_type="month", target=None
    )
    gansu.lanzhou.population, gansu.tianshui.population = 100, 300
    gansu.lanzhou.save()
    gansu.tianshui.save()
    make_value(indicator, gansu.lanzhou, "2020-01", "10")
    make_value(indicator, gansu.tianshui, "2020-01", "20")

    [point] = rollup(indicator, "prefecture")

    assert (point.regions, point.total, point.value) == (2, Decimal(30), Decimal("17.5"))


def test_api_answers_the_rollup_and_refuses_bad_periods(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, period_type="month", target=None)
    make_value(indicator, gansu.lanzhou, "2020-01", "1.5")
    client = Client()
    client.force_login(gansu.office)

    response = client.get(f"/api/v1/indicators/{indicator.pk}/rollup?level=prefecture")
    bad = client.get(f"/api/v1/indicators/{indicator.pk}/rollup?period_from=2020-13")

    assert response.status_code == 200
    assert response.json() == [
        {"period": "2020-01", "regions": 1, "total": "1.500000", "value": "1.500000"}
    ]
    assert bad.status_code == 422
    assert bad.json()["message_zh"] == "“2020-13”不是期间（period_from）"


def test_api_hides_the_rollup_from_a_reporter_without_the_indicator(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, period_type="month", target=None)
    client = Client()
    client.force_login(gansu.reporter_other)

    response = client.get(f"/api/v1/indicators/{indicator.pk}/rollup")

    assert response.status_code == 404


def test_a_cached_rollup_follows_every_write(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, period_type="month", target=None)
    value = make_value(indicator, gansu.lanzhou, "2020-01", "1.5")
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal("1.5")]
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal("1.5")]
    type(value).objects.filter(pk=value.pk).update(value=Decimal(4))
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal(4)]
    make_value(indicator, gansu.tianshui, "2020-01", "2")
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal(6)]


def test_a_cached_rollup_follows_an_import(gansu: Gansu) -> None:
    indicator = make_indicator(gansu, period_type="month", target=None)
    make_value(indicator, gansu.lanzhou, "2020-01", "1.5")
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal("1.5")]
    job = run_import(
        f"指标代码,区划代码,期间,数值\n{indicator.code},{gansu.tianshui.code},2020-01,3\n",
        "values.csv",
        gansu.office,
    )
    assert job.status == "succeeded", job.errors
    assert [p.total for p in rollup(indicator, "prefecture")] == [Decimal("4.5")]

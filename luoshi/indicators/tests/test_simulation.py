"""The simulated trajectory: deterministic, labelled, and real values always win."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from luoshi.indicators.actions import do_save_data_value
from luoshi.indicators.models import DataValue, Indicator, IndicatorTarget
from luoshi.indicators.progress import indicator_progress
from luoshi.indicators.simulation import simulate_indicator_data
from luoshi.org.models import Region
from luoshi.plans.models import Program

SEED_1 = {
    "indicators": 5,
    "skipped_no_baseline": 10,
    "allocated_targets": 5,
    "prefecture_values": 784,
    "province_values": 56,
    "created": 840,
    "updated": 0,
    "unchanged": 0,
    "kept_real": 0,
}


@pytest.fixture
def program(db: None) -> Program:
    call_command("load_default_program", stdout=StringIO())
    call_command("load_indicators", stdout=StringIO())
    return Program.objects.get(slug="gansu-mobile-internet-2017")


def _values() -> list[tuple[str, str, str, Decimal]]:
    return sorted(
        DataValue.objects.values_list("indicator__code", "region__code", "period", "value")
    )


def test_seed_one_writes_a_quarterly_and_yearly_trajectory(program: Program) -> None:
    assert simulate_indicator_data(program, seed=1) == SEED_1
    assert set(DataValue.objects.values_list("source", "status")) == {("simulated", "approved")}
    users = DataValue.objects.filter(indicator__code="mobile_phone_users")
    assert users.count() == 15 * 16  # 14 市州 and the province, 2017Q1-2020Q4
    assert DataValue.objects.filter(indicator__code="admin_villages_broadband_pct").count() == 60
    # The province is the exact sum of its 市州 in every quarter.
    province = Region.objects.get(code="620000")
    for period in ("2017Q1", "2020Q4"):
        parts = users.filter(period=period).exclude(region=province)
        total = users.get(period=period, region=province).value
        assert sum(v.value for v in parts) == total
    # Allocated 市州 targets add up to the province target exactly.
    target = IndicatorTarget.objects.get(indicator__code="mobile_phone_users", parent=None)
    assert sum(a.value for a in target.allocations.all()) == target.value


def test_same_seed_same_values_and_a_second_run_changes_nothing(program: Program) -> None:
    simulate_indicator_data(program, seed=1)
    first = _values()
    again = simulate_indicator_data(program, seed=1)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 840)
    assert _values() == first


def test_real_values_win(program: Program) -> None:
    indicator = Indicator.objects.get(code="mobile_phone_users")
    lanzhou = Region.objects.get(code="620100")
    do_save_data_value(indicator, lanzhou, "2018Q2", value="4000000", submit=True, acting_user=None)
    counts = simulate_indicator_data(program, seed=1)
    assert counts["kept_real"] == 1
    real = DataValue.objects.get(indicator=indicator, region=lanzhou, period="2018Q2")
    assert (real.value, real.source) == (Decimal(4000000), "reported")
    # The province aggregate uses the real value.
    province = DataValue.objects.get(indicator=indicator, region__code="620000", period="2018Q2")
    parts = DataValue.objects.filter(indicator=indicator, period="2018Q2").exclude(
        region__code="620000"
    )
    assert province.value == sum(v.value for v in parts)


def test_simulated_progress_is_flagged(program: Program) -> None:
    simulate_indicator_data(program, seed=1)
    progress = indicator_progress(Indicator.objects.get(code="mobile_phone_users"))
    assert progress is not None
    assert progress.has_simulated is True
    assert progress.province.latest is not None
    assert progress.province.latest.period == "2020Q4"
    assert len(progress.ranking) == 14

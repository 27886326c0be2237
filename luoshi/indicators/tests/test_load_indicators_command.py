"""load_indicators on the reference Gansu program: 15 indicators, real end-2016 baselines."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from luoshi.indicators.models import Indicator, IndicatorTarget, ValidationRule
from luoshi.org.models import AuditEvent

SOURCE = "http://cnshxw.com/e/wap/show.php?classid=525&id=6696"


@pytest.fixture
def gansu_program(db: None) -> None:
    call_command("load_default_program", stdout=StringIO())


def _baselines() -> dict[str, tuple[Decimal | None, int | None, bool]]:
    return {
        t.indicator.code: (t.baseline_value, t.baseline_year, t.baseline_is_derived)
        for t in IndicatorTarget.objects.select_related("indicator")
    }


def test_creates_the_fifteen_indicators_with_published_baselines(gansu_program: None) -> None:
    out = StringIO()
    call_command("load_indicators", "--program", "gansu-mobile-internet-2017", stdout=out)
    assert "15 indicator(s) created, 15 in all." in out.getvalue()
    assert Indicator.objects.count() == 15
    baselines = _baselines()
    assert baselines["mobile_phone_users"] == (Decimal("22038400.000000"), 2016, False)
    assert baselines["mobile_internet_users"] == (Decimal("18049400.000000"), 2016, False)
    assert baselines["fixed_broadband_users"] == (Decimal("3928600.000000"), 2016, False)
    assert baselines["admin_villages_broadband_pct"] == (Decimal("93.000000"), 2016, False)
    # 22038400 / 26099500 * 100 = 84.44 phones per 100 residents, derived.
    assert baselines["mobile_phone_penetration"] == (Decimal("84.440000"), 2016, True)
    assert sum(1 for v in baselines.values() if v[0] is None) == 10
    users = IndicatorTarget.objects.get(indicator__code="mobile_phone_users")
    assert users.baseline_source_url == SOURCE
    assert "移动电话用户2203.84万户" in users.baseline_quote
    assert users.baseline_note == "2203.84万户 = 22038400户"
    assert (users.value, users.year, users.comparator) == (Decimal("26000000.000000"), 2020, ">=")
    assert users.plan_target is not None
    assert users.plan_target.text == "全省移动电话用户达到2600万户"
    penetration = IndicatorTarget.objects.get(indicator__code="mobile_phone_penetration")
    assert "常住人口" in penetration.baseline_note
    assert "全省2016年末常住人口为2609.95万人" in penetration.baseline_quote
    indicator = Indicator.objects.get(code="mobile_phone_users")
    assert (indicator.aggregation, indicator.period_type, indicator.direction) == (
        "sum",
        "quarter",
        "more",
    )
    assert sorted(indicator.reporting_units.values_list("name", flat=True)) == [
        "各市州政府",
        "省通信管理局",
    ]
    assert sorted(
        ValidationRule.objects.filter(indicator=indicator).values_list("kind", flat=True)
    ) == ["integer", "jump", "non_negative", "outlier", "sum_vs_total"]
    assert AuditEvent.objects.filter(action="indicators.create_from_target").count() == 15


def test_running_twice_changes_nothing(gansu_program: None) -> None:
    call_command("load_indicators", stdout=StringIO())
    before = (
        Indicator.objects.count(),
        IndicatorTarget.objects.count(),
        AuditEvent.objects.count(),
    )
    out = StringIO()
    call_command("load_indicators", stdout=out)
    assert "0 indicator(s) created, 15 in all." in out.getvalue()
    assert (
        Indicator.objects.count(),
        IndicatorTarget.objects.count(),
        AuditEvent.objects.count(),
    ) == before


def test_unknown_program_is_named(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nosuch does not exist"):
        call_command("load_indicators", "--program", "nosuch", stdout=StringIO())

"""Export -> import gives identical values, in CSV, Excel and DHIS2 JSON; Decimal end to end."""

import json
from collections.abc import Callable, Iterable
from decimal import Decimal

import pytest

from luoshi.indicators.exporters import ExportRow, csv_chunks, dhis2_bytes, xlsx_bytes
from luoshi.indicators.exports import value_rows
from luoshi.indicators.models import DataValue
from luoshi.indicators.progress import indicator_progress
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.indicators.tests.importing import error_rows, run_import

Writer = Callable[[Iterable[ExportRow]], bytes]
FORMATS: dict[str, tuple[str, Writer]] = {
    "csv": ("values.csv", lambda rows: b"".join(csv_chunks(rows))),
    "xlsx": ("values.xlsx", xlsx_bytes),
    "dhis2": ("values.json", dhis2_bytes),
}


def _snapshot() -> list[tuple[str, str, str, Decimal, str]]:
    return sorted(
        DataValue.objects.values_list(
            "indicator__code", "region__code", "period", "value", "comment"
        )
    )


def _world(gansu: Gansu) -> None:
    users = make_indicator(gansu, unit="万户")
    monthly = make_indicator(
        gansu, "monthly", name="月度指标", unit="个", period_type="month", target=None
    )
    half = make_indicator(
        gansu,
        "half",
        name="半年指标",
        unit="%",
        period_type="half",
        aggregation="none",
        target=None,
    )
    make_value(users, gansu.lanzhou, "2018Q1", "22038400")
    make_value(users, gansu.tianshui, "2018Q1", "0.000001")
    make_value(users, gansu.province, "2018Q1", "123456789012345678.123456")
    make_value(monthly, gansu.lanzhou, "2018-07", "7")
    make_value(half, gansu.province, "2019H2", "99.5")
    DataValue.objects.filter(region=gansu.lanzhou, period="2018Q1").update(comment="含“引号”, 逗号")


@pytest.mark.parametrize("format", FORMATS)
def test_export_then_import_is_identical(gansu: Gansu, format: str) -> None:
    _world(gansu)
    before = _snapshot()
    name, write = FORMATS[format]
    content = write(value_rows(DataValue.objects.all()))
    again = run_import(content, name, gansu.office)
    assert error_rows(again) == []
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == (
        "succeeded",
        0,
        0,
        5,
    )
    DataValue.objects.all().delete()
    fresh = run_import(content, name, gansu.office)
    assert (fresh.status, fresh.created_count) == ("succeeded", 5)
    assert _snapshot() == before


def test_dhis2_uses_dhis2_periods(gansu: Gansu) -> None:
    _world(gansu)
    document = json.loads(dhis2_bytes(value_rows(DataValue.objects.order_by("period_start"))))
    assert [v["period"] for v in document["dataValues"]] == [
        "2018Q1",
        "2018Q1",
        "2018Q1",
        "201807",
        "2019S2",
    ]


@pytest.mark.parametrize("format", FORMATS)
def test_tenths_stay_exact_through_import_aggregation_and_export(gansu: Gansu, format: str) -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point; here it must be 0.3.
    indicator = make_indicator(gansu, unit="万元", target="10", baseline="0.3")
    lines = [
        f"users,,{region.code},,2018Q1,{'0.1' if i % 2 == 0 else '0.2'},,"
        for i, region in enumerate(gansu.prefectures)
    ]
    csv_text = "指标代码,指标名称,区划代码,区划名称,期间,数值,计量单位,备注\n" + "\n".join(lines)
    name, write = FORMATS[format]
    if format != "csv":
        first = run_import(csv_text, "seed.csv", gansu.office)
        assert first.status == "succeeded"
        content = write(value_rows(DataValue.objects.all()))
        DataValue.objects.all().delete()
        job = run_import(content, name, gansu.office)
    else:
        job = run_import(csv_text, name, gansu.office)
    assert job.status == "succeeded"
    stored = sorted(set(DataValue.objects.values_list("value", flat=True)))
    assert stored == [Decimal("0.1"), Decimal("0.2")]
    progress = indicator_progress(indicator)
    assert progress is not None
    latest = progress.province.latest
    assert latest is not None
    # Seven 市州 at 0.1 and seven at 0.2: exactly 2.1, never 2.1000000000000005.
    assert latest.value == Decimal("2.1")
    assert latest.source == "aggregated"
    assert latest.aggregate is not None
    assert latest.aggregate.formula == "Σ y_i"
    exported = b"".join(csv_chunks(value_rows(DataValue.objects.all()))).decode("utf-8-sig")
    assert ",0.1," in exported
    assert ",0.2," in exported
    assert "0000000" not in exported

"""Excel and DHIS2 JSON imports name bad rows the same way CSV imports do."""

import io
import json
from decimal import Decimal

from openpyxl import Workbook

from luoshi.indicators.models import DataValue
from luoshi.indicators.tests.conftest import Gansu, make_indicator
from luoshi.indicators.tests.importing import error_rows, run_import


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "数据"
    sheet.append(["指标代码", "区划代码", "期间", "数值", "备注"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_excel_numbers_are_read_from_the_file_text(gansu: Gansu) -> None:
    make_indicator(gansu, unit="万元", target="1", baseline="0.5")
    content = _xlsx(
        [
            ["users", "620100", "2018Q1", Decimal("0.3"), ""],
            ["users", 620500, "2018Q1", 7, ""],
            ["users", "620200", "2018Q1", "0.1", ""],
        ]
    )
    job = run_import(content, "v.xlsx", gansu.office)
    assert job.status == "succeeded"
    assert sorted(DataValue.objects.values_list("region__code", "value")) == [
        ("620100", Decimal("0.3")),
        ("620200", Decimal("0.1")),
        ("620500", Decimal(7)),
    ]


def test_excel_bad_rows_name_their_sheet_row(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = _xlsx([["users", "620100", "2018Q1", "x1", ""], ["users", "000000", "2018Q1", 1, ""]])
    job = run_import(content, "v.xlsx", gansu.office)
    assert error_rows(job) == [
        (2, "数值", "“x1”不是数字"),
        (3, "区划代码", "未知的区划代码“000000”"),
    ]
    assert DataValue.objects.count() == 0


def test_not_an_excel_file(gansu: Gansu) -> None:
    job = run_import(b"not a zip", "v.xlsx", gansu.office)
    assert [e["code"] for e in job.errors] == ["unreadable"]


def test_dhis2_json_with_numbers_and_defaults(gansu: Gansu) -> None:
    make_indicator(gansu, "monthly", period_type="month", unit="万元", target=None)
    document = (
        '{"orgUnit": "620100", "dataValues": ['
        '{"dataElement": "monthly", "period": "201807", "value": 0.1},'
        '{"dataElement": "monthly", "period": "201808", "orgUnit": "620500", "value": "12"},'
        '{"dataElement": "monthly", "period": "2018Q3", "value": "1"},'
        '{"dataElement": "monthly", "period": "201807", "value": "2"}'
        "]}"
    )
    job = run_import(document, "v.json", gansu.office)
    assert error_rows(job) == [
        (3, "period", "期间“2018Q3”的类型是季度，但指标“monthly”按月报送"),
        (4, "dataElement/orgUnit/period", "与第 1 行重复（同一指标、区划和期间）"),
    ]
    fixed = json.loads(document)
    fixed["dataValues"] = fixed["dataValues"][:2]
    job = run_import(json.dumps(fixed), "v.json", gansu.office)
    assert job.status == "succeeded"
    assert sorted(DataValue.objects.values_list("region__code", "period", "value")) == [
        ("620100", "2018-07", Decimal("0.1")),
        ("620500", "2018-08", Decimal(12)),
    ]


def test_dhis2_bad_json(gansu: Gansu) -> None:
    job = run_import("{", "v.json", gansu.office)
    assert [e["code"] for e in job.errors] == ["bad_json"]
    job = run_import("{}", "v.json", gansu.office)
    assert [(e["code"], e["column"]) for e in job.errors] == [("bad_json", "dataValues")]

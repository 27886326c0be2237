"""CSV imports: every bad row named with line, column and reason; one bad row writes nothing."""

from decimal import Decimal

from luoshi.indicators.models import DataValue, DataValueChange, ImportJob
from luoshi.indicators.tests.conftest import Gansu, make_indicator, make_value
from luoshi.indicators.tests.importing import error_rows, run_import
from luoshi.org.models import AuditEvent

HEADER = "指标代码,指标名称,区划代码,区划名称,期间,数值,计量单位,备注\n"


def test_good_file_imports_every_row(gansu: Gansu) -> None:
    make_indicator(gansu)
    job = run_import(
        HEADER
        + "users,移动电话用户,620100,兰州市,2018Q1,100,户,\n"
        + 'users,移动电话用户,620500,天水市,2018Q1,"1,200",户,运营商口径\n'
        + "users,移动电话用户,620200,嘉峪关市,2018Q1,,户,\n",
        "values.csv",
        gansu.office,
    )
    assert (job.status, job.created_count, job.updated_count, job.error_count) == (
        "succeeded",
        2,
        0,
        0,
    )
    assert sorted(DataValue.objects.values_list("region__code", "value", "source", "status")) == [
        ("620100", Decimal(100), "import", "submitted"),
        ("620500", Decimal(1200), "import", "submitted"),
    ]
    assert DataValueChange.objects.filter(action="imported").count() == 2
    event = AuditEvent.objects.get(action="indicators.import")
    assert event.new_values == {
        "file": "values.csv",
        "format": "csv",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }


def test_every_bad_row_is_named_and_nothing_is_written(gansu: Gansu) -> None:
    make_indicator(gansu)
    make_indicator(gansu, "villages", name="行政村通宽带比例", unit="%", period_type="year")
    before = (DataValue.objects.count(), AuditEvent.objects.count())
    job = run_import(
        HEADER
        + "users,,620100,,2018Q1,100,,\n"  # line 2: good
        + "users,,999999,,2018Q1,100,,\n"  # line 3: unknown region
        + "nosuch,,620100,,2018Q1,100,,\n"  # line 4: unknown indicator
        + "users,,620100,,2018,100,,\n"  # line 5: period of the wrong type
        + "users,,620500,,2018Q1,一百,,\n"  # line 6: text in a number column
        + "users,,620100,,2018Q1,101,,\n"  # line 7: duplicate of line 2
        + "users,,620200,,2018Q9,5,,\n"  # line 8: not a period
        + "villages,,620100,,2018,120,,\n"  # line 9: percent above 100 (blocking rule)
        + "users,,620300,,2018Q1,-4,,\n",  # line 10: negative (blocking rule)
        "bad.csv",
        gansu.office,
    )
    assert job.status == "failed"
    assert error_rows(job) == [
        (3, "区划代码", "未知的区划代码“999999”"),
        (4, "指标代码", "未知的指标代码“nosuch”"),
        (5, "期间", "期间“2018”的类型是年，但指标“users”按季度报送"),
        (6, "数值", "“一百”不是数字"),
        (7, "指标代码/区划代码/期间", "与第 2 行重复（同一指标、区划和期间）"),
        (8, "期间", "“2018Q9”不是期间，应写作 2020、2020H1、2020Q3 或 2020-07"),
        (9, "数值", "违反校验规则“百分比在 0–100 之间”：百分比 120 不在 0 到 100 之间"),
        (10, "数值", "违反校验规则“非负”：数值 -4 是负数"),
    ]
    assert job.error_count == 8
    assert (DataValue.objects.count(), AuditEvent.objects.count()) == before


def test_reporter_may_import_only_its_region(gansu: Gansu) -> None:
    make_indicator(gansu)
    job = run_import(
        HEADER + "users,,620100,,2018Q1,1,,\nusers,,620500,,2018Q1,1,,\n",
        "mine.csv",
        gansu.reporter_lanzhou,
    )
    assert error_rows(job) == [(3, "区划代码", "无权报送指标“users”在“天水市”的数据")]
    assert DataValue.objects.count() == 0


def test_changing_an_approved_value_is_refused(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    make_value(indicator, gansu.lanzhou, "2018Q1", "100", status="approved")
    same = run_import(HEADER + "users,,620100,,2018Q1,100.0,,\n", "same.csv", gansu.office)
    assert (same.status, same.unchanged_count) == ("succeeded", 1)
    changed = run_import(HEADER + "users,,620100,,2018Q1,101,,\n", "changed.csv", gansu.office)
    assert error_rows(changed) == [(2, "数值", "该数值已审核通过并锁定（现值 100），不能修改")]
    assert DataValue.objects.get().value == Decimal(100)


def test_reimport_updates_changed_values_with_history(gansu: Gansu) -> None:
    indicator = make_indicator(gansu)
    make_value(indicator, gansu.lanzhou, "2018Q1", "100", source="simulated", status="approved")
    job = run_import(HEADER + "users,,620100,,2018Q1,90,,\n", "fix.csv", gansu.office)
    assert (job.created_count, job.updated_count) == (0, 1)
    value = DataValue.objects.get()
    assert (value.value, value.source, value.status, value.version) == (
        Decimal(90),
        "import",
        "submitted",
        2,
    )
    change = value.changes.get()
    assert (change.old_value, change.new_value, change.old_source, change.comment) == (
        Decimal(100),
        Decimal(90),
        "simulated",
        "取代模拟数据",
    )


def test_missing_columns_are_named(gansu: Gansu) -> None:
    job = run_import("指标代码,区划代码\nusers,620100\n", "short.csv", gansu.office)
    assert error_rows(job) == [(1, "", "缺少列：期间、数值")]


def test_english_headers_and_gbk_encoding(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = "indicator_code,region_code,period,value,comment\nusers,620100,2018Q1,7,兰州\n"
    job = run_import(content.encode("gb18030"), "gbk.csv", gansu.office)
    assert job.status == "succeeded"
    assert DataValue.objects.get().comment == "兰州"


def test_jobs_are_kept(gansu: Gansu) -> None:
    run_import("", "empty.csv", gansu.office)
    job = ImportJob.objects.get()
    assert (job.status, job.errors) == (
        "failed",
        [{"line": 0, "column": "", "code": "empty_file", "params": {}}],
    )

"""A 100,000-row CSV: one bad row writes nothing and is named; corrected, every row imports."""

import time
from pathlib import Path

from django.core.files import File

from luoshi.indicators.actions import do_create_indicator, do_start_import
from luoshi.indicators.models import DataValue, DataValueChange, ImportJob
from luoshi.indicators.tests.conftest import Gansu
from luoshi.indicators.tests.importing import error_rows
from luoshi.org.models import Region

INDICATORS = 20
REGIONS = 100
MONTHS = 50
BAD_LINE = 54_321


def _write(path: Path, codes: list[str], regions: list[str], *, bad: bool) -> None:
    months = [f"{2017 + m // 12}-{m % 12 + 1:02d}" for m in range(MONTHS)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("指标代码,区划代码,期间,数值,备注\n")
        line = 1
        for code in codes:
            for region in regions:
                for number, month in enumerate(months):
                    line += 1
                    value = "12a" if bad and line == BAD_LINE else f"{number}.{line % 10}"
                    handle.write(f"{code},{region},{month},{value},\n")


def _import(path: Path, gansu: Gansu) -> tuple[ImportJob, float]:
    started = time.perf_counter()
    with path.open("rb") as handle:
        job = do_start_import(
            File(handle, name=path.name),
            name=path.name,
            background=False,
            acting_user=gansu.office,
        )
    return job, time.perf_counter() - started


def test_hundred_thousand_rows(gansu: Gansu, tmp_path: Path) -> None:
    codes = [
        do_create_indicator(
            gansu.program,
            code=f"m{n:02d}",
            name=f"月度指标{n}",
            unit="万元",
            period_type="month",
            acting_user=None,
        ).code
        for n in range(INDICATORS)
    ]
    regions = list(Region.objects.order_by("code").values_list("code", flat=True)[:REGIONS])
    bad = tmp_path / "bad.csv"
    _write(bad, codes, regions, bad=True)
    job, _ = _import(bad, gansu)
    assert job.status == "failed"
    assert error_rows(job) == [(BAD_LINE, "数值", "“12a”不是数字")]
    assert job.rows_read == 100_000
    assert DataValue.objects.count() == 0
    good = tmp_path / "good.csv"
    _write(good, codes, regions, bad=False)
    job, seconds = _import(good, gansu)
    assert (job.status, job.created_count, job.error_count) == ("succeeded", 100_000, 0)
    assert DataValue.objects.count() == 100_000
    assert DataValueChange.objects.filter(import_job=job).count() == 100_000
    # The measured speed is reported in docs/indicators.md; -s shows it.
    print(f"\n100,000-row import: {seconds:.1f} s, {100_000 / seconds:,.0f} rows/s")  # noqa: T201

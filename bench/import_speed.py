"""Import N data values from CSV through Luoshi's importer vs raw COPY of the same file.

The importer runs in a child process (its peak RSS is the child's ru_maxrss): store the
upload, read and check every row (codes, periods, numbers, scope, value rules, duplicates,
locked values), then COPY the values and write one history row each, in one transaction.
The baseline COPYs the same CSV into a bare table (text and numeric columns, no index, no
constraint) on the same database. Aim: >= 50% of COPY's rows/s, peak memory < 500 MB.

The floor is printed too: the same rows, codes already resolved to ids, COPYed straight
into indicators_datavalue (every index and foreign key) plus one history row each, then
rolled back. No importer that keeps this schema and the history can beat it.

    python bench/import_speed.py [--rows 1000000] [--synth-values N]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DEFAULT_SYNTH_VALUES, ensure_synthetic, office_user, result, setup_django

MONTHS = [f"{2021 + m // 12}-{m % 12 + 1:02d}" for m in range(60)]
PREFIX = "bench-import-"


def _child(path: str) -> None:
    setup_django()
    from django.core.files import File

    from luoshi.indicators.actions import do_start_import

    started = time.perf_counter()
    with Path(path).open("rb") as handle:
        job = do_start_import(
            File(handle, name="bench.csv"),
            name="bench.csv",
            background=False,
            acting_user=office_user(),
        )
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "status": job.status,
                "created": job.created_count,
                "errors": job.errors[:3],
                "job": job.pk,
                "peak_mb": peak_mb,
            }
        )
    )


def _indicators(program: object, count: int) -> list[str]:
    from luoshi.indicators.actions import do_create_indicator
    from luoshi.indicators.models import Indicator

    codes = []
    for n in range(1, count + 1):
        code = f"{PREFIX}{n:02d}"
        if not Indicator.objects.filter(code=code).exists():
            do_create_indicator(
                program,  # type: ignore[arg-type]
                code=code,
                name=f"【合成】导入基准指标{n:02d}",
                unit="万元",
                period_type="month",
                acting_user=None,
            )
        codes.append(code)
    return codes


def _clear() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM indicators_datavaluechange WHERE data_value_id IN (SELECT v.id FROM "
            "indicators_datavalue v JOIN indicators_indicator i ON i.id = v.indicator_id "
            "WHERE i.code LIKE %s)",
            [PREFIX + "%"],
        )
        cursor.execute(
            "DELETE FROM indicators_datavalue WHERE indicator_id IN "
            "(SELECT id FROM indicators_indicator WHERE code LIKE %s)",
            [PREFIX + "%"],
        )


def _copy_baseline(path: Path) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy_baseline")
        cursor.execute(
            "CREATE TABLE bench_copy_baseline (indicator text, region text, period text, "
            "value numeric(24, 6), comment text)"
        )
    started = time.perf_counter()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY bench_copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)"
        ) as copy,
        path.open("rb") as handle,
    ):
        for block in iter(lambda: handle.read(1 << 20), b""):
            copy.write(block)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy_baseline")
    return seconds


def _copy_floor(path: Path, *, without_foreign_keys: bool = False) -> float:
    """Return the seconds to COPY the rows into the real value table plus their history.

    without_foreign_keys: the same with the two tables' foreign keys dropped first (in the
    transaction that is rolled back): what their per-row checks cost.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from luoshi.indicators.models import ImportJob, Indicator
    from luoshi.org.models import Region

    indicators = dict(Indicator.objects.values_list("code", "id"))
    regions = dict(Region.objects.values_list("code", "id"))
    now = timezone.now().isoformat()
    actor = office_user().pk
    # Like the importer: every value and history row names its job and its actor.
    job = ImportJob.objects.create(format="csv", original_name="floor.csv", size=0)
    ready = path.with_suffix(".copy")
    with path.open(encoding="utf-8") as source, ready.open("w", encoding="utf-8") as target:
        next(source)
        for line in source:
            code, region, period, value, _ = line.split(",")
            year, month = period.split("-")
            target.write(
                f"{indicators[code]}\t{regions[region]}\t{period}\t{year}-{month}-01\t{value}\t"
                f"submitted\timport\t\t\t1\t{now}\t{now}\t{now}\t{actor}\t{actor}\t{job.pk}\n"
            )
    columns = (
        "indicator_id, region_id, period, period_start, value, status, source, comment, "
        "return_reason, version, created_at, updated_at, submitted_at, created_by_id, "
        "updated_by_id, import_job_id"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM indicators_datavalue")
        (last_id,) = cursor.fetchone()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if without_foreign_keys:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE contype = 'f' "
                "AND conrelid IN ('indicators_datavalue'::regclass, "
                "'indicators_datavaluechange'::regclass)"
            )
            for table, name in cursor.fetchall():
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        with (
            cursor.cursor.copy(f"COPY indicators_datavalue ({columns}) FROM STDIN") as copy,
            ready.open("rb") as handle,
        ):
            for block in iter(lambda: handle.read(1 << 20), b""):
                copy.write(block)
        cursor.execute(
            "INSERT INTO indicators_datavaluechange (data_value_id, action, new_value, "
            "old_status, new_status, old_source, new_source, comment, created_at, actor_id, "
            "import_job_id) SELECT id, 'imported', value, '', status, '', source, '', "
            "created_at, created_by_id, import_job_id FROM indicators_datavalue WHERE id > %s",
            [last_id],
        )
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    job.delete()
    return seconds


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--synth-values", type=int, default=DEFAULT_SYNTH_VALUES)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    setup_django()
    from luoshi.ops.synth import CODE_PREFIX
    from luoshi.org.models import Region

    program = ensure_synthetic(args.synth_values)
    regions = list(
        Region.objects.filter(code__startswith=CODE_PREFIX, source="synthetic")
        .order_by("code")
        .values_list("code", flat=True)
    )
    per_indicator = len(regions) * len(MONTHS)
    codes = _indicators(program, -(-args.rows // per_indicator))
    _clear()
    with tempfile.TemporaryDirectory(prefix="luoshi-bench-") as scratch:
        path = Path(scratch) / "values.csv"
        written = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write("指标代码,区划代码,期间,数值,备注\n")
            for code in codes:
                for number, region in enumerate(regions):
                    for month_number, month in enumerate(MONTHS):
                        if written == args.rows:
                            break
                        handle.write(f"{code},{region},{month},{number % 997}.{month_number},\n")
                        written += 1
        size_mb = path.stat().st_size / 1e6
        print(f"{written:,} rows, {size_mb:.1f} MB CSV, {len(codes)} indicators")
        copy_seconds = _copy_baseline(path)
        print(f"COPY into a bare table: {copy_seconds:.1f} s, {written / copy_seconds:,.0f} rows/s")
        for label, bare in (("", False), (" without foreign keys", True)):
            floor_seconds = _copy_floor(path, without_foreign_keys=bare)
            share = copy_seconds / floor_seconds
            print(
                f"floor{label}, COPY into indicators_datavalue + history: {floor_seconds:.1f} s, "
                f"{written / floor_seconds:,.0f} rows/s ({share:.0%} of COPY)"
            )
        env = {**os.environ, "MEDIA_ROOT": str(Path(scratch) / "media")}
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    lines = [line for line in child.stdout.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        print(child.stdout[-2000:], child.stderr[-4000:])
        raise SystemExit("the importer child failed")
    figures = json.loads(lines[-1])
    seconds = figures["seconds"]
    print(
        f"Luoshi importer: {seconds:.1f} s, {written / seconds:,.0f} rows/s, status "
        f"{figures['status']}, created {figures['created']:,}, peak RSS {figures['peak_mb']:.0f} MB"
    )
    if figures["status"] != "succeeded":
        print(f"errors: {figures['errors']}")
    share = copy_seconds / seconds
    print(f"ratio: the importer runs at {share:.0%} of COPY's throughput")
    result(
        f"import {written:,} values from CSV",
        figure=f"{written / seconds:,.0f} rows/s, peak RSS {figures['peak_mb']:.0f} MB",
        baseline=f"COPY {written / copy_seconds:,.0f} rows/s",
        ratio=f"{share:.0%}",
        aim=">= 50% and < 500 MB",
        met=share >= 0.5 and figures["peak_mb"] < 500 and figures["status"] == "succeeded",
    )
    _clear()


if __name__ == "__main__":
    main()

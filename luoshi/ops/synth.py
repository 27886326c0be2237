"""A labelled synthetic program at province or national scale, for benchmarks and load tests.

Everything it creates is marked: names start with 【合成】, region codes are seven digits
starting with 9 (real GB/T 2260 codes have six digits and start with 1-8, so none can
collide), the program slug is `synthetic-<scale>`, reports and rounds carry
`is_simulated=True` and data values have source `simulated`. On PostgreSQL the data values
and reports stream in with COPY; on SQLite they go in with batched bulk_create, and the
national scale is refused there (millions of rows in one SQLite file is not a deployment).
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from luoshi.core.periods import parse_period
from luoshi.indicators.actions.imports.writer import copy_rows
from luoshi.indicators.models import (
    DataValue,
    DataValueChange,
    Indicator,
    IndicatorTarget,
    ValidationRule,
    ValueSource,
    ValueStatus,
)
from luoshi.org.models import Region, Unit
from luoshi.org.names import normalize_unit_name
from luoshi.plans.models import Program, Responsibility, Task
from luoshi.supervision.models import ProgressReport, ReportingRound

__all__ = [
    "LABEL",
    "SCALES",
    "Scale",
    "SynthError",
    "SynthSummary",
    "do_drop_synthetic",
    "do_synthesize",
    "synthetic_program",
]

LABEL = "【合成】"
CODE_PREFIX = "9"
INDICATOR_PREFIX = "synth-"
FIRST_YEAR = 2021
BATCH = 5000


class SynthError(Exception):
    """The synthetic program cannot be created (or dropped) as asked; the text says why."""


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: int
    prefectures: int
    counties: int
    units: int
    indicators: int
    months: int
    tasks: int

    @property
    def regions(self) -> int:
        return self.provinces + self.prefectures + self.counties

    @property
    def values(self) -> int:
        return self.regions * self.indicators * self.months


# National: 31 provinces, 340 prefectures, 2,850 counties (the 2020 counts, rounded);
# 40 monthly indicators over 5 years for every region: 7,730,400 data values.
SCALES = {
    "national": Scale("national", 31, 340, 2850, 500, 40, 60, 50),
    "province": Scale("province", 1, 4, 12, 24, 40, 60, 6),
}


@dataclass(frozen=True)
class SynthSummary:
    program: Program
    regions: int
    units: int
    indicators: int
    rounds: int
    reports: int
    values: int
    seconds: float


def synthetic_program(scale: str) -> Program | None:
    """Return the synthetic program of a scale, or None when there is none."""
    return Program.objects.filter(slug=f"synthetic-{scale}").first()


def _spread(total: int, parts: int) -> list[int]:
    """Split total into parts that differ by at most one, larger ones first."""
    base, extra = divmod(total, parts)
    return [base + 1 if n < extra else base for n in range(parts)]


def _regions(scale: Scale) -> list[Region]:
    provinces = [
        Region(
            code=f"{CODE_PREFIX}{p:02d}0000",
            name=f"{LABEL}省{p:02d}",
            level=Region.Level.PROVINCE,
            population=40_000_000 + p * 100_000,
            source="synthetic",
        )
        for p in range(1, scale.provinces + 1)
    ]
    Region.objects.bulk_create(provinces)
    provinces = list(Region.objects.filter(code__in=[r.code for r in provinces]).order_by("code"))
    prefectures: list[Region] = []
    for province, count in zip(provinces, _spread(scale.prefectures, scale.provinces), strict=True):
        prefix = province.code[:3]
        prefectures.extend(
            Region(
                code=f"{prefix}{c:02d}00",
                name=f"{LABEL}{province.code[1:3]}市{c:02d}",
                level=Region.Level.PREFECTURE,
                parent=province,
                population=3_000_000 + c * 10_000,
                source="synthetic",
            )
            for c in range(1, count + 1)
        )
    Region.objects.bulk_create(prefectures)
    prefectures = list(
        Region.objects.filter(code__in=[r.code for r in prefectures]).order_by("code")
    )
    counties: list[Region] = []
    for prefecture, count in zip(
        prefectures, _spread(scale.counties, scale.prefectures), strict=True
    ):
        prefix = prefecture.code[:5]
        counties.extend(
            Region(
                code=f"{prefix}{d:02d}",
                name=f"{LABEL}{prefecture.code[1:5]}县{d:02d}",
                level=Region.Level.COUNTY,
                parent=prefecture,
                population=300_000 + d * 1_000,
                source="synthetic",
            )
            for d in range(1, count + 1)
        )
    Region.objects.bulk_create(counties, batch_size=BATCH)
    return list(Region.objects.filter(code__startswith=CODE_PREFIX, source="synthetic"))


def _units(scale: Scale, regions: list[Region]) -> list[Unit]:
    governments = [r for r in regions if r.level != Region.Level.COUNTY][: scale.units]
    units = [
        Unit(
            name=f"{LABEL}{region.name.removeprefix(LABEL)}政府",
            kind=Unit.Kind.GOVERNMENT,
            region=region,
        )
        for region in governments
    ]
    units.extend(
        Unit(name=f"{LABEL}部门{n:03d}", kind=Unit.Kind.DEPARTMENT)
        for n in range(1, scale.units - len(units) + 1)
    )
    for unit in units:
        # bulk_create skips save(), which fills the matching key.
        unit.name_key = normalize_unit_name(unit.name)
    Unit.objects.bulk_create(units)
    return list(Unit.objects.filter(name__startswith=LABEL).order_by("pk"))


def _months(scale: Scale) -> list[tuple[str, date]]:
    periods = [f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}" for m in range(scale.months)]
    return [(text, parse_period(text).start) for text in periods]


def _value_rows(
    indicators: list[Indicator],
    regions: list[Region],
    months: list[tuple[str, date]],
    limit: int | None,
    now: datetime,
) -> Iterator[tuple[Any, ...]]:
    count = 0
    for indicator in indicators:
        for region in regions:
            # A deterministic series: a region-specific level growing about 1% a month.
            level = 1000 + (region.pk * 7 + indicator.pk * 13) % 9000
            for number, (period, start) in enumerate(months):
                if limit is not None and count >= limit:
                    return
                count += 1
                value = Decimal(level * (100 + number)) / 100
                yield (
                    indicator.pk,
                    region.pk,
                    period,
                    start,
                    value,
                    ValueStatus.APPROVED,
                    ValueSource.SIMULATED,
                    "",
                    "",
                    1,
                    now,
                    now,
                    now,
                    now,
                )


_VALUE_COLUMNS = [
    "indicator_id",
    "region_id",
    "period",
    "period_start",
    "value",
    "status",
    "source",
    "comment",
    "return_reason",
    "version",
    "created_at",
    "updated_at",
    "submitted_at",
    "approved_at",
]


def _report_rows(
    rounds: list[ReportingRound], responsibilities: list[Responsibility], now: datetime
) -> Iterator[dict[str, Any]]:
    for number, round_ in enumerate(rounds, start=1):
        for duty in responsibilities:
            yield {
                "round_id": round_.pk,
                "task_id": duty.task_id,
                "unit_id": duty.unit_id,
                "role": duty.role,
                "is_consolidated": False,
                "status": ProgressReport.Status.ACCEPTED,
                "progress_status": ProgressReport.Progress.ON_TRACK,
                "percent_complete": Decimal(min(100, 2 * number)),
                "progress": f"{LABEL}按计划推进。",
                "problems": "",
                "next_steps": "",
                "return_reason": "",
                "return_count": 0,
                "version": 1,
                "first_submitted_at": now,
                "submitted_at": now,
                "is_on_time": True,
                "updated_at": now,
                "is_simulated": True,
            }


def _write_rows(model: type[Model], rows: Iterator[dict[str, Any]]) -> int:
    if connection.vendor == "postgresql":
        first = next(rows, None)
        if first is None:
            return 0
        columns = list(first)

        def tuples() -> Iterator[tuple[Any, ...]]:
            yield tuple(first.values())
            for row in rows:
                yield tuple(row.values())

        return copy_rows(model, columns, tuples())
    count = 0
    batch: list[Model] = []
    for row in rows:
        batch.append(model(**row))
        if len(batch) >= BATCH:
            model._default_manager.bulk_create(batch)
            count += len(batch)
            batch = []
    model._default_manager.bulk_create(batch)
    return count + len(batch)


def _write_values(rows: Iterator[tuple[Any, ...]]) -> int:
    if connection.vendor == "postgresql":
        # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: left so, every COPY row
        # queues its checks until COMMIT (minutes and a growing queue for millions of rows).
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        return copy_rows(DataValue, _VALUE_COLUMNS, rows)
    return _write_rows(DataValue, (dict(zip(_VALUE_COLUMNS, row, strict=True)) for row in rows))


def do_synthesize(scale_name: str, *, values: int | None = None) -> SynthSummary:
    """Create the synthetic program of a scale; refuse when it exists or SQLite is asked big."""
    scale = SCALES[scale_name]
    if scale_name == "national" and connection.vendor != "postgresql":
        raise SynthError(
            "全国规模的合成数据（约 770 万条）只在 PostgreSQL 上生成：请设置 DATABASE_URL。"
            " / The national scale needs PostgreSQL (set DATABASE_URL); SQLite takes"
            " --scale province."
        )
    if synthetic_program(scale_name) is not None:
        raise SynthError(
            f"合成落实工作 synthetic-{scale_name} 已存在；如需重建，先运行 synth --drop --scale "
            f"{scale_name}。 / The synthetic program already exists; drop it first."
        )
    if Region.objects.filter(code__startswith=CODE_PREFIX, source="synthetic").exists():
        raise SynthError(
            "已有合成区划（代码 9 开头）属于另一规模的合成数据；先运行 synth --drop。"
            " / Synthetic regions of another scale exist; drop them first."
        )
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        regions = _regions(scale)
        units = _units(scale, regions)
        program = Program.objects.create(
            name=f"{LABEL}全国政策落实合成数据（{scale_name}）",
            slug=f"synthetic-{scale_name}",
            status=Program.Status.PUBLISHED,
            start_date=date(FIRST_YEAR, 1, 1),
            end_date=date(FIRST_YEAR + scale.months // 12, 12, 31),
        )
        tasks = Task.objects.bulk_create(
            Task(
                program=program,
                path=str(n),
                title=f"{LABEL}重点任务{n}",
                text=f"{LABEL}第{n}项重点任务。",
                order=n,
                deadline=program.end_date,
            )
            for n in range(1, scale.tasks + 1)
        )
        # Every unit answers for exactly one task: the first of each group leads.
        responsibilities = Responsibility.objects.bulk_create(
            Responsibility(
                task=tasks[n % len(tasks)],
                unit=unit,
                role=Responsibility.Role.LEAD if n < len(tasks) else Responsibility.Role.CO,
                verbatim_name=unit.name,
                order=n,
            )
            for n, unit in enumerate(units)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                program=program,
                code=f"{INDICATOR_PREFIX}{scale_name[:4]}-{n:02d}",
                name=f"{LABEL}月度指标{n:02d}",
                unit="万元",
                period_type="month",
                order=n,
            )
            for n in range(1, scale.indicators + 1)
        )
        # The governments report every indicator (the deadline-rush benchmark writes them).
        through = Indicator.reporting_units.through
        through.objects.bulk_create(
            (
                through(indicator_id=indicator.pk, unit_id=unit.pk)
                for indicator in indicators
                for unit in units
                if unit.kind == Unit.Kind.GOVERNMENT
            ),
            batch_size=BATCH,
        )
        months = _months(scale)
        rounds = ReportingRound.objects.bulk_create(
            ReportingRound(
                program=program,
                period=period,
                period_start=start,
                period_end=parse_period(period).end,
                opens_on=parse_period(period).end - timedelta(days=5),
                due_on=parse_period(period).end + timedelta(days=5),
                status=ReportingRound.Status.CLOSED,
                is_simulated=True,
            )
            for period, start in months
        )
        reports = _write_rows(ProgressReport, _report_rows(rounds, responsibilities, now))
        ordered = sorted(regions, key=lambda r: r.code)
        written = _write_values(_value_rows(indicators, ordered, months, values, now))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Region, Unit, DataValue, ProgressReport):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return SynthSummary(
        program=program,
        regions=len(regions),
        units=len(units),
        indicators=len(indicators),
        rounds=len(rounds),
        reports=reports,
        values=written,
        seconds=time.perf_counter() - started,
    )


def do_drop_synthetic(scale_name: str) -> dict[str, int]:
    """Delete the synthetic program of a scale and every row made with it; return counts."""
    program = synthetic_program(scale_name)
    if program is None:
        raise SynthError(
            f"没有合成落实工作 synthetic-{scale_name}，无需删除。"
            " / There is no synthetic program of that scale."
        )
    counts: dict[str, int] = {}
    with transaction.atomic():
        indicators = Indicator.objects.filter(program=program)
        counts["changes"] = DataValueChange.objects.filter(
            data_value__indicator__in=indicators
        ).delete()[0]
        counts["values"] = DataValue.objects.filter(indicator__in=indicators)._raw_delete(
            connection.alias
        )
        IndicatorTarget.objects.filter(indicator__in=indicators).delete()
        ValidationRule.objects.filter(program=program).delete()
        counts["indicators"] = indicators.delete()[0]
        counts["reports"] = ProgressReport.objects.filter(round__program=program)._raw_delete(
            connection.alias
        )
        counts["rounds"] = ReportingRound.objects.filter(program=program).delete()[0]
        Responsibility.objects.filter(task__program=program).delete()
        Task.objects.filter(program=program).delete()
        program.delete()
        units = Unit.objects.filter(name__startswith=LABEL)
        Unit.members.through.objects.filter(from_unit__in=units).delete()
        counts["units"] = units.delete()[0]
        synthetic = Region.objects.filter(code__startswith=CODE_PREFIX, source="synthetic")
        regions = 0
        for level in (Region.Level.COUNTY, Region.Level.PREFECTURE, Region.Level.PROVINCE):
            regions += synthetic.filter(level=level).delete()[0]
        counts["regions"] = regions
    return counts

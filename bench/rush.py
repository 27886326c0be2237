"""Deadline rush: N reporters hand in their report and their data within one minute.

A new round of the synthetic national program opens with a report row for every unit. Each
simulated reporter (one per unit, its own API token) arrives at a random moment inside the
window and, over HTTP against gunicorn (2 workers) on 127.0.0.1: reads its reports, saves
its report with the version it read, submits it, and — for the governments, which report the
indicators — posts its region's values for the new month with `POST /data-values/bulk`
(submit). Threads bound the concurrency; every request has a timeout; the run stops at the
window plus a grace period whatever happens.

Afterwards the database is checked against what was sent: every report submitted exactly
once (version 2, one submit audit event), every value stored once with the value sent and
one history row; zero 5xx. The baseline is GET /api/v1/health over the same connections.

    python bench/rush.py [--reporters 500] [--window 50] [--threads 32] [--values 5]
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import (
    DEFAULT_SYNTH_VALUES,
    ROOT,
    ensure_synthetic,
    office_user,
    percentile,
    result,
    setup_django,
)
from http_load import _free_port

PERIOD = "2026-01"


@dataclass
class Reporter:
    token: str
    unit_id: int
    region: str | None


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, status: int, ms: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(ms)
            self.statuses[status] += 1


def _clear(program: Any) -> None:
    """Remove the rush round, its reports and the month's values: the run can repeat."""
    from django.db import connection

    from luoshi.indicators.models import DataValue
    from luoshi.supervision.models import ProgressReport, ReportingRound

    old = ReportingRound.objects.filter(program=program, period=PERIOD).first()
    if old is not None:
        ProgressReport.objects.filter(round=old).delete()
        old.delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM indicators_datavaluechange WHERE data_value_id IN (SELECT id FROM "
            "indicators_datavalue WHERE period = %s)",
            [PERIOD],
        )
    DataValue.objects.filter(period=PERIOD, indicator__program=program).delete()


def _prepare(program: Any, count: int, values: int) -> tuple[int, list[Reporter], list[str]]:

    from luoshi.indicators.models import Indicator
    from luoshi.ops.synth import LABEL
    from luoshi.org.actions.tokens import do_create_api_token
    from luoshi.org.models import ApiToken, Unit, User
    from luoshi.supervision.actions import do_open_round

    office = office_user()
    codes = list(
        Indicator.objects.filter(program=program).order_by("order").values_list("code", flat=True)
    )[:values]
    _clear(program)
    today = date.today()
    round_ = do_open_round(
        program,
        period=PERIOD,
        opens_on=today - timedelta(days=5),
        due_on=today,
        acting_user=office,
    )
    units = list(Unit.objects.filter(name__startswith=LABEL).select_related("region"))[:count]
    reporters = []
    for unit in units:
        user, _ = User.objects.get_or_create(
            username=f"bench-rush-{unit.pk}",
            defaults={"role": User.Role.REPORTER, "unit": unit, "display_name": unit.name},
        )
        ApiToken.objects.filter(user=user).delete()
        _, secret = do_create_api_token(user=user, name="rush", acting_user=user)
        region = unit.region.code if unit.kind == Unit.Kind.GOVERNMENT and unit.region else None
        reporters.append(Reporter(secret, unit.pk, region))
    return round_.pk, reporters, codes


@dataclass
class _Session:
    connection: http.client.HTTPConnection
    tally: Tally
    token: str


def _request(
    session: _Session, kind: str, method: str, path: str, body: object = None
) -> tuple[int, object]:
    connection, tally = session.connection, session.tally
    headers = {"Authorization": f"Bearer {session.token}", "Content-Type": "application/json"}
    payload = json.dumps(body) if body is not None else None
    started = time.perf_counter()
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    data = response.read()
    tally.add(kind, response.status, (time.perf_counter() - started) * 1000)
    try:
        return response.status, json.loads(data) if data else None
    except ValueError:
        return response.status, None


def _value(unit_id: int, code: str) -> str:
    return f"{unit_id}.{sum(map(ord, code)) % 1000:03d}"


def _reporter_run(
    port: int, round_id: int, codes: list[str], reporter: Reporter, *, tally: Tally, at: float
) -> None:
    time.sleep(max(0.0, at - time.monotonic()))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        session = _Session(connection, tally, reporter.token)
        status, page = _request(session, "list", "GET", f"/api/v1/reports?round={round_id}")
        assert status == 200 and isinstance(page, dict), status
        for report in page["items"]:
            if report["unit_id"] != reporter.unit_id:
                continue
            status, saved = _request(
                session,
                "save",
                "PUT",
                f"/api/v1/reports/{report['id']}",
                {
                    "version": report["version"],
                    "progress_status": "on_track",
                    "percent_complete": "50",
                    "progress": "【合成】按计划推进，截止前报送。",
                },
            )
            assert status == 200 and isinstance(saved, dict), status
            status, _ = _request(
                session,
                "submit",
                "POST",
                f"/api/v1/reports/{report['id']}/submit",
                {"version": saved["version"]},
            )
            assert status == 200, status
        if reporter.region and codes:
            rows = [
                {
                    "indicator": code,
                    "region": reporter.region,
                    "period": PERIOD,
                    "value": _value(reporter.unit_id, code),
                }
                for code in codes
            ]
            status, _ = _request(
                session,
                "values",
                "POST",
                "/api/v1/data-values/bulk",
                {"values": rows, "submit": True},
            )
            assert status == 200, status
    except Exception as error:
        with tally.lock:
            tally.failures.append(f"unit {reporter.unit_id}: {type(error).__name__} {error}")
    finally:
        connection.close()


def _verify(round_id: int, reporters: list[Reporter], codes: list[str]) -> dict[str, int]:
    from django.db.models import Count

    from luoshi.indicators.models import DataValue, DataValueChange
    from luoshi.org.models import AuditEvent
    from luoshi.supervision.models import ProgressReport

    units = {r.unit_id for r in reporters}
    reports = ProgressReport.objects.filter(round_id=round_id, unit_id__in=units)
    expected_reports = reports.count()
    submitted = reports.filter(status=ProgressReport.Status.SUBMITTED)
    wrong_version = submitted.exclude(version=2).count()
    submit_events = (
        AuditEvent.objects.filter(
            object_type__icontains="report",
            object_id__in=[str(pk) for pk in reports.values_list("pk", flat=True)],
            action__icontains="submit",
        )
        .values("object_id")
        .annotate(n=Count("id"))
    )
    duplicated_events = sum(1 for row in submit_events if row["n"] != 1)
    values = DataValue.objects.filter(period=PERIOD, indicator__code__in=codes)
    expected_values = sum(1 for r in reporters if r.region) * len(codes)
    stored = {
        (v.indicator.code, v.region.code): v for v in values.select_related("indicator", "region")
    }
    wrong_values = 0
    for reporter in reporters:
        if not reporter.region:
            continue
        for code in codes:
            value = stored.get((code, reporter.region))
            if (
                value is None
                or f"{value.value.normalize():f}"
                != f"{_value(reporter.unit_id, code)}".rstrip("0").rstrip(".")
            ):
                wrong_values += 1
    histories = (
        DataValueChange.objects.filter(data_value__in=values)
        .values("data_value_id")
        .annotate(n=Count("id"))
    )
    duplicated_history = sum(1 for row in histories if row["n"] != 1)
    return {
        "reports expected": expected_reports,
        "reports submitted": submitted.count(),
        "reports lost": expected_reports - submitted.count(),
        "reports with a version other than 2": wrong_version,
        "reports with != 1 submit event": duplicated_events,
        "values expected": expected_values,
        "values stored": len(stored),
        "values lost or wrong": wrong_values,
        "values with != 1 history row": duplicated_history,
    }


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reporters", type=int, default=500)
    parser.add_argument("--window", type=float, default=50.0, help="arrivals spread (s)")
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--values", type=int, default=5, help="values per government")
    parser.add_argument("--synth-values", type=int, default=DEFAULT_SYNTH_VALUES)
    args = parser.parse_args()
    setup_django()
    program = ensure_synthetic(args.synth_values)
    round_id, reporters, codes = _prepare(program, args.reporters, args.values)
    print(
        f"{len(reporters)} reporters ({sum(1 for r in reporters if r.region)} governments with "
        f"{len(codes)} values each), arrivals over {args.window:.0f} s, {args.threads} threads"
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "luoshi.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "0"},
    )
    tally = Tally()
    try:
        for _ in range(100):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/api/v1/health")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        baseline = []
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for _ in range(200):
            started = time.perf_counter()
            probe.request("GET", "/api/v1/health")
            probe.getresponse().read()
            baseline.append((time.perf_counter() - started) * 1000)
        probe.close()
        random.seed(7)
        start = time.monotonic() + 1
        arrivals = sorted(start + random.uniform(0, args.window) for _ in reporters)
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            futures = [
                pool.submit(_reporter_run, port, round_id, codes, reporter, tally=tally, at=at)
                for reporter, at in zip(reporters, arrivals, strict=True)
            ]
            deadline = start + args.window + 60
            for future in futures:
                future.result(timeout=max(1.0, deadline - time.monotonic()))
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    checks = _verify(round_id, reporters, codes)
    # The synthetic program stays as synth made it, for the other benchmarks.
    _clear(program)
    every = [ms for samples in tally.latencies.values() for ms in samples]
    errors_5xx = sum(n for status, n in tally.statuses.items() if status >= 500)
    print(f"finished in {elapsed:.1f} s; statuses {dict(sorted(tally.statuses.items()))}")
    for kind, samples in tally.latencies.items():
        print(
            f"  {kind:7s} n={len(samples):4d} p50 {statistics.median(samples):7.1f} ms  "
            f"p99 {percentile(samples, 0.99):7.1f} ms"
        )
    print(
        f"  health  n={len(baseline):4d} p50 {statistics.median(baseline):7.1f} ms  "
        f"p99 {percentile(baseline, 0.99):7.1f} ms (idle server, baseline)"
    )
    for name, count in checks.items():
        print(f"  {name}: {count}")
    for failure in tally.failures[:10]:
        print(f"  failure: {failure}")
    lost = checks["reports lost"] + checks["values lost or wrong"]
    duplicated = (
        checks["reports with a version other than 2"]
        + checks["reports with != 1 submit event"]
        + checks["values with != 1 history row"]
    )
    p50, p99 = statistics.median(every), percentile(every, 0.99)
    result(
        f"deadline rush: {len(reporters)} reporters in {args.window:.0f} s",
        figure=f"done in {elapsed:.0f} s; p50 {p50:.0f} ms, p99 {p99:.0f} ms; lost {lost}, "
        f"duplicated {duplicated}, "
        f"5xx {errors_5xx}, failures {len(tally.failures)}",
        baseline=f"health p50 {statistics.median(baseline):.1f} ms",
        ratio=f"{p50 / statistics.median(baseline):.0f}x (p50)",
        aim="0 lost, 0 duplicated, 0 5xx",
        met=lost == 0 and duplicated == 0 and errors_5xx == 0 and not tally.failures,
    )


if __name__ == "__main__":
    main()

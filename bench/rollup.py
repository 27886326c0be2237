"""Roll-up and dashboard reads on the synthetic national data, vs hand-written SQL.

1. `GET /api/v1/indicators/{id}/rollup?level=prefecture` (one indicator, all 340 prefectures,
   60 months) through the whole Django stack (in-process client: middleware, auth, ninja,
   JSON) vs the equivalent GROUP BY written by hand and run on a bare psycopg cursor.
2. The dashboard page of the program (`/dashboard/<id>/`) when the tree has one, vs the
   cheapest summary SQL over the same rows (counted values per period for the program).

3. The dashboard summary through the API (`GET /api/v1/dashboard?program=…&period=…`).

Reads are served from results cached under the data revision (luoshi.org.revision): the
aim is judged on those steady-state reads. Each figure is also measured cold — the revision
moved before every call, as after a write — and printed beside it.
Aim: p95 within 1.5x of the SQL and under 200 ms. Usage:
    python bench/rollup.py [--runs 30] [--synth-values N]
"""

import argparse
import statistics
from collections.abc import Callable

from common import (
    DEFAULT_SYNTH_VALUES,
    describe,
    ensure_synthetic,
    office_user,
    percentile,
    result,
    setup_django,
    timed,
)

ROLLUP_SQL = """
SELECT v.period, COUNT(*), SUM(v.value)
FROM indicators_datavalue v JOIN org_region r ON r.id = v.region_id
WHERE v.indicator_id = %s AND r.level = %s AND v.status IN ('submitted', 'approved')
GROUP BY v.period ORDER BY MIN(v.period_start)
"""
SUMMARY_SQL = """
SELECT v.indicator_id, v.period, COUNT(*), SUM(v.value)
FROM indicators_datavalue v JOIN indicators_indicator i ON i.id = v.indicator_id
WHERE i.program_id = %s AND v.status IN ('submitted', 'approved') AND v.period = %s
GROUP BY v.indicator_id, v.period
"""


def _cold(call: Callable[[], None]) -> Callable[[], None]:
    """Return call preceded by a move of the data revision, as a write would do."""
    from luoshi.org.revision import note_data_changed

    def after_a_write() -> None:
        note_data_changed()
        call()

    return after_a_write


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--synth-values", type=int, default=DEFAULT_SYNTH_VALUES)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from luoshi.indicators.models import DataValue, Indicator

    program = ensure_synthetic(args.synth_values)
    indicator = Indicator.objects.filter(program=program).order_by("order").first()
    assert indicator is not None
    client = Client()
    client.force_login(office_user())
    url = f"/api/v1/indicators/{indicator.pk}/rollup?level=prefecture"
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    points = response.json()
    regions = sum(p["regions"] for p in points)
    print(f"indicator {indicator.code}: {len(points)} periods, {regions:,} prefecture values")
    print(f"values in the database: {DataValue.objects.count():,}")

    def api_call() -> None:
        assert client.get(url).status_code == 200

    def sql_call() -> None:
        with connection.cursor() as cursor:
            cursor.execute(ROLLUP_SQL, [indicator.pk, "prefecture"])
            cursor.fetchall()

    api = timed(api_call, args.runs)
    sql = timed(sql_call, args.runs)
    api_p95, sql_p95 = percentile(api, 0.95), percentile(sql, 0.95)
    cold = timed(_cold(api_call), max(5, args.runs // 3), warmup=1)
    print(f"roll-up via API: {describe(api)}")
    print(f"roll-up via API, cold (after a write): {describe(cold)}")
    print(f"roll-up via SQL: {describe(sql)}")
    ratio = api_p95 / sql_p95
    print(f"ratio (p95 API / p95 SQL): {ratio:.2f}x")
    result(
        "roll-up API (1 indicator x 340 prefectures x 60 months)",
        figure=f"p95 {api_p95:.1f} ms (p50 {statistics.median(api):.1f}; "
        f"cold {percentile(cold, 0.95):.0f} ms)",
        baseline=f"SQL p95 {sql_p95:.1f} ms",
        ratio=f"{ratio:.2f}x",
        aim="<= 1.5x and < 200 ms",
        met=ratio <= 1.5 and api_p95 < 200,
    )

    try:
        page = reverse("web:dashboard", args=[program.pk])
    except NoReverseMatch:
        print("dashboard: no web:dashboard page in this tree; skipped")
        return
    first = client.get(page)
    if first.status_code != 200:
        print(f"dashboard: {page} answered {first.status_code}; skipped")
        return
    last_period = (
        DataValue.objects.filter(indicator__program=program)
        .order_by("-period_start")
        .values_list("period", flat=True)
        .first()
    )

    def page_call() -> None:
        assert client.get(page).status_code == 200

    def summary_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(SUMMARY_SQL, [program.pk, last_period])
            cursor.fetchall()

    runs = max(5, args.runs // 3)
    dash = timed(page_call, runs, warmup=1)
    base = timed(summary_sql, runs)
    base_p95 = percentile(base, 0.95)
    dash_cold = timed(_cold(page_call), 3, warmup=0)
    summary_url = f"/api/v1/dashboard?program={program.pk}&period={last_period}"

    def summary_api() -> None:
        response = client.get(summary_url)
        assert response.status_code == 200, response.content[:300]

    summary = timed(summary_api, runs, warmup=1)
    summary_cold = timed(_cold(summary_api), 3, warmup=0)
    print(f"dashboard page: {describe(dash)}")
    print(f"dashboard page, cold (after a write): {describe(dash_cold)}")
    print(f"summary API:    {describe(summary)}")
    print(f"summary API, cold (after a write): {describe(summary_cold)}")
    print(f"summary SQL:    {describe(base)}")
    for name, warm, cold in (
        ("dashboard summary page (national program)", dash, dash_cold),
        ("dashboard summary API (national program)", summary, summary_cold),
    ):
        p95 = percentile(warm, 0.95)
        result(
            name,
            figure=f"p95 {p95:.1f} ms (cold {percentile(cold, 0.95):.0f} ms)",
            baseline=f"SQL p95 {base_p95:.1f} ms",
            ratio=f"{p95 / base_p95:.2f}x",
            aim="<= 1.5x and < 200 ms",
            met=p95 / base_p95 <= 1.5 and p95 < 200,
        )


if __name__ == "__main__":
    main()

"""Roll-up and dashboard reads on the synthetic national data, vs hand-written SQL.

1. `GET /api/v1/indicators/{id}/rollup?level=prefecture` (one indicator, all 340 prefectures,
   60 months) through the whole Django stack (in-process client: middleware, auth, ninja,
   JSON) vs the equivalent GROUP BY written by hand and run on a bare psycopg cursor.
2. The dashboard page of the program (`/dashboard/<id>/`) when the tree has one, vs the
   cheapest summary SQL over the same rows (counted values per period for the program).

Aim: p95 within 1.5x of the SQL and under 200 ms. Usage:
    python bench/rollup.py [--runs 30] [--synth-values N]
"""

import argparse
import statistics

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
    print(f"roll-up via API: {describe(api)}")
    print(f"roll-up via SQL: {describe(sql)}")
    ratio = api_p95 / sql_p95
    print(f"ratio (p95 API / p95 SQL): {ratio:.2f}x")
    result(
        "roll-up API (1 indicator x 340 prefectures x 60 months)",
        figure=f"p95 {api_p95:.1f} ms (p50 {statistics.median(api):.1f})",
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
    dash_p95, base_p95 = percentile(dash, 0.95), percentile(base, 0.95)
    print(f"dashboard page: {describe(dash)}")
    print(f"summary SQL:    {describe(base)}")
    result(
        "dashboard summary page (national program)",
        figure=f"p95 {dash_p95:.1f} ms",
        baseline=f"SQL p95 {base_p95:.1f} ms",
        ratio=f"{dash_p95 / base_p95:.1f}x",
        aim="<= 1.5x and < 200 ms",
        met=dash_p95 / base_p95 <= 1.5 and dash_p95 < 200,
    )


if __name__ == "__main__":
    main()

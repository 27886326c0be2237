"""Shared set-up for the benchmarks: the PostgreSQL bench database, Django, the synthetic data.

Every benchmark runs against its own database (default `luoshi_bench` on 127.0.0.1), never
the development or test database, and prints one `RESULT|...` line per figure that
`bench/run_all.py` collects into bench/results.md.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/luoshi_bench"
# The default `make bench` size: the first indicators of the national program are complete
# (every region, 60 months), the rest empty; --values 0 builds all 7.7 million values.
DEFAULT_SYNTH_VALUES = 1_000_000

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def database_url() -> str:
    """Return the bench database URL (BENCH_DATABASE_URL, else the local luoshi_bench)."""
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)


def setup_django(url: str | None = None) -> None:
    """Point Django at the bench database, create it when missing, and migrate it."""
    import psycopg

    url = url or database_url()
    if not url.startswith("postgres"):
        raise SystemExit("The benchmarks run on PostgreSQL: set BENCH_DATABASE_URL=postgresql://…")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_synthetic(values: int | None) -> Any:
    """Return the national synthetic program, building it (with at most `values`) if missing."""
    from luoshi.ops.synth import do_synthesize, synthetic_program

    program = synthetic_program("national")
    if program is None:
        print(f"building the synthetic national program ({values or 'all'} values)…", flush=True)
        summary = do_synthesize("national", values=values or None)
        print(f"  {summary.values:,} values in {summary.seconds:.0f} s", flush=True)
        program = summary.program
    return program


def office_user() -> Any:
    """Return the benchmarks' office user, creating it once."""
    from luoshi.org.models import User

    user, _ = User.objects.get_or_create(
        username="bench-office", defaults={"role": User.Role.OFFICE, "display_name": "bench"}
    )
    return user


def percentile(samples: list[float], share: float) -> float:
    """Return the nearest-rank percentile of the samples (share in 0..1)."""
    ordered = sorted(samples)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def timed(function: Callable[[], Any], runs: int, warmup: int = 3) -> list[float]:
    """Return the wall times in milliseconds of `runs` calls after `warmup` untimed ones."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def describe(samples: list[float]) -> str:
    """Return p50 / p95 / max of millisecond samples."""
    return (
        f"p50 {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms, "
        f"max {max(samples):.1f} ms (n={len(samples)})"
    )


def result(name: str, *, figure: str, baseline: str, ratio: str, aim: str, met: bool) -> None:
    """Print the one line run_all.py collects for results.md."""
    print(f"RESULT|{name}|{figure}|{baseline}|{ratio}|{aim}|{'yes' if met else 'NO'}", flush=True)

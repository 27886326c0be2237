"""Run every benchmark and write bench/results.md (the command `make bench` runs).

Each benchmark is its own script, run here as a subprocess with a time limit; their printed
figures go into results.md verbatim, and their RESULT lines into the summary table. The
database is PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/
luoshi_bench); the synthetic national program is built once and reused by later runs.

    python bench/run_all.py                    # defaults that finish in minutes here
    python bench/run_all.py --full             # 7.7 M values, 1 M-row import, 30 s wrk
    python bench/run_all.py --only rollup rush # some of them
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
NOTES = HERE / "notes.md"


def _plan(full: bool) -> list[tuple[str, list[str], int]]:
    synth = ["--synth-values", "0" if full else "1000000"]
    return [
        ("parse", ["parse_speed.py"], 600),
        ("rollup", ["rollup.py", "--runs", "30", *synth], 3600),
        ("import", ["import_speed.py", "--rows", "1000000" if full else "200000", *synth], 1800),
        ("http", ["http_load.py", "--duration", "30" if full else "10", *synth], 900),
        ("rush", ["rush.py", "--reporters", "500", "--window", "50", *synth], 600),
    ]


def main() -> None:
    """Run the benchmarks and write bench/results.md."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="the full national sizes")
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    sections: list[str] = []
    rows: list[list[str]] = []
    started = time.perf_counter()
    for name, command, limit in _plan(args.full):
        if args.only and name not in args.only:
            continue
        print(f"== {name}: {' '.join(command)}", flush=True)
        begun = time.perf_counter()
        try:
            run = subprocess.run(
                [sys.executable, str(HERE / command[0]), *command[1:]],
                capture_output=True,
                text=True,
                timeout=limit,
                cwd=HERE.parent,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
                check=False,
            )
            output, status = run.stdout, f"exit {run.returncode}"
            if run.returncode != 0:
                output += "\n" + run.stderr[-3000:]
        except subprocess.TimeoutExpired as expired:
            output = str(expired.stdout or "")
            status = f"stopped after {limit} s"
        seconds = time.perf_counter() - begun
        print(output, flush=True)
        figures = [line for line in output.splitlines() if not line.startswith("RESULT|")]
        for line in output.splitlines():
            if line.startswith("RESULT|"):
                rows.append(line.split("|")[1:])
        sections.append(
            f"### {name}\n\n`python bench/{' '.join(command)}` ({status}, {seconds:.0f} s)\n\n"
            "```\n" + "\n".join(figures).strip() + "\n```\n"
        )
    table = [
        "| benchmark | figure | baseline (same run) | ratio | aim | met |",
        "|---|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
    ]
    header = (
        "# Benchmark results\n\n"
        f"Written by `bench/run_all.py{' --full' if args.full else ''}` on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}, {platform.node()}: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"total {time.perf_counter() - started:.0f} s. Ratios compare with a baseline measured in "
        "the same run on the same database; absolute times on a shared machine are noise.\n\n"
    )
    notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
    RESULTS.write_text(
        header + "\n".join(table) + "\n\n" + "\n".join(sections) + "\n" + notes,
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()

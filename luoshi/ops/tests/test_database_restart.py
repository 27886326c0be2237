"""A PostgreSQL restart in the middle of an import leaves nothing half-written.

The test runs its own throwaway PostgreSQL instance (initdb in a temporary directory, a free
port on 127.0.0.1), so restarting it cannot disturb the shared server other tests use. An
import of 100,000 values runs in a subprocess; the moment its job reaches the writing phase
the server is restarted (`pg_ctl restart -m fast`, which cuts every connection). Then: not
one value or history row of that import exists, the job says failed with the reason, and
the same file imported again succeeds in full.

Runs only when DATABASE_URL names PostgreSQL (the CI run) and the PostgreSQL server
binaries are installed.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

psycopg = pytest.importorskip("psycopg")

ROOT = Path(__file__).resolve().parents[3]
BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres") or not BINARIES,
    reason="needs DATABASE_URL=postgresql://… and the PostgreSQL server binaries",
)
ROWS = 100_000
SETUP = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from luoshi.indicators.actions import do_create_indicator
from luoshi.org.loaders import DIVISIONS_CSV, LoadStats, load_regions
from luoshi.org.models import Region, User
from luoshi.plans.models import Program
load_regions(DIVISIONS_CSV, LoadStats())
program = Program.objects.create(name="重启测试", slug="restart", status="published")
User.objects.create(username="office", role="office")
codes = [
    do_create_indicator(
        program, code=f"m{n:02d}", name=f"月度指标{n}", unit="万元", period_type="month",
        acting_user=None,
    ).code
    for n in range(20)
]
regions = list(Region.objects.order_by("code").values_list("code", flat=True)[:100])
months = [f"{2017 + m // 12}-{m % 12 + 1:02d}" for m in range(50)]
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    handle.write("指标代码,区划代码,期间,数值,备注\\n")
    for code in codes:
        for region in regions:
            for number, month in enumerate(months):
                handle.write(f"{code},{region},{month},{number}.5,\\n")
"""
IMPORT = """
import django, sys
django.setup()
from django.core.files import File
from luoshi.indicators.actions import do_start_import
from luoshi.org.models import User
with open(sys.argv[1], "rb") as handle:
    job = do_start_import(File(handle, name="values.csv"), name="values.csv", background=False,
                          acting_user=User.objects.get(username="office"))
print(job.pk, job.status, job.created_count)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_postgres(command: list[str]) -> list[str]:
    # initdb refuses to run as root; the server then runs as the postgres user too.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture
def private_postgres() -> Iterator[tuple[str, list[str]]]:
    bin_dir = BINARIES[-1].parent
    home = Path(tempfile.mkdtemp(prefix="luoshi-pg-"))
    data = home / "data"
    home.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {home} -c fsync=off"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log")]
    subprocess.run(_as_postgres([*pg_ctl, "-w", "start"]), check=True, timeout=60)
    try:
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True
        ) as db:
            db.execute("CREATE DATABASE luoshi")
        yield f"postgresql://postgres@127.0.0.1:{port}/luoshi", pg_ctl
    finally:
        subprocess.run(_as_postgres([*pg_ctl, "-m", "immediate", "stop"]), check=False)
        shutil.rmtree(home, ignore_errors=True)


def _query(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url, connect_timeout=5) as db:
        rows: list[tuple[object, ...]] = db.execute(sql).fetchall()
        return rows


def test_restart_mid_import_writes_nothing_then_the_import_succeeds(
    private_postgres: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, pg_ctl = private_postgres
    csv_path = tmp_path / "values.csv"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "luoshi.settings",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "-c", SETUP, str(csv_path)], cwd=ROOT, env=env, check=True, timeout=300
    )
    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORT, str(csv_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    phase: list[tuple[object, ...]] = []
    while time.monotonic() < deadline and importer.poll() is None:
        phase = _query(url, "SELECT phase FROM indicators_importjob")
        if phase == [("writing",)]:
            break
        time.sleep(0.02)
    assert phase == [("writing",)], f"the import never reached its writing phase: {phase}"
    subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "-w", "restart"]), check=True, timeout=60)
    out, err = importer.communicate(timeout=180)
    assert importer.returncode == 0, err[-2000:]
    job_id = int(out.split()[0])

    assert out.split()[1:] == ["failed", "0"]
    assert _query(url, "SELECT status, errors::text FROM indicators_importjob") == [
        (
            "failed",
            '[{"code": "database_interrupted", "line": 0, "column": "", "params": {}}]',
        )
    ]
    assert _query(url, "SELECT COUNT(*) FROM indicators_datavalue") == [(0,)]
    assert _query(url, "SELECT COUNT(*) FROM indicators_datavaluechange") == [(0,)]

    again = subprocess.run(
        [sys.executable, "-c", IMPORT, str(csv_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert again.stdout.split()[1:] == ["succeeded", str(ROWS)]
    assert int(again.stdout.split()[0]) == job_id + 1
    assert _query(url, "SELECT COUNT(*) FROM indicators_datavalue") == [(ROWS,)]
    assert _query(url, "SELECT COUNT(*) FROM indicators_datavaluechange") == [(ROWS,)]

"""A django-q2 worker killed mid-task (SIGKILL, no clean-up) loses nothing: on restart the
task runs again, once, and is recorded as one success.

The cluster runs for real (`manage.py qcluster`, ORM broker) in its own process group over
a throwaway SQLite database, so nothing else is touched. Q_RETRY=4 s stands in for the
production 600 s: the ORM broker hides a pulled task for Q_RETRY seconds and hands it out
again if it was never acknowledged, which is exactly what a killed worker leaves behind.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from luoshi.ops.tests.qtask import slow_task

ROOT = Path(__file__).resolve().parents[3]
TASK = "luoshi.ops.tests.qtask.slow_task"
SETUP = (
    "import django, sys; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); from django_q.tasks import async_task; "
    "async_task(sys.argv[1], sys.argv[2], 3.0, task_name='crash-probe')"
)


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _lines(marker: Path) -> list[str]:
    return marker.read_text(encoding="utf-8").split() if marker.exists() else []


def _cluster(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill(cluster: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    try:
        os.killpg(cluster.pid, sig)
        cluster.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait(timeout=15)


def test_the_task_function_marks_start_and_end(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    assert slow_task(str(marker), 0) == "done"
    assert _lines(marker) == ["started", "finished"]


def test_a_killed_workers_task_runs_once_after_restart(tmp_path: Path) -> None:
    database = tmp_path / "q.sqlite3"
    marker = tmp_path / "marker"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "luoshi.settings",
        "REDIS_URL": "",
        "Q_WORKERS": "1",
        "Q_TIMEOUT": "5",
        "Q_RETRY": "6",
        "LOG_LEVEL": "WARNING",
    }
    # Q_RETRY must exceed Q_TIMEOUT, and Q_TIMEOUT the task's 3 s, or a healthy run would be
    # handed out twice.
    subprocess.run(
        [sys.executable, "-c", SETUP, TASK, str(marker)], cwd=ROOT, env=env, check=True, timeout=120
    )
    first = _cluster(env)
    try:
        if not _wait(lambda: _lines(marker) == ["started"], 60):
            pytest.fail(f"the cluster never started the task: {_lines(marker)}")
    finally:
        _kill(first, signal.SIGKILL)
    assert _lines(marker) == ["started"]
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM django_q_ormq").fetchone() == (1,)
        assert db.execute("SELECT COUNT(*) FROM django_q_task").fetchone() == (0,)

    second = _cluster(env)
    try:
        finished = _wait(lambda: "finished" in _lines(marker), 90)
        # Long enough for a wrongly repeated run to start, short of another retry period.
        time.sleep(3)
    finally:
        _kill(second, signal.SIGTERM)
    assert finished
    assert _lines(marker) == ["started", "started", "finished"]
    with sqlite3.connect(database) as db:
        assert db.execute(
            "SELECT name, success FROM django_q_task WHERE func = ?", [TASK]
        ).fetchall() == [("crash-probe", 1)]
        assert db.execute("SELECT COUNT(*) FROM django_q_ormq").fetchone() == (0,)

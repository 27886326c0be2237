"""HTTP throughput under wrk: the dashboard page and the task list vs a trivial view.

gunicorn (2 sync workers) serves the bench database on 127.0.0.1; wrk (2 threads, 32
connections, a bounded duration) loads each page in turn with a logged-in session cookie.
The baseline is GET /api/v1/health on the same server in the same run: the cost of Django's
middleware and a JSON response with no query. Pages are cached per person under the data
revision (luoshi.org.revision); each worker computes a page once, then serves it while no
write happens — the steady state of a dashboard between reporting rounds. Aim: each page
>= 30% of the baseline's requests/s, p99 < 500 ms.

    python bench/http_load.py [--duration 10] [--synth-values N]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import DEFAULT_SYNTH_VALUES, ROOT, ensure_synthetic, office_user, result, setup_django


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _session(user: object) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    store.create()
    # A browser also holds the CSRF cookie the pages' tokens belong to (set on its first
    # page); without it every answer would set a new one and no page could be cached.
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    csrf = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return f"sessionid={store.session_key}; csrftoken={csrf}"


def _reporter() -> object:
    from luoshi.ops.synth import LABEL
    from luoshi.org.models import Unit, User

    unit = Unit.objects.filter(name__startswith=LABEL, kind=Unit.Kind.GOVERNMENT).order_by("pk")
    user, _ = User.objects.get_or_create(
        username="bench-reporter",
        defaults={"role": User.Role.REPORTER, "unit": unit.first(), "display_name": "bench"},
    )
    return user


def wrk(url: str, cookie: str, duration: int) -> dict[str, float]:
    """Run wrk against one URL and return requests/s, p50/p99 (ms) and error counts."""
    command = ["wrk", "-t2", "-c32", f"-d{duration}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if match is None:
            return float("nan")
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match[2]]
        return float(match[1]) * scale

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*?timeout (\d+)", output)
    total = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50": latency("50%"),
        "p99": latency("99%"),
        "non2xx": float(bad[1]) if bad else 0.0,
        "timeouts": float(errors[1]) if errors else 0.0,
        "requests": float(total[1]) if total else 0.0,
    }


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--synth-values", type=int, default=DEFAULT_SYNTH_VALUES)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    setup_django()
    from django.urls import NoReverseMatch, reverse

    program = ensure_synthetic(args.synth_values)
    office, reporter = _session(office_user()), _session(_reporter())
    pages: list[tuple[str, str, str]] = [
        ("task list (/my-tasks/, reporter)", "/my-tasks/", reporter)
    ]
    try:
        pages.insert(
            0, ("dashboard page (office)", reverse("web:dashboard", args=[program.pk]), office)
        )
    except NoReverseMatch:
        print("no web:dashboard page in this tree: only the task list is loaded")
    measured: dict[str, dict[str, float]] = {}
    baselines: dict[str, dict[str, float]] = {}
    for name, path, cookie in pages:
        # A fresh server per page: requests a slow page leaves queued must not delay the next.
        with Server() as base:
            # Untimed warm-up, the same for both: imports, connections, and each worker's
            # first (uncached) answer, which bench/rollup.py measures as "cold".
            wrk(f"{base}/api/v1/health", "", 3)
            wrk(f"{base}{path}", cookie, 3)
            # The baseline runs right before and right after the page on the same server, so
            # a change in the machine's load during the run moves both sides alike.
            before = wrk(f"{base}/api/v1/health", "", args.duration)
            measured[name] = wrk(f"{base}{path}", cookie, args.duration)
            after = wrk(f"{base}/api/v1/health", "", args.duration)
            baselines[name] = {key: (before[key] + after[key]) / 2 for key in ("rps", "p99")}
    for name, _, _ in pages:
        figures, baseline = measured[name], baselines[name]
        share = figures["rps"] / baseline["rps"]
        print(
            f"{name}: {figures['rps']:.1f} req/s ({share:.1%} of the health view beside it: "
            f"{baseline['rps']:.0f} req/s, p99 {baseline['p99']:.1f} ms), p50 "
            f"{figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms, "
            f"{figures['requests']:.0f} requests, non-2xx {figures['non2xx']:.0f}, "
            f"timeouts {figures['timeouts']:.0f}"
        )
        result(
            f"HTTP {name}",
            figure=f"{figures['rps']:.1f} req/s, p99 {figures['p99']:.0f} ms",
            baseline=f"health {baseline['rps']:.0f} req/s",
            ratio=f"{share:.1%}",
            aim=">= 30% and p99 < 500 ms",
            met=share >= 0.3 and figures["p99"] < 500 and figures["non2xx"] == 0,
        )


class Server:
    """gunicorn with 2 sync workers on a free 127.0.0.1 port, for one `with` block."""

    def __enter__(self) -> str:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "luoshi.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env={**os.environ, "DEBUG": "0", "PYTHONWARNINGS": "ignore"},
        )
        base = f"http://127.0.0.1:{self.port}"
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2):  # noqa: S310
                    return base
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.kill()
        self.process.wait(timeout=30)


if __name__ == "__main__":
    main()

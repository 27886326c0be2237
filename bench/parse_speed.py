"""Parse the reference document 200 times; print docs/s, MB/s and the ratio to a baseline.

The baseline, run in the same process on the same text, is the cheapest scan a parser must
at least do: split the text into lines and search each for a heading marker. A large
document (the three golden documents joined, two and ten times over) checks that the time
per MB stays roughly constant as documents grow.
"""

import re
import time
from collections.abc import Callable
from pathlib import Path

from luoshi.parsing.pipeline import parse_text

REFERENCE = (
    Path(__file__).resolve().parent.parent / "luoshi/data/policies/gansu-2017-mobile-internet.txt"
)
RUNS = 200
GOLDEN = Path(__file__).resolve().parent.parent / "luoshi/parsing/tests/golden"
LARGE_PARTS = (
    "gansu-2017-mobile-internet.txt",
    "state-council-2018-farm-machinery.txt",
    "guangzhou-talent-program.txt",
)
_BASELINE_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．])"
)


def _baseline(text: str) -> int:
    return sum(1 for line in text.splitlines() if _BASELINE_MARKER.match(line))


def _timed(function: Callable[[str], object], text: str, runs: int) -> float:
    function(text)
    start = time.perf_counter()
    for _ in range(runs):
        function(text)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print its figures."""
    text = REFERENCE.read_text(encoding="utf-8")
    megabytes = len(text.encode("utf-8")) / 1_000_000
    parse_seconds = _timed(parse_text, text, RUNS)
    baseline_seconds = _timed(_baseline, text, RUNS)
    per_doc_ms = parse_seconds / RUNS * 1000
    print(f"document: {REFERENCE.name} ({megabytes * 1000:.1f} kB UTF-8, {len(text)} chars)")
    print(
        f"parse:    {RUNS / parse_seconds:8.1f} docs/s  "
        f"{megabytes * RUNS / parse_seconds:6.2f} MB/s"
        f"  ({per_doc_ms:.2f} ms per document)"
    )
    print(
        f"baseline: {RUNS / baseline_seconds:8.1f} docs/s  "
        f"{megabytes * RUNS / baseline_seconds:6.2f} MB/s  (splitlines + marker regex)"
    )
    print(f"ratio:    parse takes {parse_seconds / baseline_seconds:.1f}x the baseline time")
    once = "\n".join((GOLDEN / name).read_text(encoding="utf-8") for name in LARGE_PARTS)
    per_mb: list[float] = []
    # One copy is cut short by its own signature and attachments; from two copies on the body
    # runs to the end, so the scaling compares 2 and 10 copies.
    for copies, runs in ((2, 5), (10, 2)):
        large = "\n".join([once] * copies)
        large_mb = len(large.encode("utf-8")) / 1_000_000
        seconds = _timed(parse_text, large, runs) / runs
        base = _timed(_baseline, large, runs) / runs
        per_mb.append(seconds / large_mb)
        print(
            f"large x{copies:<2}: {large_mb * 1000:7.1f} kB  {large_mb / seconds:6.2f} MB/s"
            f"  ({seconds / base:.1f}x the baseline time)"
        )
    print(f"scaling:  time per MB at 10x is {per_mb[1] / per_mb[0]:.2f}x that at 2x (1.0 = linear)")


if __name__ == "__main__":
    main()

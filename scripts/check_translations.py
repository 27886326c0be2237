#!/usr/bin/env python3
"""Check the gettext catalogues: every message translated, none fuzzy, placeholders intact.

Stdlib only, so it runs before the virtualenv exists. Usage:

    python scripts/check_translations.py [PO_FILE ...]

Without arguments it checks every ``luoshi/locale/*/LC_MESSAGES/*.po``. Exit status 1 and one
line per problem (``file:line: what``) when anything is wrong; 0 and a one-line summary otherwise.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "luoshi" / "locale"

# %(name)s, %s, %d, %%, ... (python-format) and {name} / {0} / {} (python-brace-format).
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifFeEgGxXorac%]")
_BRACE = re.compile(r"(?<!\{)\{(?!\{)[^{}]*\}(?!\})")


@dataclass
class Entry:
    """One message of a .po file; ``line`` is where its msgid starts."""

    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    if not isinstance(value, str):
        raise ValueError(text)
    return value


def parse_po(path: Path) -> list[Entry]:
    """Parse a .po file into entries (header included, obsolete ``#~`` entries marked)."""
    entries: list[Entry] = []
    current: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int] | None = None  # which field continuation lines extend

    def start(lineno: int) -> Entry:
        nonlocal current, flags
        current = Entry(line=lineno, flags=flags)
        flags = set()
        entries.append(current)
        return current

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            target = None
            continue
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}:{lineno}: string continues nothing")
            name, index = target
            value = _unquote(line)
            if name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            elif name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            else:
                current.msgstr[index] = current.msgstr.get(index, "") + value
            continue
        if keyword == "msgctxt":
            entry = start(lineno)
            entry.msgctxt = _unquote(rest)
            target = ("msgctxt", 0)
        elif keyword == "msgid":
            if current is None or current.msgctxt is None or current.msgid or current.msgstr:
                entry = start(lineno)
            else:
                entry = current
                entry.line = lineno
            entry.msgid = _unquote(rest)
            target = ("msgid", 0)
        elif keyword == "msgid_plural" and current is not None:
            current.msgid_plural = _unquote(rest)
            target = ("msgid_plural", 0)
        elif keyword.startswith("msgstr") and current is not None:
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            if match is None:
                raise ValueError(f"{path}:{lineno}: cannot read {keyword!r}")
            index = int(match.group(1) or 0)
            current.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{lineno}: cannot read {raw!r}")
        if current is not None:
            current.obsolete = obsolete
    return entries


def _plural_count(entries: list[Entry]) -> int:
    for entry in entries:
        if entry.is_header:
            match = re.search(r"nplurals\s*=\s*(\d+)", entry.msgstr.get(0, ""))
            if match:
                return int(match.group(1))
    return 2


def placeholders(text: str, flags: set[str]) -> list[str]:
    """The placeholders of a message, sorted, by the format its flags declare."""
    found: list[str] = []
    if "python-format" in flags:
        found += [p for p in _PERCENT.findall(text) if p != "%%"]
    if "python-brace-format" in flags:
        found += _BRACE.findall(text)
    return sorted(found)


def check_po(path: Path) -> list[str]:
    """Return one message per problem in ``path``: untranslated, fuzzy or placeholder drift."""
    problems: list[str] = []
    entries = parse_po(path)
    nplurals = _plural_count(entries)
    try:
        where = path.relative_to(ROOT)
    except ValueError:
        where = path
    for entry in entries:
        if entry.is_header or entry.obsolete:
            continue
        label = f"{where}:{entry.line}: {entry.msgid!r}"
        if "fuzzy" in entry.flags:
            problems.append(f"{label}: fuzzy (check the translation, then remove the flag)")
        if entry.msgid_plural is None:
            forms = {0: entry.msgstr.get(0, "")}
            sources = {0: entry.msgid}
        else:
            forms = {i: entry.msgstr.get(i, "") for i in range(nplurals)}
            sources = {i: entry.msgid if i == 0 else entry.msgid_plural for i in forms}
        for index, text in forms.items():
            form = f" (plural form {index})" if entry.msgid_plural is not None else ""
            if not text.strip():
                problems.append(f"{label}: untranslated{form}")
                continue
            want = placeholders(sources[index], entry.flags)
            # Plural forms may drop the count (English "one task"); named ones must all stay.
            got = placeholders(text, entry.flags)
            if entry.msgid_plural is not None and want != got:
                want_named = [p for p in want if "(" in p or p.startswith("{")]
                if set(want_named) == set(got):
                    continue
            if want != got:
                problems.append(f"{label}: placeholders differ{form}: want {want}, got {got}")
    return problems


def catalogues() -> list[Path]:
    """Every .po file under luoshi/locale."""
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def count_messages(path: Path) -> int:
    """Number of live (non-header, non-obsolete) messages in a catalogue."""
    return sum(1 for e in parse_po(path) if not e.is_header and not e.obsolete)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or catalogues()
    if not paths:
        sys.stderr.write(f"no catalogues under {LOCALE_DIR}\n")
        return 1
    problems = [p for path in paths for p in check_po(path)]
    for problem in problems:
        sys.stderr.write(problem + "\n")
    total = sum(count_messages(path) for path in paths)
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {total} messages\n")
        return 1
    sys.stdout.write(f"ok: {total} messages translated in {len(paths)} catalogue(s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

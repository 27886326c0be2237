"""The `luoshi` command: `luoshi parse` runs the pure parser; other words are Django commands."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run `luoshi parse ...` without Django, or any management command by name."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "parse":
        from luoshi.parsing.cli import main as parse_main

        return int(parse_main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi", *args])
    return 0

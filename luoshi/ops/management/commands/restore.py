"""`luoshi restore ARCHIVE`: load a backup into an empty, migrated database."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from luoshi.ops.backup import BackupError, do_restore


class Command(BaseCommand):
    help = "Restore a `luoshi backup` archive into an EMPTY migrated database, checksums first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = do_restore(Path(options["archive"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored {sum(counts.values()):,} rows in {len(counts)} tables from "
            f"{options['archive']}"
        )

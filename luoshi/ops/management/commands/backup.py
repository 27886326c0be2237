"""`luoshi backup [ARCHIVE]`: the database and uploaded files in one checksummed archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from luoshi.ops.backup import BackupError, do_backup


class Command(BaseCommand):
    help = "Write one archive: every table (JSON lines), MEDIA_ROOT, a SHA-256 manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            default=None,
            help="archive path (default: luoshi-backup-<UTC time>.tar.gz here)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["archive"] or (
            f"luoshi-backup-{timezone.now().strftime('%Y%m%dT%H%M%SZ')}.tar.gz"
        )
        try:
            summary = do_backup(Path(name))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"{summary.path}: {len(summary.tables)} tables, {rows:,} rows, "
            f"{summary.files} files, {summary.path.stat().st_size:,} bytes"
        )

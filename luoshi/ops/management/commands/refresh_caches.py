"""`luoshi refresh_caches`: move the data revision after data was changed outside Luoshi.

Luoshi notices its own writes at the database cursor; an UPDATE typed into psql, or a table
loaded by another tool, is not seen, and cached pages and figures would stay until
CACHE_SECONDS. This makes every cached entry of every worker stale at once.
"""

from typing import Any

from django.core.management.base import BaseCommand

from luoshi.org.revision import current_revision, note_data_changed


class Command(BaseCommand):
    help = "Make every cached page and figure stale (after data was changed outside Luoshi)."

    def handle(self, *args: Any, **options: Any) -> None:
        before = current_revision()
        note_data_changed()
        self.stdout.write(f"数据版本 / data revision: {before} -> {current_revision()}")

"""Database sessions whose load also reads the data revision: a cached page costs one query.

Every signed-in request loads its session; a page served from the cache needs nothing else
but the data revision (luoshi.org.revision). Reading both in one statement halves the
database round trips of a cache hit. Sessions stay in Django's table, so logging out or
expiring a session takes effect on every worker at once.
"""

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from luoshi.org.revision import remember_revision, revision_subquery

__all__ = ["SessionStore"]


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        if not self.session_key:
            return None
        table = connection.ops.quote_name(Session._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                # The table name comes from model metadata; the key and time are parameters.
                f"SELECT session_data, expire_date, {revision_subquery()} "  # noqa: S608
                f"FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, timezone.now()],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        if row[2] is not None:
            remember_revision(int(row[2]))
        return Session(session_key=self.session_key, session_data=row[0], expire_date=row[1])

"""The data revision: one number that changes whenever Luoshi's data changes.

Read-heavy results (roll-ups, the dashboard's indicator progress, whole pages) are cached
under a key that includes the revision, so a cached entry is never served after a write:
the next reader sees a new revision, misses, and recomputes. Nothing has to know which
entries a write touched, and a per-process cache (several gunicorn workers) stays correct.

Writes are noticed where every write passes, the database cursor: a wrapper on each
connection sees INSERT/UPDATE/DELETE statements and bumps the revision. On PostgreSQL the
revision is a sequence: `nextval` takes no row lock, so concurrent writers never wait on it
or deadlock over it. It is bumped when the statement runs (the writer's own later reads,
and tests that never commit, see it) and again after the transaction commits, because a
reader may have read the first bump before the commit made the data visible. On SQLite
(one writer at a time) it is a row updated in the writer's own transaction.

Bulk paths that bypass Django's cursor (psycopg COPY) call `note_data_changed()`.
"""

import logging
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse

__all__ = [
    "SEQUENCE",
    "RevisionMiddleware",
    "current_revision",
    "install",
    "note_data_changed",
    "remember_revision",
    "revision_subquery",
]

log = logging.getLogger(__name__)

_in_request: ContextVar[bool] = ContextVar("luoshi_in_request", default=False)
_request_revision: ContextVar[int | None] = ContextVar("luoshi_request_revision", default=None)

SEQUENCE = "luoshi_data_revision"
_TABLE = "org_datarevision"

# Tables whose writes change nothing a cached page or figure shows: sessions, login
# throttling, the job queue, audit events (always written beside a real change), an
# import's progress counter, and the revision itself.
_IGNORED_PREFIXES = (
    "django_session",
    "django_q_",
    "axes_",
    "django_admin_log",
    "django_migrations",
    "org_auditevent",
    "org_datarevision",
    "indicators_importjob",
)
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE
)
_WITH = re.compile(r"^\s*WITH\b", re.IGNORECASE)
_CTE_WRITE = re.compile(
    r'\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?!(?:OF|NOWAIT|SKIP)\b)"?([A-Za-z0-9_]+)',
    re.IGNORECASE,
)
# A login stamps last_login; nothing cached shows it.
_LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"org_user"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE')
# Token use is stamped at most every few minutes and is shown only on the token page.
_TOKEN_TOUCH = re.compile(r'^\s*UPDATE\s+"org_apitoken"\s+SET\s+"last_used_at"\s*=\s*%s\s+WHERE')


def is_data_write(sql: str) -> bool:
    """Return whether a statement writes data that cached results may show."""
    match = _WRITE.match(sql)
    if match is None and _WITH.match(sql):
        # A data-modifying CTE (WITH … INSERT/UPDATE/DELETE): its write follows the CTEs.
        match = _CTE_WRITE.search(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    if table.startswith(_IGNORED_PREFIXES):
        return False
    return not (_LAST_LOGIN.match(sql) or _TOKEN_TOUCH.match(sql))


def _exists(connection: BaseDatabaseWrapper) -> bool:
    # Writes also happen while migrating, before the migration that creates the revision has
    # run; a failing statement would abort a PostgreSQL transaction, so look first. Once
    # found, it stays found for the life of the connection wrapper.
    if getattr(connection, "_luoshi_revision_exists", False):
        return True
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [SEQUENCE])
        else:
            cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = %s", [_TABLE])
        row = cursor.fetchone()
    found = bool(row and row[0])
    connection._luoshi_revision_exists = found  # type: ignore[attr-defined]
    return found


def _bump(connection: BaseDatabaseWrapper) -> None:
    if not _exists(connection):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT nextval('{SEQUENCE}')")
        else:
            cursor.execute(f"UPDATE {_TABLE} SET number = number + 1 WHERE id = 1")  # noqa: S608


def _bump_after_commit(connection: BaseDatabaseWrapper) -> Callable[[], None]:
    def bump() -> None:
        try:
            _bump(connection)
        except Exception:
            # The data is committed; a failed bump leaves cached entries until the next
            # write or their timeout (CACHE_SECONDS), never a failed request.
            log.exception("could not bump the data revision after a commit")

    bump.luoshi_revision = True  # type: ignore[attr-defined]
    return bump


def _pending_after_commit(connection: BaseDatabaseWrapper) -> bool:
    return any(getattr(entry[1], "luoshi_revision", False) for entry in connection.run_on_commit)


def note_data_changed(connection: BaseDatabaseWrapper | None = None) -> None:
    """Bump the revision now and, inside a transaction, again once it commits."""
    connection = connection or default_connection
    _request_revision.set(None)
    _bump(connection)
    if (
        connection.vendor == "postgresql"
        and connection.in_atomic_block
        and not _pending_after_commit(connection)
    ):
        transaction.on_commit(_bump_after_commit(connection), using=connection.alias)


def _read_sql() -> str:
    if default_connection.vendor == "postgresql":
        return "SELECT last_value FROM luoshi_data_revision"
    return "SELECT number FROM org_datarevision WHERE id = 1"


def current_revision() -> int:
    """Return the current data revision (one cheap read, once per request)."""
    memo = _request_revision.get()
    if memo is not None:
        return memo
    if not _exists(default_connection):
        return 0
    with default_connection.cursor() as cursor:
        cursor.execute(_read_sql())
        row = cursor.fetchone()
    number = int(row[0]) if row else 0
    if _in_request.get():
        _request_revision.set(number)
    return number


def revision_subquery() -> str:
    """Return SQL for the current revision, to read it within another statement (or NULL)."""
    if not _exists(default_connection):
        return "NULL"
    return f"({_read_sql()})"


def remember_revision(number: int) -> None:
    """Keep a revision read by another statement as this request's revision."""
    if _in_request.get() and _request_revision.get() is None:
        _request_revision.set(number)


class RevisionMiddleware:
    """Read the revision at most once per request (a request's own writes read it again)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        inside = _in_request.set(True)
        memo = _request_revision.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_revision.reset(memo)
            _in_request.reset(inside)


def _watch(
    execute: Callable[..., Any],
    sql: str,
    params: Sequence[Any] | None,
    many: bool,
    context: dict[str, Any],
) -> Any:
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and is_data_write(sql):
        note_data_changed(context["connection"])
    return result


def _on_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install() -> None:
    """Watch every database connection for data writes (called once from AppConfig.ready)."""
    connection_created.connect(_on_connection, dispatch_uid="luoshi-data-revision")
    # A connection opened before ready() (rare: management commands) is watched too.
    _on_connection(None, default_connection)

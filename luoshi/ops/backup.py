"""One-file backups: every table as JSON lines, the uploaded files, a manifest of checksums.

The archive is a gzipped tar:

    manifest.json          format, time, database vendor, applied migrations, and for every
                           member its SHA-256 and (tables) its row count
    db/<app.model>.jsonl   Django's JSON-lines serialization of one table, in primary-key order
    media/<path>           every file under MEDIA_ROOT

JSON lines rather than pg_dump: the same archive restores on SQLite and PostgreSQL (and
across PostgreSQL major versions), tables stream row by row in both directions, and the
test suite round-trips it on both databases. For a very large PostgreSQL database operators
add `pg_dump -Fc` (docs/deploy.md); this archive stays the portable one.

Restore refuses a database that holds any row outside the tables `migrate` fills itself
(content types, permissions), checks every checksum before writing anything, then loads all
tables in one transaction with their original primary keys and resets the sequences.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

__all__ = [
    "FORMAT",
    "BackupError",
    "BackupSummary",
    "backup_models",
    "check_empty",
    "do_backup",
    "do_restore",
    "table_fingerprints",
]

FORMAT = "luoshi-backup/1"
CHUNK = 2000
# Filled by `migrate` itself: an "empty" database already has these rows.
MIGRATE_FILLED = (ContentType, Permission)


class BackupError(Exception):
    """The archive cannot be written or restored as asked; the text says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: dict[str, int]
    files: int


def backup_models() -> list[type[models.Model]]:
    """Return every concrete model, ordered so a row's foreign keys load before it."""
    candidates = [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and not model._meta.auto_created
    ]
    app_list: dict[Any, list[type[models.Model]] | None] = {}
    for model in candidates:
        config = apps.get_app_config(model._meta.app_label)
        entry = app_list.setdefault(config, [])
        assert entry is not None
        entry.append(model)
    ordered: list[type[models.Model]] = serializers.sort_dependencies(app_list.items())
    return ordered


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _migrations() -> list[list[str]]:
    return sorted(
        [app, name] for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
    )


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but datetimes and times keep their microseconds (it cuts them)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _dump_table(model: type[models.Model], target: Path) -> int:
    count = 0

    def rows() -> Iterator[models.Model]:
        nonlocal count
        for row in model._base_manager.order_by("pk").iterator(chunk_size=CHUNK):
            count += 1
            yield row

    with target.open("w", encoding="utf-8") as handle:
        serializers.serialize("jsonl", rows(), stream=handle, cls=_ExactEncoder)
    return count


def _media_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def do_backup(archive: Path) -> BackupSummary:
    """Write the database and the uploaded files to one archive with a checksummed manifest."""
    archive = archive.resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if archive.is_relative_to(media_root):
        raise BackupError(f"备份文件不能写在 MEDIA_ROOT 里：{archive}")
    members: dict[str, dict[str, Any]] = {}
    tables: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="luoshi-backup-") as scratch:
        work = Path(scratch)
        (work / "db").mkdir()
        # One repeatable-read snapshot on PostgreSQL, so every table is read at one moment
        # (inside a caller's transaction the snapshot is already that transaction's).
        is_outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and is_outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            migrations = _migrations()
            for model in backup_models():
                name = f"db/{_label(model)}.jsonl"
                count = _dump_table(model, work / name)
                tables[_label(model)] = count
                members[name] = {"sha256": _sha256(work / name), "rows": count}
        files = 0
        for path in _media_files(media_root):
            name = f"media/{path.relative_to(media_root).as_posix()}"
            members[name] = {"sha256": _sha256(path), "bytes": path.stat().st_size}
            files += 1
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "migrations": migrations,
            "order": [_label(m) for m in backup_models()],
            "members": members,
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name in members:
                source = (
                    work / name
                    if name.startswith("db/")
                    else media_root / name.removeprefix("media/")
                )
                tar.add(source, arcname=name, recursive=False)
        # Renamed only when complete: a crash never leaves a truncated archive under the name.
        partial.replace(archive)
    return BackupSummary(archive, tables, files)


def check_empty() -> None:
    """Raise BackupError naming the first table that holds rows `migrate` did not put there."""
    for model in backup_models():
        if model in MIGRATE_FILLED:
            continue
        count = model._base_manager.count()
        if count:
            raise BackupError(
                f"数据库不是空的：{_label(model)} 有 {count:,} 行。只能恢复到新建并已 migrate 的"
                f"空数据库。 / The database is not empty ({_label(model)} has {count:,} rows);"
                " restore needs a freshly migrated, empty database."
            )


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    safe = []
    for member in tar.getmembers():
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份包含不安全的路径：{member.name}")
        safe.append(member)
    return safe


def _read_manifest(work: Path) -> dict[str, Any]:
    manifest_path = work / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError("备份中没有 manifest.json：不是 Luoshi 备份文件。")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不认识的备份格式：{manifest.get('format')!r}（需要 {FORMAT}）。")
    for name, entry in manifest["members"].items():
        path = work / name
        if not path.is_file():
            raise BackupError(f"备份缺少文件：{name}")
        if _sha256(path) != entry["sha256"]:
            raise BackupError(f"校验和不符：{name}（备份文件已损坏或被改动）。")
    return manifest


def _load_table(model: type[models.Model], source: IO[str]) -> int:
    count = 0
    batch: list[models.Model] = []
    m2m: dict[str, list[tuple[Any, list[Any]]]] = {}

    fields = list(model._meta.local_concrete_fields)
    size = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, [None] * CHUNK)))

    def flush() -> None:
        # raw=True, as loaddata saves: auto_now fields keep the stored time, not "now".
        for start in range(0, len(batch), size):
            model._base_manager._insert(batch[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
        batch.clear()

    for item in serializers.deserialize("jsonl", source, ignorenonexistent=False):
        batch.append(item.object)
        for field_name, values in (item.m2m_data or {}).items():
            m2m.setdefault(field_name, []).append((item.object.pk, list(values)))
        count += 1
        if len(batch) >= CHUNK:
            flush()
    flush()
    for field_name, pairs in m2m.items():
        field = model._meta.get_field(field_name)
        assert isinstance(field, models.ManyToManyField)
        through = field.remote_field.through
        assert through is not None
        source_column = field.m2m_field_name()
        target_column = field.m2m_reverse_field_name()
        through._default_manager.bulk_create(
            [
                through(**{f"{source_column}_id": pk, f"{target_column}_id": other})
                for pk, others in pairs
                for other in others
            ],
            batch_size=CHUNK,
        )
    return count


def do_restore(archive: Path) -> dict[str, int]:
    """Load an archive into an empty database and MEDIA_ROOT; return rows per table."""
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}")
    check_empty()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="luoshi-restore-") as scratch:
        work = Path(scratch)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, members=_safe_members(tar), filter="data")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"备份文件无法读取：{error}") from None
        manifest = _read_manifest(work)
        if manifest["migrations"] != _migrations():
            raise BackupError(
                "备份时的数据库结构（migrations）与当前不同：请用同一版本的 Luoshi 恢复。"
                " / The archive was made at a different migration state."
            )
        by_label = {_label(m): m for m in backup_models()}
        unknown = [label for label in manifest["order"] if label not in by_label]
        if unknown:
            raise BackupError(f"备份中的表在当前版本中不存在：{', '.join(unknown)}")
        media = [name for name in manifest["members"] if name.startswith("media/")]
        clashes = [n for n in media if (media_root / n.removeprefix("media/")).exists()]
        if clashes:
            raise BackupError(f"MEDIA_ROOT 中已有同名文件：{clashes[0]}")
        counts: dict[str, int] = {}
        with transaction.atomic():
            # migrate filled these with its own numbering; the archive's rows replace them.
            Permission.objects.all().delete()
            ContentType.objects.all().delete()
            for label in manifest["order"]:
                model = by_label[label]
                with (work / f"db/{label}.jsonl").open(encoding="utf-8") as handle:
                    counts[label] = _load_table(model, handle)
                expected = manifest["members"][f"db/{label}.jsonl"]["rows"]
                if counts[label] != expected:
                    raise BackupError(f"{label}：读出 {counts[label]} 行，清单记载 {expected} 行。")
            sequences = connection.ops.sequence_reset_sql(no_style(), list(by_label.values()))
            with connection.cursor() as cursor:
                for statement in sequences:
                    cursor.execute(statement)
        ContentType.objects.clear_cache()
        for name in media:
            target = media_root / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / name, target)
    return counts


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Return (row count, SHA-256 of every row in key order) per table, to compare databases."""
    result: dict[str, tuple[int, str]] = {}
    for model in backup_models():
        digest = hashlib.sha256()
        count = 0
        for row in model._base_manager.order_by("pk").values_list().iterator(chunk_size=CHUNK):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            assert through is not None
            pairs = through._default_manager.order_by(
                f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            ).values_list(f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id")
            for pair in pairs.iterator(chunk_size=CHUNK):
                digest.update(repr(pair).encode("utf-8"))
                count += 1
        result[_label(model)] = (count, digest.hexdigest())
    return result

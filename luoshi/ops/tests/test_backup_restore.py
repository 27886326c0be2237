"""`luoshi backup` then `luoshi restore` into an empty database gives back every row and file."""

import tarfile
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.management import call_command
from django.core.management.base import CommandError

from luoshi.ops.backup import BackupError, do_backup, do_restore, table_fingerprints
from luoshi.org.models import Region
from luoshi.supervision.models import ProgressReport


@pytest.fixture(autouse=True)
def media_root(settings: LazySettings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return root


def _simulated_program() -> None:
    call_command("load_default_program", verbosity=0)
    call_command("load_indicators", "--program", "gansu-mobile-internet-2017", verbosity=0)
    call_command("demo", "--simulate", "--seed", "1", verbosity=0, stdout=None)


def test_round_trips_every_row_and_file(transactional_db: None, media_root: Path) -> None:
    _simulated_program()
    evidence = media_root / "evidence/2020/07/报告.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 evidence \x00\xff")
    before = table_fingerprints()
    assert before["supervision.progressreport"][0] == 3229
    archive = media_root.parent / "backup.tar.gz"

    summary = do_backup(archive)

    assert summary.files == 1
    assert summary.tables["supervision.progressreport"] == 3229
    call_command("flush", interactive=False, verbosity=0)
    evidence.unlink()
    assert ProgressReport.objects.count() == 0
    counts = do_restore(archive)
    assert counts["supervision.progressreport"] == 3229
    assert table_fingerprints() == before
    assert evidence.read_bytes() == b"%PDF-1.4 evidence \x00\xff"


def test_refuses_a_database_that_is_not_empty(db: None, media_root: Path) -> None:
    Region.objects.create(code="620000", name="甘肃省", level="province")
    archive = media_root.parent / "backup.tar.gz"
    do_backup(archive)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert str(refused.value) == (
        "数据库不是空的：org.region 有 1 行。只能恢复到新建并已 migrate 的空数据库。"
        " / The database is not empty (org.region has 1 rows); restore needs a freshly"
        " migrated, empty database."
    )
    assert Region.objects.count() == 1


def test_refuses_an_archive_whose_checksum_does_not_match(
    transactional_db: None, media_root: Path
) -> None:
    Region.objects.create(code="620000", name="甘肃省", level="province")
    archive = media_root.parent / "backup.tar.gz"
    do_backup(archive)
    tampered = media_root.parent / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member)
            if member.name == "db/org.region.jsonl":
                assert data is not None
                content = data.read().replace("甘肃省".encode(), "青海省".encode())
                member.size = len(content)
                import io

                target.addfile(member, io.BytesIO(content))
            else:
                target.addfile(member, data)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(BackupError) as refused:
        do_restore(tampered)
    assert str(refused.value) == "校验和不符：db/org.region.jsonl（备份文件已损坏或被改动）。"
    assert Region.objects.count() == 0

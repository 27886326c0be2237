"""Evidence files: allowed types by extension and content, the size limit, the original name."""

from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.supervision import actions
from luoshi.supervision.models import Evidence
from luoshi.supervision.tests.conftest import World, open_round, report_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_keeps_the_file_under_evidence_and_its_original_name(
    world: World, media_root: Path
) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    upload = SimpleUploadedFile("进展 材料.pdf", PDF, content_type="application/pdf")
    evidence = actions.do_add_evidence(report, upload=upload, acting_user=world.reporter_a)
    assert (evidence.original_name, evidence.file_type, evidence.size) == (
        "进展 材料.pdf",
        "pdf",
        len(PDF),
    )
    assert evidence.file.name.startswith("evidence/")
    assert (media_root / evidence.file.name).read_bytes() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "不支持文件“run.exe”的类型"),
        ("fake.pdf", b"<html>not a pdf</html>", "内容与扩展名 .pdf 不符"),
        ("fake.png", PDF, "内容与扩展名 .png 不符"),
        ("binary.txt", b"abc\x00def", "内容与扩展名 .txt 不符"),
        ("empty.txt", b"", "是空文件"),
    ],
)
def test_refuses_disallowed_or_disguised_files(
    world: World, media_root: Path, name: str, content: bytes, message: str
) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    with pytest.raises(ValidationError, match=message):
        actions.do_add_evidence(
            report, upload=SimpleUploadedFile(name, content), acting_user=world.reporter_a
        )
    assert Evidence.objects.count() == 0
    assert not (media_root / "evidence").exists()


def test_refuses_files_over_the_size_limit(
    world: World, settings: LazySettings, media_root: Path
) -> None:
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    report = report_of(open_round(world), world.task_a, world.unit_a)
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError, match="超过上限 1 MB"):
        actions.do_add_evidence(report, upload=big, acting_user=world.reporter_a)
    assert Evidence.objects.count() == 0


def test_accepts_gb18030_text_and_removes_files(world: World, media_root: Path) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    text = "进展说明".encode("gb18030")
    evidence = actions.do_add_evidence(
        report, upload=SimpleUploadedFile("说明.txt", text), acting_user=world.reporter_a
    )
    path = media_root / evidence.file.name
    assert path.exists()
    actions.do_remove_evidence(evidence, acting_user=world.reporter_a)
    assert Evidence.objects.count() == 0


def test_refuses_another_units_upload(world: World) -> None:
    report = report_of(open_round(world), world.task_a, world.unit_a)
    with pytest.raises(ValidationError, match="不能为其他单位的报告上传材料"):
        actions.do_add_evidence(
            report, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=world.reporter_b
        )
    assert Evidence.objects.count() == 0

"""Hostile uploads are refused cleanly, by name, without reading them into memory."""

import io
import tracemalloc
import zipfile
from collections.abc import Callable

from luoshi.indicators.importers import MAX_LINE_CHARS
from luoshi.indicators.models import DataValue, ImportJob
from luoshi.indicators.tests.conftest import Gansu, make_indicator
from luoshi.indicators.tests.importing import error_rows, run_import

HEADER = "指标代码,区划代码,期间,数值,备注\n"


def _peak_bytes(run: Callable[[], ImportJob]) -> tuple[ImportJob, int]:
    tracemalloc.start()
    try:
        job = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return job, peak


def _zip_bomb(inflated_mb: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"\0" * (1024 * 1024)
            for _ in range(inflated_mb):
                sheet.write(block)
    return buffer.getvalue()


def test_refuses_a_zip_bomb_xlsx_unread(gansu: Gansu) -> None:
    bomb = _zip_bomb(64)
    assert len(bomb) < 200_000

    job, peak = _peak_bytes(lambda: run_import(bomb, "bomb.xlsx", gansu.office))

    assert job.status == "failed"
    assert error_rows(job) == [
        (
            0,
            "",
            "Excel 文件解压后 64 MB、压缩比 1028 倍，超过上限（256 MB、200 倍），"
            "疑似压缩炸弹，未读取",
        )
    ]
    assert peak < 16 * 1024 * 1024
    assert DataValue.objects.count() == 0


def test_refuses_a_huge_csv_line_without_holding_it(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = (HEADER + "users,620100,2018Q1,1,\n").encode() + b"x" * (8 * 1024 * 1024) + b"\n"

    job, peak = _peak_bytes(lambda: run_import(content, "long.csv", gansu.office))

    assert job.status == "failed"
    assert error_rows(job) == [
        (3, "", f"该行超过 {MAX_LINE_CHARS} 个字符，不是模板的数据行，未读取")
    ]
    assert peak < 4 * 1024 * 1024
    assert DataValue.objects.count() == 0


def test_refuses_a_huge_quoted_field(gansu: Gansu) -> None:
    make_indicator(gansu)
    comment = "备" * 200_000
    content = HEADER + 'users,620100,2018Q1,1,"' + "\n".join([comment[:1000]] * 200) + '"\n'

    job = run_import(content, "field.csv", gansu.office)

    assert job.status == "failed"
    # Named where the field crossed the limit (the csv module counts physical lines).
    assert [(e["line"], e["code"]) for e in job.errors] == [(133, "unreadable")]
    assert error_rows(job)[0][2] == ("文件无法读取（field larger than field limit (131072)）")
    assert DataValue.objects.count() == 0


def test_refuses_utf16_csv_with_a_clear_message(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = (HEADER + "users,620100,2018Q1,1,\n").encode("utf-16")

    job = run_import(content, "unicode.csv", gansu.office)

    assert error_rows(job) == [
        (
            1,
            "",
            "文件不是 UTF-8 或 GB18030 编码的文本（可能是 UTF-16 或二进制文件），"
            "请另存为 CSV UTF-8",
        )
    ]
    assert DataValue.objects.count() == 0


def test_refuses_a_binary_file_named_csv(gansu: Gansu) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4

    job = run_import(png, "picture.csv", gansu.office)

    assert [e["code"] for e in job.errors] == ["bad_encoding"]
    assert DataValue.objects.count() == 0


def test_gb18030_csv_still_imports(gansu: Gansu) -> None:
    make_indicator(gansu)
    content = (HEADER + "users,620100,2018Q1,7,甘肃\n").encode("gb18030")

    job = run_import(content, "gbk.csv", gansu.office)

    assert (job.status, job.created_count) == ("succeeded", 1)

"""Evidence file checks: allowed types by extension and by the file's first bytes, and size."""

import codecs
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["ALLOWED_TYPES", "CheckedFile", "check_evidence_file"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (_OLE,),
    "xls": (_OLE,),
    "docx": (_ZIP,),
    "xlsx": (_ZIP,),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
ALLOWED_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png", "txt")


@dataclass(frozen=True)
class CheckedFile:
    file_type: str
    original_name: str


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        # Incremental decoding: a multi-byte character cut at the end of the sample is fine.
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_evidence_file(name: str, head: bytes, size: int, max_bytes: int) -> CheckedFile:
    """Return the file's type; raise ValueError with a Chinese sentence when it is refused."""
    original = PurePath(name.replace("\\", "/")).name.strip() or "file"
    if size > max_bytes:
        size_mb, limit_mb = size / 1048576, max_bytes / 1048576
        raise ValueError(f"文件“{original}”大小为 {size_mb:.1f} MB，超过上限 {limit_mb:.0f} MB。")
    if size == 0:
        raise ValueError(f"文件“{original}”是空文件。")
    suffix = PurePath(original).suffix.lower().lstrip(".")
    file_type = "jpg" if suffix == "jpeg" else suffix
    if file_type not in ALLOWED_TYPES:
        raise ValueError(f"不支持文件“{original}”的类型；允许的类型：{'、'.join(ALLOWED_TYPES)}。")
    if file_type == "txt":
        matches = _looks_like_text(head)
    else:
        matches = any(head.startswith(magic) for magic in _MAGIC[file_type])
    if not matches:
        raise ValueError(f"文件“{original}”的内容与扩展名 .{suffix} 不符。")
    return CheckedFile(file_type=file_type, original_name=original[:255])

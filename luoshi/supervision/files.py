"""Evidence file checks: allowed types by extension and by the file's first bytes, and size."""

import codecs
from dataclasses import dataclass
from pathlib import PurePath

__all__ = [
    "ALLOWED_TYPES",
    "ERROR_TEXTS_ZH",
    "CheckedFile",
    "EvidenceFileError",
    "check_evidence_file",
]

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


# The Chinese text of each refusal; pages render the same sentences through gettext
# (luoshi.supervision.texts), where they are the msgids.
ERROR_TEXTS_ZH = {
    "too_large": "文件“%(name)s”大小为 %(size_mb)s MB，超过上限 %(limit_mb)s MB。",
    "empty": "文件“%(name)s”是空文件。",
    "type_not_allowed": "不支持文件“%(name)s”的类型；允许的类型：%(allowed)s。",
    "content_mismatch": "文件“%(name)s”的内容与扩展名 .%(suffix)s 不符。",
}


class EvidenceFileError(ValueError):
    """A refused file: a stable code, its parameters, and the Chinese sentence as str()."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        super().__init__(ERROR_TEXTS_ZH[code] % params)


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
    """Return the file's type; raise EvidenceFileError (a ValueError) when it is refused."""
    original = PurePath(name.replace("\\", "/")).name.strip() or "file"
    if size > max_bytes:
        raise EvidenceFileError(
            "too_large",
            name=original,
            size_mb=f"{size / 1048576:.1f}",
            limit_mb=f"{max_bytes / 1048576:.0f}",
        )
    if size == 0:
        raise EvidenceFileError("empty", name=original)
    suffix = PurePath(original).suffix.lower().lstrip(".")
    file_type = "jpg" if suffix == "jpeg" else suffix
    if file_type not in ALLOWED_TYPES:
        raise EvidenceFileError("type_not_allowed", name=original, allowed="、".join(ALLOWED_TYPES))
    if file_type == "txt":
        matches = _looks_like_text(head)
    else:
        matches = any(head.startswith(magic) for magic in _MAGIC[file_type])
    if not matches:
        raise EvidenceFileError("content_mismatch", name=original, suffix=suffix)
    return CheckedFile(file_type=file_type, original_name=original[:255])

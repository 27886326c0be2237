"""Read an uploaded policy and run the parser: the bridge from bytes to the plan JSON."""

from pathlib import Path, PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from luoshi.parsing import pipeline, sources


def read_policy_upload(filename: str, data: bytes) -> str:
    """Return the text of an uploaded .txt, .docx or .html policy; explain in Chinese if not."""
    try:
        text = sources.read_bytes(data, PurePath(filename).suffix, filename)
    except sources.SourceError as exc:
        raise ValidationError(exc.message_zh) from exc
    except (ValueError, UnicodeError) as exc:
        raise ValidationError(
            _("无法读取文件“%(name)s”：文件可能已损坏，或内容与扩展名不符。") % {"name": filename}
        ) from exc
    if not text.strip():
        raise ValidationError(_("文件“%(name)s”中没有可读取的正文。") % {"name": filename})
    return text


def parse_policy(text: str) -> dict[str, Any]:
    """Return the plan JSON the parser reads from a policy text; refuse text with no tasks."""
    plan = pipeline.parse_text(text).to_dict()
    if not plan["tasks"]:
        detail = "；".join(plan["warnings"][:3])
        raise ValidationError(
            _("没有从正文中识别出任何条款或任务，请确认这是一份带编号条款的政策文件。%(detail)s")
            % {"detail": f"（{detail}）" if detail else ""}
        )
    return plan


def parse_policy_file(path: Path) -> tuple[str, dict[str, Any]]:
    """Return a policy file's text and the plan JSON the parser reads from it."""
    text = read_policy_upload(path.name, path.read_bytes())
    return text, parse_policy(text)

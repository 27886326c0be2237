"""Which CJK fonts this machine has (fontconfig), for the PDF and the chart images.

The .docx names the official fonts and embeds none; the PDF and the PNG charts need real
font files. Debian's fonts-noto-cjk provides Noto Serif/Sans CJK SC; without a CJK font
the PDF would print empty boxes (tofu), so callers refuse with `MissingFontsError` instead.
"""

import shutil
import subprocess
from functools import cache
from pathlib import Path

__all__ = [
    "INSTALL_HINT",
    "MissingFontsError",
    "check_cjk_fonts",
    "cjk_families",
    "font_file",
]

INSTALL_HINT = (
    "未找到中文（CJK）字体，无法生成 PDF：请安装 fonts-noto-cjk（sudo apt-get install "
    "fonts-noto-cjk，或 make setup）。/ No CJK font found: install fonts-noto-cjk "
    "(sudo apt-get install fonts-noto-cjk, or make setup)."
)

# Fallback locations when fc-match is missing (Debian's fonts-noto-cjk).
_KNOWN_FILES = {
    "Noto Sans CJK SC": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "Noto Sans CJK SC:bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    "Noto Serif CJK SC": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "Noto Serif CJK SC:bold": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
}


class MissingFontsError(RuntimeError):
    """No CJK font is installed: the message says what to install."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


@cache
def cjk_families() -> frozenset[str]:
    """Return the font families fontconfig lists for Chinese (empty without fc-list)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return frozenset(name for name, (path, _) in _KNOWN_FILES.items() if Path(path).exists())
    out = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    return frozenset(
        name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()
    )


def check_cjk_fonts() -> frozenset[str]:
    """Return the CJK families; raise MissingFontsError when there is none."""
    families = cjk_families()
    if not families:
        raise MissingFontsError
    return families


@cache
def font_file(pattern: str) -> tuple[str, int]:
    """Return (path, face index) of the font fontconfig picks for a pattern with Chinese."""
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        out = subprocess.run(
            [fc_match, "-f", "%{file}|%{index}", f"{pattern}:lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        ).stdout
        path, _, index = out.partition("|")
        if path and Path(path).exists() and pattern.split(":", maxsplit=1)[0] in cjk_families():
            return path, int(index or 0)
    known = _KNOWN_FILES.get(pattern)
    if known is not None and Path(known[0]).exists():
        return known
    raise MissingFontsError

"""Fold a unit name to its matching key (pure: no Django)."""

# Zero-width characters and the BOM are invisible in documents but break equality.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def normalize_unit_name(name: str) -> str:
    """Return name without whitespace, with fullwidth ASCII folded to halfwidth."""
    out: list[str] = []
    for char in name:
        code = ord(char)
        if char.isspace() or char in _INVISIBLE:
            continue
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(char)
    return "".join(out)

"""Layout arithmetic both renderers share (GB/T 9704-2012): widths in characters, title lines."""

from decimal import ROUND_CEILING, Decimal
from itertools import pairwise

__all__ = ["mark_size_pt", "signature_indents", "title_lines", "width_chars"]

# The text block is 156 mm wide: 442 pt, 28 characters of 3号 (16 pt) type.
BLOCK_PT = Decimal(442)
TITLE_CHARS_PER_LINE = Decimal(19)
MAX_MARK_PT = Decimal(36)
# Good places to end a title line: after a closing mark or a function word, before 《.
_BREAK_AFTER = "》）度的"
_BREAK_BEFORE = "《"


def width_chars(text: str) -> Decimal:
    """Return the printed width of a text in characters (ASCII and digits count half)."""
    return sum((Decimal("0.5") if ord(ch) < 0x2000 else Decimal(1) for ch in text), Decimal(0))


def mark_size_pt(text: str) -> Decimal:
    """Return the issuer mark's size: as large as fits one line of the block, at most 小初.

    The 0.9 leaves room for the wider bold faces that stand in for 方正小标宋.
    """
    fitting = BLOCK_PT * Decimal("0.9") / max(width_chars(text), Decimal(1))
    return min(MAX_MARK_PT, fitting.quantize(Decimal(1)))


def _is_good_cut(text: str, cut: int) -> bool:
    return text[cut - 1] in _BREAK_AFTER or text[cut] in _BREAK_BEFORE


def _is_allowed_cut(text: str, cut: int) -> bool:
    if text[cut - 1].isdigit() and text[cut].isdigit():
        return False
    return text[cut] not in "》）、，。" and text[cut - 1] not in "《（"


def title_lines(title: str, per_line: Decimal = TITLE_CHARS_PER_LINE) -> list[str]:
    """Split a title into balanced lines (梯形/菱形), preferring to break between words.

    Lines are as even as possible (least squares of their widths), never wider than a line,
    never inside a number or before 》、，。; a break that is not after 》/的/度 or before 《
    costs as much as a 5.5-character difference in width.
    """
    count = int((width_chars(title) / per_line).to_integral_value(rounding=ROUND_CEILING))
    if count <= 1:
        return [title]
    cuts = [c for c in range(1, len(title)) if _is_allowed_cut(title, c)]
    mean = width_chars(title) / count
    penalty = Decimal(30)
    # best[(start, lines left)] = (cost, cuts after start)
    memo: dict[tuple[int, int], tuple[Decimal, tuple[int, ...]] | None] = {}

    def solve(start: int, left: int) -> tuple[Decimal, tuple[int, ...]] | None:
        key = (start, left)
        if key in memo:
            return memo[key]
        result: tuple[Decimal, tuple[int, ...]] | None = None
        if left == 1:
            width = width_chars(title[start:])
            result = ((width - mean) ** 2, ()) if width <= per_line else None
        else:
            for cut in cuts:
                if cut <= start:
                    continue
                width = width_chars(title[start:cut])
                if width > per_line:
                    break
                rest = solve(cut, left - 1)
                if rest is None:
                    continue
                cost = (width - mean) ** 2 + rest[0]
                cost += 0 if _is_good_cut(title, cut) else penalty
                if result is None or cost < result[0]:
                    result = (cost, (cut, *rest[1]))
        memo[key] = result
        return result

    found = solve(0, count) or solve(0, count + 1)
    if found is None:
        return [title]
    bounds = [0, *found[1], len(title)]
    return [title[a:b] for a, b in pairwise(bounds)]


def signature_indents(issuer: str, date_text: str) -> tuple[Decimal, Decimal]:
    """Return the right indents (in characters) of the issuer's name and the date.

    GB/T 9704-2012 §7.3.5.2: the name is set two characters from the right; the date's first
    character lies two characters right of the name's; a date longer than that is set two
    characters from the right and the name moves left to keep the two-character step.
    """
    issuer_width = width_chars(issuer)
    date_width = width_chars(date_text)
    issuer_right = Decimal(2)
    date_right = issuer_width - date_width
    if date_right < 2:
        date_right = Decimal(2)
        issuer_right = date_width + 4 - issuer_width
    return issuer_right, date_right

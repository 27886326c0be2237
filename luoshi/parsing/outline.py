"""The numbered outline: headings, their hierarchy and their extents.

A heading is a marker (一、 （一） (一) 1. 1． （1） ① 第X章 第X条 ——) at the start of a line. In
text that has lost its line breaks a marker also counts after sentence-ending punctuation
when it carries the next number of its style. The hierarchy comes from the order in which
marker styles first appear, kept as a stack: a style already on the stack closes everything
below it, a new style opens a level. Numbering may run on across parents (（三）…（二十） under
二、…八、) because the stack keys on the style, not on the number.

Paths join the markers as written with '/', without the trailing 、.．: `二/（一）/2`. A `—、`
typed for `一、` is read as 一. Dash bullets have no number of their own, so their path
component is the dash plus their ordinal under the parent: `三/（二）/——2`. A marker repeated
by mistake gets `~2`, `~3` appended so that every path is unique.
"""

import re
from dataclasses import dataclass

from luoshi.core.numerals import cn_to_int, int_to_cn

_CN = "一二三四五六七八九十百〇零两"
_MARKER = re.compile(
    rf"(?P<cn_paren>\([ ]*(?P<n_cn_paren>[{_CN}]{{1,4}})[ ]*\))"
    r"|(?P<ar_paren>\([ ]*(?P<n_ar_paren>\d{1,3})[ ]*\))"
    rf"|(?P<chapter>第(?P<n_chapter>[{_CN}\d]{{1,4}})(?:章|节|部分|编))"
    rf"|(?P<article>第(?P<n_article>[{_CN}\d]{{1,4}})条)"
    rf"|(?P<cn_dun>(?P<n_cn_dun>[{_CN}]{{1,4}})[ ]*(?:、|\.(?!\d)))"
    r"|(?P<typo>—[ ]*、)"
    r"|(?P<ar_dot>(?P<n_ar_dot>\d{1,3})[ ]*(?:\.(?![\d.%])|、))"
    # `11.121人才梯队项目` is item 11, but only when 11 is the next number due.
    r"|(?P<ar_dec>(?P<n_ar_dec>\d{1,3})\.(?=\d))"
    r"|(?P<circled>[①-⑳])"
    r"|(?P<bullet>—{2,}|-{2,})"
)
_STYLES = (
    "cn_paren",
    "ar_paren",
    "chapter",
    "article",
    "cn_dun",
    "typo",
    "ar_dot",
    "ar_dec",
    "circled",
)
_SENTENCE_END = "。!?;:)”」"
_YEAR_AFTER_DOT = re.compile(r"(?:19|20)[0-9]{2}[ ]*年")
_ATTACHMENTS = re.compile(r"[ ]*附件[ ]*:?[ ]*1[ ]*[.、]")
# 一、明确目标任务1、学前三年教育发展目标。: a first sub-item glued to its parent's title.
_GLUED_FIRST = re.compile(r"1、|1\.(?![\d.%])|\(1\)|\(一\)")
_GLUED_WINDOW = 40
# Conventional rank of the styles, used only when an excerpt opens inside a list (（三） then 四、).
_RANK = {"chapter": 0, "cn_dun": 1, "cn_paren": 2, "ar_dot": 3, "ar_paren": 4, "circled": 5}
# A line this long, or a text whose lines average this long, has lost its line breaks.
_LONG_LINE = 1000
_LINE_FREE_AVERAGE = 500


@dataclass(frozen=True)
class Heading:
    """A numbered marker found in the text."""

    style: str
    number: int
    component: str
    start: int
    content_start: int
    line_end: int


@dataclass(frozen=True)
class Section:
    """One outline item with its extent: marker start, content start, title end, body end."""

    path: str
    title: str
    depth: int
    parent: int | None
    start: int
    content_start: int
    title_end: int
    end: int


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return [start, end) of every line that has visible content."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def is_line_free(text: str, lines: list[tuple[int, int]]) -> bool:
    """Return whether the text has lost its line breaks (paragraphs run together)."""
    return bool(lines) and len(text) / len(lines) > _LINE_FREE_AVERAGE


def _match_heading(
    text: str, key: str, at: int, limit: int, last: dict[str, int]
) -> tuple[str, int, str, int] | None:
    """Return (style, number, component, marker end) for a marker at key[at], or None."""
    match = _MARKER.match(key, at, limit)
    if match is None:
        return None
    style = next(name for name in (*_STYLES, "bullet") if match.group(name) is not None)
    end = match.end()
    if style == "bullet":
        if end >= limit or key[end] in "—-|":
            return None
        return "bullet", 0, "——", end
    if style == "typo":
        return "cn_dun", 1, "一", end
    if style == "circled":
        raw = match.group(style)
        return style, ord(raw) - ord("①") + 1, text[match.start() : match.end()], end
    number = cn_to_int(match.group(f"n_{style}"))
    if number is None or number == 0 or number > 200:
        return None
    if style == "ar_dec":
        # 1.2007年是…: a first item may open with a year (1.2亿千瓦 is still a number).
        opens_year = number == 1 and _YEAR_AFTER_DOT.match(key, match.end()) is not None
        if number != last.get("ar_dot", -1) + 1 and not opens_year:
            return None
        style = "ar_dot"
    group = style if style in ("cn_paren", "ar_paren", "chapter", "article") else ""
    group = group or ("n_ar_dec" if match.group("ar_dec") else f"n_{style}")
    component = text[match.start(group) : match.end(group)]
    return style, number, component, end


def _content_start(key: str, at: int, limit: int) -> int:
    while at < limit and key[at] == " ":
        at += 1
    return at


def find_headings(text: str, key: str, start: int, end: int, *, line_free: bool) -> list[Heading]:
    """Return the headings between start and end, in document order."""
    headings: list[Heading] = []
    last: dict[str, int] = {}
    attachment_next = 0
    for relative_start, relative_end in line_spans(text[start:end]):
        line_start, line_end = relative_start + start, relative_end + start
        at = _content_start(key, line_start, line_end)
        found = _match_heading(text, key, at, line_end, last)
        if _ATTACHMENTS.match(key, at, line_end):
            attachment_next = 2
        elif found is not None and found[0] == "ar_dot" and found[1] == attachment_next:
            # 附件：1.…  2.…: the cover notice's list of attachments, not the outline.
            attachment_next += 1
            continue
        else:
            attachment_next = 0
        if found is None and not headings and not line_free:
            # 分别是：(1)…。(2)…。(3)…: the items of a short text run on in one line.
            _inline_chain(text, key, line_start, line_end, headings=headings, last=last)
        if found is not None:
            style, number, component, marker_end = found
            headings.append(
                Heading(
                    style,
                    number,
                    component,
                    at,
                    _content_start(key, marker_end, line_end),
                    line_end,
                )
            )
            last[style] = number
            _glued_first(text, key, headings[-1], headings=headings, last=last)
            if (
                not line_free
                and line_end - line_start <= _LONG_LINE
                and _next_marker_in(key, style, number, marker_end, line_end)
            ):
                # （一）…（省发改委负责）（二）…: the next item of the same style run on.
                _inline_headings(
                    text, key, at + 1, line_end, headings=headings, last=last, only_style=style
                )
        if line_free or line_end - line_start > _LONG_LINE:
            _inline_headings(text, key, at + 1, line_end, headings=headings, last=last)
    return headings


def _inline_chain(
    text: str, key: str, start: int, end: int, *, headings: list[Heading], last: dict[str, int]
) -> None:
    """Read (1)…(2)…(3)… or (一)…(二)…(三)… run on in one line as that many items."""
    line = key[start:end]
    for style, numbers in (("ar_paren", "123"), ("cn_paren", "一二三")):
        if all(f"({n})" in line for n in numbers):
            last[style] = 0
            _inline_headings(text, key, start, end, headings=headings, last=last, only_style=style)
            return


def _glued_first(
    text: str, key: str, heading: Heading, *, headings: list[Heading], last: dict[str, int]
) -> None:
    """Split a first sub-item glued to the end of a heading's title when item 2 opens a line."""
    window_end = min(heading.content_start + _GLUED_WINDOW, heading.line_end)
    glued = _GLUED_FIRST.search(key, heading.content_start + 1, window_end)
    if glued is None or "。" in key[heading.content_start : glued.start()]:
        return
    second = glued.group().replace("1", "2").replace("一", "二")
    if re.compile(r"\n[ ]*" + re.escape(second)).search(key, heading.line_end) is None:
        return
    found = _match_heading(text, key, glued.start(), heading.line_end, last)
    if found is None or found[0] == heading.style:
        return
    last[found[0]] = 0
    _inline_headings(
        text,
        key,
        glued.start(),
        heading.line_end,
        headings=headings,
        last=last,
        only_style=found[0],
    )


def _next_marker_in(key: str, style: str, number: int, start: int, end: int) -> bool:
    """Return whether the next marker of a style may occur in key[start:end] (a cheap test)."""
    if style == "cn_paren":
        return f"{int_to_cn(number + 1)})" in key[start:end]
    if style == "ar_paren":
        return f"({number + 1}" in key[start:end]
    if style == "cn_dun":
        return f"{int_to_cn(number + 1)}、" in key[start:end]
    if style == "ar_dot":
        return str(number + 1) in key[start:end]
    return False


def _inline_headings(
    text: str,
    key: str,
    start: int,
    end: int,
    *,
    headings: list[Heading],
    last: dict[str, int],
    only_style: str | None = None,
) -> None:
    """Append markers inside one long line that sit where a heading would have started."""
    for match in _MARKER.finditer(key, start, end):
        at = match.start()
        found = _match_heading(text, key, at, end, last)
        if found is None or found[0] == "bullet":
            continue
        style, number, component, marker_end = found
        if only_style is not None and (style != only_style or number != last.get(style, 0) + 1):
            continue
        if number not in (1, last.get(style, 0) + 1):
            continue
        before = at - 1
        while before > start and key[before] == " ":
            before -= 1
        if key[before].isdigit():
            continue
        previous = headings[-1] if headings else None
        runs_on = (
            previous is not None
            and previous.style != style
            and 0 < at - previous.content_start <= 40
            and "。" not in key[previous.content_start : at]
        )
        if key[before] not in _SENTENCE_END and not runs_on:
            continue
        if previous is not None and previous.line_end > at:
            headings[-1] = Heading(
                previous.style,
                previous.number,
                previous.component,
                previous.start,
                previous.content_start,
                at,
            )
        headings.append(
            Heading(style, number, component, at, _content_start(key, marker_end, end), end)
        )
        last[style] = number


def build_outline(
    text: str, key: str, headings: list[Heading], stops: list[int], body_end: int
) -> list[Section]:
    """Return the outline sections of the headings, with paths, titles and extents."""
    sections: list[Section] = []
    stack: list[tuple[str, str, int]] = []
    bullets: dict[str, int] = {}
    seen: dict[str, int] = {}
    # An excerpt that opens inside a list (（三）… then 四、): its first items have no parent.
    opens_inside = bool(headings) and headings[0].number > 1
    for index, heading in enumerate(headings):
        styles = [style for style, _, _ in stack]
        if heading.style in styles:
            del stack[styles.index(heading.style) :]
        elif opens_inside and stack and _RANK.get(heading.style, 9) < _RANK.get(styles[0], 9):
            del stack[:]
            opens_inside = False
        parent = stack[-1][2] if stack else None
        component = heading.component
        if heading.style == "bullet":
            parent_path = sections[parent].path if parent is not None else ""
            bullets[parent_path] = bullets.get(parent_path, 0) + 1
            component = f"——{bullets[parent_path]}"
        path = "/".join([*(part for _, part, _ in stack), component])
        if path in seen:
            # A marker repeated by mistake (一、 twice) must not give two items one path.
            seen[path] += 1
            component = f"{component}~{seen[path]}"
            path = f"{path}~{seen[path]}"
        seen.setdefault(path, 1)
        stack.append((heading.style, component, index))
        next_start = headings[index + 1].start if index + 1 < len(headings) else body_end
        end = min([next_start, body_end, *(s for s in stops if s > heading.start)])
        title_end = key.find("。", heading.content_start, min(heading.line_end, end))
        title_stop = title_end if title_end != -1 else min(heading.line_end, end)
        title = text[heading.content_start : title_stop].strip().rstrip(":：;；,，")
        sections.append(
            Section(
                path=path,
                title=title,
                depth=len(stack),
                parent=parent,
                start=heading.start,
                content_start=heading.content_start,
                title_end=title_stop,
                end=max(end, heading.content_start),
            )
        )
    return sections

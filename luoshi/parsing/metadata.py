"""Document metadata: title, issuer, 文号, date, and where the body starts and stops.

The title is the document's own title line before the first heading; a cover notice
(主送 line, 印发 notice, signature) before it is skipped, and a title broken over two lines
is joined. The issuer and date come from a signature block (落款) before or after the body.
A 文号 counts only on a line of its own, after a 发文字号 label, or in the header before the
first full stop, never when merely cited in a sentence.
"""

import re
from dataclasses import dataclass
from datetime import date

from luoshi.core.numerals import cn_to_int
from luoshi.parsing.normalize import fold

_GENRE = re.compile(
    r"(?:意见|方案|通知|办法|规定|规划|决定|计划|细则|纲要|措施|要点|清单|条例|安排|指南|通告"
    r"|公告|报告|批复|规则|制度|机制|行动|工程|任务分工|分工表)"
    r"(?:[ ]*\([^()]{1,20}\))?$"
)
_NOTICE_TITLE = re.compile(r"(?:印发|转发|下发|颁布).*通知(?:[ ]*\([^()]{1,20}\))?$")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}[ ]*[〔\[【(][ ]*\d{4}[ ]*[〕\]】)][ ]*第?\d{1,4}[ ]*号"
)
_DOC_NUMBER_LABEL = re.compile(r"^(?:发文字号|文号|字号|发文号)[ ]*:")
_CN_DIGIT = "〇○零一二三四五六七八九Oo"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN_DIGIT}]{{4}})[ ]*年[ ]*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})"
    rf"[ ]*月[ ]*(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})[ ]*日"
)
_DATE_LABEL = re.compile(r"^(?:成文日期|发文日期|印发日期|日期)[ ]*:")
_ISSUER_LABEL = re.compile(r"^(?:发文机关|发布机构|发文单位)[ ]*:[ ]*")
_ORG = re.compile(r"(?:厅|府|院|委|部|办|局|会|室|党委|中央|总局|署|行|办公厅|委员会|领导小组)$")
_STOP_LINE = re.compile(
    r"^(?:附件[ ]*[\d一二三四五六七八九十:、]|附件$|抄送|主题词|\(此件|此件公开|\(本文有删减"
    r"|.{2,30}\d{4}年\d{1,2}月\d{1,2}日印发)"
)
_SCOPE_NATIONAL = re.compile(r"国务院|中共中央|中央办公厅|国家")
_SCOPE_PROVINCE = re.compile(r"省委|省人民政府|省政府|自治区|省")
_SCOPE_CITY = re.compile(r"市委|市人民政府|市政府|市")


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself, and the extent of its body."""

    title: str | None
    issuer: tuple[str, ...] | None
    doc_number: str | None
    date: date | None
    body_start: int
    stops: tuple[int, ...]


def _content(key: str, span: tuple[int, int]) -> str:
    return key[span[0] : span[1]].strip()


def _is_date_line(content: str) -> bool:
    match = _DATE.search(content)
    return match is not None and len(content) - len(match.group(0)) <= 2


def _is_title_like(content: str) -> bool:
    return (
        0 < len(content) <= 80
        and not content.startswith("附件")
        and "。" not in content
        and not content.endswith(":")
        and not _is_date_line(content)
        and _DOC_NUMBER.fullmatch(content.strip("()[]【】 ")) is None
    )


def _is_org_line(content: str) -> bool:
    if not content or len(content) > 40 or any(p in content for p in "。,:;、"):
        return False
    return all(_ORG.search(part) for part in content.split())


def parse_date(found: re.Match[str]) -> date | None:
    """Return the date of a matched 年月日 phrase (Arabic or Chinese numerals), or None."""
    year = cn_to_int(found.group("y"))
    month = cn_to_int(found.group("m"))
    day = cn_to_int(found.group("d"))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_title(text: str, key: str, header: list[tuple[int, int]]) -> tuple[str | None, int]:
    """Return the title and the offset where the body starts after it."""
    chosen: int | None = None
    for index, span in enumerate(header):
        content = _content(key, span)
        if not _is_title_like(content) or not _GENRE.search(content):
            continue
        if chosen is not None and not _NOTICE_TITLE.search(_content(key, header[chosen])):
            break
        chosen = index
        if not _NOTICE_TITLE.search(content):
            break
    if chosen is None:
        return None, 0
    first = chosen
    while (
        first > 0
        and "关于" not in key[header[first][0] : header[chosen][1]]
        and first > chosen - 2
        and header[first - 1][1] + 1 == header[first][0]
        and _is_title_like(_content(key, header[first - 1]))
        and not _is_org_line(_content(key, header[first - 1]))
    ):
        first -= 1
    title = "".join(text[s:e].strip() for s, e in header[first : chosen + 1])
    return title, header[chosen][1]


_RUN_ON_TITLE = re.compile(
    r"(?<!《)关于[^。:,;《》\n]{2,80}?(?:意见|方案|通知|办法|规定|决定|计划|细则|规划)"
)
_RUN_ON_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,15}$")


def _title_in_run_on(text: str, key: str, limit: int) -> tuple[str | None, int]:
    """Return the title of a text without line breaks: the first 关于…意见 not cited in 《》."""
    match = _RUN_ON_TITLE.search(key, 0, limit)
    if match is None:
        return None, 0
    start = match.start()
    boundary = max(
        0,
        *(m.end() for m in _DATE.finditer(key, 0, start)),
        key.rfind("。", 0, start) + 1,
        key.rfind(":", 0, start) + 1,
    )
    prefix = _RUN_ON_PREFIX.search(key, boundary, start)
    if prefix is not None and prefix.start() == boundary:
        start = boundary
    return text[start : match.end()], match.end()


def _find_doc_number(
    text: str, key: str, lines: list[tuple[int, int]], header_end: int, title_end: int
) -> str | None:
    for start, end in lines:
        content = key[start:end].strip()
        label = _DOC_NUMBER_LABEL.match(content)
        if label:
            content = content[label.end() :].strip()
        match = _DOC_NUMBER.search(content)
        if match and len(content.strip("()[]【】〔〕 ")) == len(match.group(0)):
            offset = key.index(match.group(0), start, end)
            return text[offset : offset + len(match.group(0))]
    # Run-on text: the number must follow the title directly (…指导意见国发〔2018〕42号).
    match = (
        _DOC_NUMBER.match(key, title_end, min(header_end, title_end + 40)) if title_end else None
    )
    return text[match.start() : match.end()].strip() if match else None


def _signature(
    text: str, key: str, lines: list[tuple[int, int]], date_index: int
) -> tuple[str, ...]:
    bodies: list[str] = []
    index = date_index - 1
    while index >= 0 and date_index - index <= 4:
        content = _content(key, lines[index])
        if not _is_org_line(content):
            break
        start, end = lines[index]
        bodies[:0] = text[start:end].split()
        index -= 1
    return tuple(bodies)


def _run_on_signature(
    text: str, key: str, last_heading: int
) -> tuple[date | None, tuple[str, ...]]:
    """Return the date and issuer closing a text without line breaks (…）国务院2018年12月21日)."""
    tails = list(_DATE.finditer(key, max(last_heading, len(key) - 80)))
    if not tails:
        return None, ()
    tail = tails[-1]
    before = max(key.rfind(p, 0, tail.start()) for p in "。)")
    name = text[before + 1 : tail.start()].strip()
    issuer = (name,) if _is_org_line(fold(name)) else ()
    return parse_date(tail), issuer


def read_metadata(
    text: str, key: str, lines: list[tuple[int, int]], first_heading: int, last_heading: int
) -> Metadata:
    """Return the metadata of a document whose headings run from first to last heading."""
    header = [span for span in lines if span[1] <= first_heading][:40]
    title, body_start = _find_title(text, key, header)
    if title is None and lines and lines[0][1] - lines[0][0] > 200:
        title, body_start = _title_in_run_on(text, key, first_heading)
    doc_number = _find_doc_number(
        text,
        key,
        [s for s in lines if s[1] <= first_heading or s[0] > last_heading],
        first_heading,
        body_start,
    )
    signed: date | None = None
    issuer: tuple[str, ...] = ()
    stops: list[int] = []
    date_lines = []
    for index, span in enumerate(lines):
        content = _content(key, span)
        label = _DATE_LABEL.match(content)
        if label:
            content = content[label.end() :].strip()
        if _is_date_line(content) and (span[1] <= first_heading or span[0] > last_heading):
            date_lines.append(index)
        issuer_label = _ISSUER_LABEL.match(content)
        if issuer_label and not issuer:
            issuer = tuple(text[span[0] + issuer_label.end() : span[1]].split())
        if span[0] > last_heading and _STOP_LINE.match(content):
            stops.append(span[0])
    closing = [i for i in date_lines if lines[i][0] > last_heading]
    chosen = closing[-1] if closing else (date_lines[-1] if date_lines else None)
    if chosen is not None:
        match = _DATE.search(key, *lines[chosen])
        signed = parse_date(match) if match else None
        bodies = _signature(text, key, lines, chosen)
        issuer = issuer or bodies
        if lines[chosen][0] > last_heading:
            stops.append(lines[chosen - len(bodies)][0])
    elif lines and len(lines) == 1:
        signed, issuer = _run_on_signature(text, key, last_heading)
    return Metadata(
        title=title,
        issuer=issuer or None,
        doc_number=doc_number,
        date=signed,
        body_start=body_start,
        stops=tuple(sorted(stops)),
    )


def default_scope(metadata: Metadata) -> str | None:
    """Return 全国, 全省 or 全市 when the issuer or title marks the document's level."""
    issuer = " ".join(metadata.issuer or ())
    title = metadata.title or ""
    prefix = title.split("关于", 1)[0] if "关于" in title else ""
    number = metadata.doc_number or ""
    marks = f"{issuer} {prefix}"
    if _SCOPE_NATIONAL.search(marks) or number.startswith(("国发", "国办", "中发", "中办")):
        return "全国"
    if _SCOPE_PROVINCE.search(marks):
        return "全省"
    if _SCOPE_CITY.search(marks):
        return "全市"
    return None


def body_after_notice(
    key: str, lines: list[tuple[int, int]], heading_lines: list[tuple[int, int, bool]]
) -> int | None:
    """Return where the real body starts when a cover notice with its own items precedes it.

    heading_lines holds (start, line end, restarts numbering) per heading. A heading that
    restarts its numbering (一、 again) after a signature date and a title line (…任务清单,
    …责任分解方案) begins the body; the notice's items before it are not part of the plan.
    """
    previous_end = 0
    for start, line_end, restarts in heading_lines:
        if restarts and previous_end:
            between = [_content(key, s) for s in lines if previous_end < s[0] and s[1] <= start]
            dated = next((i for i, c in enumerate(between) if _is_date_line(c)), None)
            if dated is not None:
                for offset, content in enumerate(between[dated + 1 :], start=dated + 1):
                    if _is_title_like(content) and _GENRE.search(content):
                        title_lines = [s for s in lines if previous_end < s[0] and s[1] <= start]
                        return title_lines[offset][0]
        previous_end = line_end
    return None

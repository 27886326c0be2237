"""Read a policy document from .txt, .html or .docx into plain text.

Text files may be UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5; HTML as
copied from government sites keeps a line break for every block element and table cell
(so that 发文字号 / 成文日期 cells put their values on lines of their own); .docx keeps its
paragraphs (and table rows) in order, with automatic numbering written out as text.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes
from docx import Document
from docx.oxml.ns import qn

from luoshi.core.numerals import int_to_cn
from luoshi.parsing.normalize import fold

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
DOCX_SUFFIXES = frozenset({".docx"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_BLOCK_TAGS = frozenset(
    {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"}
    | {"article", "header", "footer", "ul", "ol", "dd", "dt", "blockquote", "pre", "title"}
    | {"center", "hr", "td", "th", "caption"}
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg"})
_BREAK_RUN = re.compile(r"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")
_SPACE_RUN = re.compile(r"[ \t\r\f\v]+")


class SourceError(ValueError):
    """A document cannot be read; carries one line in Chinese and one in English."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def line(self) -> str:
        """Return the one-line bilingual message for the terminal."""
        return f"错误：{self.message_zh} / error: {self.message_en}"


_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制"
    "机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
    "心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程"
    "展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根"
    "论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世"
    "金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目"
    "至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫"
    "且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳"
    "便团往历市克何除消构府称太准精值号率族维划选标写存候毛亲快效院查江型眼王按格养易置派层片始却专"
    "状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞网络推"
)


def _common_share(text: str) -> float:
    wide = [char for char in fold(text) if ord(char) > 0x7F]
    return sum(1 for char in wide if char in _COMMON) / len(wide) if wide else 0.0


def _looks_chinese(text: str) -> bool:
    """Return whether decoded text reads as Chinese rather than mojibake."""
    wide = [char for char in text if ord(char) > 0x7F]
    cjk = sum(1 for char in wide if "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f")
    return bool(wide) and cjk >= 0.6 * len(wide)


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Return bytes decoded as UTF-16 (BOM), UTF-8, or GB18030/Big5, whichever reads as Chinese."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    decoded: list[str] = []
    for encoding in ("gb18030", "big5"):
        try:
            decoded.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if decoded:
        # Big5 bytes often also decode as GB18030, into rare characters: prefer common ones.
        return max(decoded, key=_common_share)
    best = from_bytes(data).best()
    if best is not None and _looks_chinese(str(best)):
        return str(best)
    raise SourceError(f"无法识别文件编码：{name}", f"cannot detect the text encoding of {name}")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Source line breaks inside a paragraph are layout, not text.
            self.parts.append(_BREAK_RUN.sub("", data).replace("\n", ""))


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page, one line per block element."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: keep what was read
        pass
    text = "".join(parser.parts)
    lines = (_SPACE_RUN.sub(" ", line).strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def decode_html(data: bytes, name: str = "input") -> str:
    """Return HTML bytes decoded by their declared charset, else like plain text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name)


def _numbering_formats(document: Any) -> dict[tuple[str, str], tuple[str, str, int]]:
    """Return (numId, ilvl) -> (numFmt, lvlText, start) from the document's numbering."""
    formats: dict[tuple[str, str], tuple[str, str, int]] = {}
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return formats
    abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
    for node in numbering.findall(qn("w:abstractNum")):
        levels: dict[str, tuple[str, str, int]] = {}
        for level in node.findall(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt"))
            text = level.find(qn("w:lvlText"))
            start = level.find(qn("w:start"))
            levels[level.get(qn("w:ilvl"))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
        abstract[node.get(qn("w:abstractNumId"))] = levels
    for num in numbering.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for ilvl, level_format in abstract.get(ref.get(qn("w:val")), {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = level_format
    return formats


def _format_number(fmt: str, value: int) -> str:
    if fmt.startswith(("chinese", "ideograph", "japanese", "taiwanese")):
        return int_to_cn(value)
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(ord("①") + value - 1)
    return str(value)


def _style_numbering(document: Any) -> dict[str, tuple[str, str]]:
    """Return style id -> (numId, ilvl) for paragraph styles that carry numbering."""
    found: dict[str, tuple[str, str]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            ilvl = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
            level = ilvl.get(qn("w:val")) if ilvl is not None else "0"
            found[style.get(qn("w:styleId"))] = (num_id.get(qn("w:val")), level)
    return found


def _paragraph_numbering(block: Any, styles: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    num_id = block.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        ilvl = block.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:ilvl')}")
        return num_id.get(qn("w:val")), ilvl.get(qn("w:val")) if ilvl is not None else "0"
    style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return styles.get(style.get(qn("w:val"))) if style is not None else None


def docx_to_text(data: bytes) -> str:
    """Return the paragraphs and table rows of a .docx file, numbering written out."""
    document = Document(io.BytesIO(data))
    formats = _numbering_formats(document)
    styles = _style_numbering(document)
    counters: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in c.iter(qn("w:t"))) for c in row]
                lines.append("\t".join(cell.strip() for cell in cells if cell.strip()))
            continue
        if block.tag != qn("w:p"):
            continue
        text = "".join(node.text or "" for node in block.iter(qn("w:t")))
        key = _paragraph_numbering(block, styles)
        if key is not None and key[0] != "0" and text.strip():
            fmt, pattern, start = formats.get(key, ("decimal", "%1.", 1))
            counters[key] = counters.get(key, start - 1) + 1
            for deeper in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
                del counters[deeper]
            if fmt not in ("bullet", "none") and pattern:
                marker = re.sub(r"%\d", _format_number(fmt, counters[key]), pattern)
                text = marker + text
        lines.append(text)
    return "\n".join(lines)


def read_bytes(data: bytes, suffix: str, name: str = "input") -> str:
    """Return the text of a document given as bytes with its file suffix."""
    suffix = suffix.lower()
    if suffix in DOCX_SUFFIXES:
        try:
            return docx_to_text(data)
        except Exception as error:  # python-docx raises many types for a broken package
            raise SourceError(
                f"无法读取 Word 文件：{name}", f"cannot read the Word file {name}"
            ) from error
    if suffix in HTML_SUFFIXES:
        return html_to_text(decode_html(data, name))
    if suffix in TEXT_SUFFIXES:
        return decode_bytes(data, name)
    raise SourceError(
        f"不支持的文件类型：{suffix or '(无扩展名)'}（支持 .txt .html .docx）",
        f"unsupported file type: {suffix or '(none)'} (use .txt, .html or .docx)",
    )


def read_source(path: Path) -> str:
    """Return the text of the document at path, or raise SourceError."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED:
        return read_bytes(b"", path.suffix, path.name)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise SourceError(f"找不到文件 {path}", f"file not found: {path}") from error
    except IsADirectoryError as error:
        raise SourceError(f"这是目录，不是文件：{path}", f"not a file: {path}") from error
    except OSError as error:
        raise SourceError(
            f"无法读取文件 {path}", f"cannot read {path}: {error.strerror}"
        ) from error
    return read_bytes(data, path.suffix, path.name)

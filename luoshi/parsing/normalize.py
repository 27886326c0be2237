"""Clean document text, and fold it to a same-length matching key.

The parser searches the *key* and slices the *text*: `fold` maps every character to exactly
one character (full width -> half width, traditional -> simplified, dash variants -> one
dash), so an offset found in the key is the same offset in the text, and everything the
parser outputs stays verbatim as written.
"""

import html
import re
from functools import lru_cache
from importlib import resources

_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Zero-width characters and the BOM carry no text; control characters break line logic.
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\x00-\x08\x0e-\x1f\x7f]")
# Reposting sites salt copied text with runs of symbols (建设■■★★★。, 责任单位◆★◆■:); a run
# of two or more after a Chinese character or mark is noise. A bullet opening a line stays.
_DECOY_RUN = re.compile(r"[■◆★◇□☆▲●]{2}")
_DECOY_SYMBOLS = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[■◆★◇□☆▲●]{2,}")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")

_DASHES = "\u2015\u2500\u2501\u2012\u2013\u2e3a"
_SPACES = "\u00a0\u2002\u2003\u2009\u202f\u205f"


def clean_text(text: str) -> str:
    """Return text with one kind of line break, no invisible characters, no trailing spaces."""
    if "&" in text:
        # Text copied from a page's source keeps its entities: &nbsp;&nbsp;推进…
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if _DECOY_RUN.search(text):
        text = _DECOY_SYMBOLS.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    return text.strip("\n ")


def _opencc_pairs() -> dict[int, int]:
    """Read OpenCC's traditional -> simplified character table as single-char pairs."""
    pairs: dict[int, int] = {}
    try:
        table = resources.files("opencc").joinpath("dictionary/TSCharacters.txt")
        lines = table.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return pairs
    for line in lines:
        source, _, targets = line.partition("\t")
        candidates = targets.split()
        # A source that is also one of its own candidates is used in simplified text too
        # (乾 -> 干 乾): folding it would corrupt simplified documents.
        if len(source) != 1 or not candidates or source in candidates:
            continue
        if len(candidates[0]) == 1:
            pairs[ord(source)] = ord(candidates[0])
    return pairs


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    table = _opencc_pairs()
    for code in range(0xFF01, 0xFF5F):
        table[code] = code - 0xFEE0
    table[0x3000] = 0x20
    for char in _SPACES:
        table[ord(char)] = 0x20
    table[ord("\t")] = 0x20
    for char in _DASHES:
        table[ord(char)] = 0x2014
    # Keep fullwidth brackets and punctuation distinct where ASCII has no twin worth merging.
    table[ord("﹝")] = ord("〔")
    table[ord("﹞")] = ord("〕")
    # Small form variants (1﹒ 2﹒, ﹙一﹚) are the same punctuation in another code block.
    for small, plain in zip("﹐﹑﹒﹔﹕﹖﹗﹙﹚", ",、.;:?!()", strict=True):
        table[ord(small)] = ord(plain)
    return table


@lru_cache(maxsize=1)
def _script_table() -> dict[int, int]:
    return _opencc_pairs()


def simplify(text: str) -> str:
    """Return text with traditional characters in simplified form, same length, widths kept."""
    return text.translate(_script_table())


def fold(text: str) -> str:
    """Return the matching key of text: same length, width- and script-folded."""
    return text.translate(_fold_table())


def to_simplified_char(char: str) -> str:
    """Return the simplified form of one character (itself when it has none)."""
    return chr(_fold_table().get(ord(char), ord(char))) if len(char) == 1 else char


def squeeze(text: str) -> str:
    """Return the folded text without any whitespace, for comparing names."""
    return "".join(fold(text).split())

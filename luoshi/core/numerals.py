"""Chinese and Arabic numerals, and units with a multiplier prefix, as Decimal quantities."""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE_UNITS = {"万": 10**4, "亿": 10**8}

# Longest first, so that 千万 is read before 千 and 万亿 before 万.
MULTIPLIERS: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10**12)),
    ("千亿", Decimal(10**11)),
    ("百亿", Decimal(10**10)),
    ("十亿", Decimal(10**9)),
    ("千万", Decimal(10**7)),
    ("百万", Decimal(10**6)),
    ("十万", Decimal(10**5)),
    ("亿", Decimal(10**8)),
    ("万", Decimal(10**4)),
)
_MULTIPLIER_VALUES = dict(MULTIPLIERS)

# Units that begin with a multiplier character but are units in their own right:
# 千瓦 is a kilowatt, not a thousand watts, and is kept as written.
_PREFIXED_UNITS = ("千瓦时", "千瓦", "千克", "千米", "千伏", "千卡", "千帕", "百分点")

# Spelled-out data rates, mapped to the symbol the documents give in brackets.
_RATE_NAMES = {
    "太比特每秒": "Tbps",
    "吉比特每秒": "Gbps",
    "兆比特每秒": "Mbps",
    "千比特每秒": "Kbps",
}

_ARABIC_SCALED_RE = re.compile(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?P<mult>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千|百)?"
)
_LATIN_IN_BRACKETS_RE = re.compile(r"[（(]\s*([A-Za-z][A-Za-z/]*)\s*[）)]$")


def normalise_digits(text: str) -> str:
    """Return text with fullwidth digits, point and comma made ASCII."""
    return text.translate(_FULLWIDTH)


def to_plain(value: Decimal) -> Decimal:
    """Return value without exponent or trailing zeros when integral: 1.2E+8 -> 120000000."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@lru_cache(maxsize=4096)
def parse_number(text: str) -> Decimal | None:
    """Return the value of an Arabic or Chinese numeral, with 万/亿 multipliers; None if not one."""
    s = normalise_digits(text.strip())
    if not s:
        return None
    match = _ARABIC_SCALED_RE.fullmatch(s)
    if match is not None:
        try:
            value = Decimal(match["num"].replace(",", ""))
        except InvalidOperation:
            return None
        mult = match["mult"]
        if mult:
            value *= _MULTIPLIER_VALUES.get(mult) or Decimal(_SMALL_UNITS[mult])
        return to_plain(value)
    return _parse_chinese(s)


def _parse_chinese(s: str) -> Decimal | None:
    if any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _LARGE_UNITS for ch in s):
        return None
    if s[0] in _LARGE_UNITS:
        return None
    if len(s) > 1 and all(ch in _DIGITS for ch in s):
        # 二〇二〇: read digit by digit, as written years are.
        return Decimal("".join(str(_DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    digit = 0
    has_digit = False
    for ch in s:
        if ch in _DIGITS:
            if has_digit:
                return None
            digit = _DIGITS[ch]
            has_digit = digit != 0
        elif ch in _SMALL_UNITS:
            # A bare 十 at the head (十五) means one ten.
            section += (digit if has_digit else 1) * _SMALL_UNITS[ch]
            digit, has_digit = 0, False
        elif ch == "万":
            section = (section + digit) * _LARGE_UNITS[ch]
            digit, has_digit = 0, False
        else:
            total = (total + section + digit) * _LARGE_UNITS[ch]
            section, digit, has_digit = 0, 0, False
    return Decimal(total + section + digit)


@lru_cache(maxsize=1024)
def split_unit(text: str) -> tuple[Decimal, str]:
    """Return the multiplier and the bare unit of a unit as written: 万公里 -> (10000, 公里)."""
    unit = normalise_digits(text.strip())
    latin = _LATIN_IN_BRACKETS_RE.search(unit)
    if latin is not None and unit[: latin.start()].strip() in _RATE_NAMES:
        unit = latin.group(1)
    if unit.startswith(_PREFIXED_UNITS):
        return Decimal(1), unit
    for prefix, multiplier in MULTIPLIERS:
        rest = unit[len(prefix) :]
        if rest and unit.startswith(prefix):
            return multiplier, _RATE_NAMES.get(rest, rest)
    return Decimal(1), _RATE_NAMES.get(unit, unit)


# Zero as written in dates typed by hand: 二○一八, 二Ｏ一八, 二O一八.
_ZERO_VARIANTS = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇", "o": "〇"})
_CN = "零一二三四五六七八九"


@lru_cache(maxsize=1024)
def cn_to_int(text: str) -> int | None:
    """Return the value of a small Chinese or Arabic numeral, as in markers and dates; else None."""
    s = text.strip().translate(_ZERO_VARIANTS)
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if all(ch in _DIGITS for ch in s):
        # Digit by digit, as years are written: 二〇一八 -> 2018.
        return int("".join(str(_DIGITS[ch]) for ch in s))
    total = 0
    current = 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (current or 1) * _SMALL_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def int_to_cn(value: int) -> str:
    """Return a number below 1000 written in Chinese numerals (21 -> 二十一)."""
    if value <= 0 or value >= 1000:
        return str(value)
    hundreds, rest = divmod(value, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CN[hundreds] + "百"
        if tens == 0 and ones:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN[tens]) + "十"
    if ones:
        out += _CN[ones]
    return out

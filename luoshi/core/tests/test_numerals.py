"""Chinese and Arabic numerals, and units with a multiplier."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.numerals import (
    cn_to_int,
    int_to_cn,
    normalise_digits,
    parse_number,
    split_unit,
    to_plain,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一百二十", Decimal(120)),
        ("两千", Decimal(2000)),
        ("三十五", Decimal(35)),
        ("〇", Decimal(0)),
        ("零", Decimal(0)),
        ("十", Decimal(10)),
        ("十五", Decimal(15)),
        ("一百零五", Decimal(105)),
        ("一万二千", Decimal(12000)),
        ("三亿五千万", Decimal(350000000)),
        ("二〇二〇", Decimal(2020)),
        ("１２", Decimal(12)),
        ("1.2", Decimal("1.2")),
        ("98.6", Decimal("98.6")),
        ("10,000", Decimal(10000)),
        ("6万", Decimal(60000)),
        ("1.2亿", Decimal(120000000)),
        ("3000亿", Decimal(300000000000)),
        ("1万", Decimal(10000)),
        ("1.76万亿", Decimal(1760000000000)),
        ("5千万", Decimal(50000000)),
        (" 70万 ", Decimal(700000)),
    ],
)
def test_parses_numerals_to_exact_decimals(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "万", "亿元", "1.", ".5", "1,00", "二十一二", "4G", "1:1"]
)
def test_returns_none_for_text_that_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_multiplied_values_have_no_exponent() -> None:
    value = parse_number("1.2亿")

    assert value is not None
    assert str(value) == "120000000"


@pytest.mark.parametrize(
    ("unit", "multiplier", "bare"),
    [
        ("万公里", 10000, "公里"),
        ("亿元", 100000000, "元"),
        ("万户", 10000, "户"),
        ("万个", 10000, "个"),
        ("亿千瓦", 100000000, "千瓦"),
        ("千瓦", 1, "千瓦"),
        ("万千瓦时", 10000, "千瓦时"),
        ("千万元", 10000000, "元"),
        ("万人次", 10000, "人次"),
        ("Gbps", 1, "Gbps"),
        ("吉比特每秒（Gbps）", 1, "Gbps"),
        ("吉比特每秒", 1, "Gbps"),
        ("Mbps", 1, "Mbps"),
        ("%", 1, "%"),
        ("部/百人", 1, "部/百人"),
        ("个百分点", 1, "个百分点"),
    ],
)
def test_splits_a_unit_into_multiplier_and_bare_unit(unit: str, multiplier: int, bare: str) -> None:
    assert split_unit(unit) == (Decimal(multiplier), bare)


def test_normalises_fullwidth_digits_and_point() -> None:
    assert normalise_digits("９８．６％") == "98.6％"


def test_to_plain_drops_exponent_and_trailing_zeros() -> None:
    assert str(to_plain(Decimal("1.2E+8"))) == "120000000"
    assert str(to_plain(Decimal("98.60"))) == "98.6"


@given(st.text())
def test_parse_number_never_raises(text: str) -> None:
    result = parse_number(text)

    assert result is None or isinstance(result, Decimal)


@given(st.text(alphabet="0123456789.,万亿千百十一二两三四五六七八九〇零 ０１２", max_size=12))
def test_parse_number_never_raises_on_numeral_characters(text: str) -> None:
    result = parse_number(text)

    assert result is None or isinstance(result, Decimal)


@given(st.integers(min_value=0, max_value=10**12))
def test_reads_every_arabic_integer_with_and_without_wan(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n}万") == n * 10000


@given(st.text())
def test_split_unit_never_raises(text: str) -> None:
    multiplier, unit = split_unit(text)

    assert multiplier > 0
    assert isinstance(unit, str)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("二〇一八", 2018),
        ("二○一八", 2018),
        ("12", 12),
    ],
)
def test_reads_small_numerals_of_markers_and_dates(text: str, expected: int) -> None:
    assert cn_to_int(text) == expected


def test_small_numeral_is_none_for_other_text() -> None:
    assert cn_to_int("第三") is None
    assert cn_to_int("") is None


@pytest.mark.parametrize(
    ("value", "expected"), [(1, "一"), (10, "十"), (21, "二十一"), (105, "一百零五")]
)
def test_writes_numbers_below_a_thousand_in_chinese(value: int, expected: str) -> None:
    assert int_to_cn(value) == expected

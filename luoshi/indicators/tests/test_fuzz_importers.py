"""Property tests: no input makes a reader, the value parser or the period parsers crash.

Every reader either yields rows or raises ImportFileError (which the import turns into a
named error); the value parser returns a Decimal or raises ValueParseError; the period
parsers return a Period or raise ValueError, and every period they return prints back to
a string that parses to the same period.
"""

import io
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.core.periods import Period, PeriodKind, parse_period
from luoshi.indicators.dhis2 import from_dhis2_period
from luoshi.indicators.importers import ImportFileError, RawRow, read_csv, read_dhis2, read_xlsx
from luoshi.indicators.models import DataValue, Indicator
from luoshi.indicators.parsing import ValueParseError, parse_value
from luoshi.indicators.tests.conftest import Gansu, make_indicator
from luoshi.indicators.tests.importing import run_import

HEADER = "指标代码,区划代码,期间,数值,备注\n"
cell = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


def _drain(reader: object, data: bytes) -> list[RawRow]:
    try:
        _, rows = reader(io.BytesIO(data), size=len(data))  # type: ignore[operator]
        return list(rows)
    except ImportFileError as error:
        assert error.code
        return []


@given(st.binary(max_size=2000))
def test_csv_reader_reads_or_names_the_problem_for_any_bytes(data: bytes) -> None:
    _drain(read_csv, data)


@given(st.lists(st.lists(cell, min_size=0, max_size=7), max_size=20))
def test_csv_reader_keeps_every_nonblank_row(rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["指标代码", "区划代码", "期间", "数值", "备注"], *rows])
    read = _drain(read_csv, buffer.getvalue().encode("utf-8"))
    assert len(read) <= len(rows)
    for row in read:
        assert isinstance(row.indicator, str)
        assert row.value is None or isinstance(row.value, str | Decimal)


@given(st.binary(max_size=2000))
def test_xlsx_reader_reads_or_names_the_problem_for_any_bytes(data: bytes) -> None:
    _drain(read_xlsx, b"PK\x03\x04" + data)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(["dataValues", "period", "orgUnit", "x"]), json_value, max_size=4
    )
    | st.builds(
        lambda items: {"dataValues": items},
        st.lists(
            st.dictionaries(
                st.sampled_from(["dataElement", "period", "orgUnit", "value", "comment"]),
                json_value,
            ),
            max_size=6,
        ),
    )
)
def test_dhis2_reader_reads_or_names_the_problem_for_any_json(document: object) -> None:
    _drain(read_dhis2, json.dumps(document).encode("utf-8"))


@given(st.text(max_size=40))
def test_value_parser_returns_a_decimal_or_a_coded_error(text: str) -> None:
    try:
        value = parse_value(text)
    except ValueParseError as error:
        assert error.code in {"not_a_number", "too_many_decimals", "too_large"}
    else:
        assert isinstance(value, Decimal)
        assert value.is_finite()


@given(st.text(max_size=16))
def test_period_parsers_return_a_period_or_value_error(text: str) -> None:
    for parser in (parse_period, from_dhis2_period):
        try:
            period = parser(text)
        except ValueError:
            continue
        assert parse_period(str(period)) == period


@given(
    st.integers(min_value=1900, max_value=2100),
    st.sampled_from(list(PeriodKind)),
    st.integers(min_value=1, max_value=12),
)
def test_every_period_round_trips_through_its_text(year: int, kind: PeriodKind, n: int) -> None:
    count = {"year": 1, "half": 2, "quarter": 4, "month": 12}[kind.value]
    period = (
        Period(year, kind, min(n, count)) if kind is not PeriodKind.YEAR else Period(year, kind)
    )
    assert parse_period(str(period)) == period
    assert parse_period(f"  {period}  ") == period


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(["users", "nope", ""]), cell, cell, cell), max_size=6))
def test_import_writes_all_rows_or_none(gansu: Gansu, rows: list[tuple[str, ...]]) -> None:
    if not Indicator.objects.filter(code="users").exists():
        make_indicator(gansu)
    before = DataValue.objects.count()
    lines = ["users,620100,2018Q1,1,"] + [",".join(r).replace("\n", " ") for r in rows]
    job = run_import(HEADER + "\n".join(lines) + "\n", "fuzz.csv", gansu.office)
    assert job.status in {"succeeded", "failed"}
    if job.status == "failed":
        assert DataValue.objects.count() == before
        assert job.errors

"""The pure modules' codes rendered through gettext: the Chinese is theirs, the English ours."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from luoshi.core.periods import parse_period
from luoshi.supervision.files import EvidenceFileError, check_evidence_file
from luoshi.supervision.lights import Light, LightInputs, compute_light
from luoshi.supervision.scoring import EventKind
from luoshi.supervision.texts import (
    evidence_error_text,
    light_inputs,
    light_text,
    period_label,
    score_label,
)

BASE = LightInputs(
    today=date(2020, 3, 25),
    due_on=date(2020, 4, 5),
    as_of=date(2020, 3, 31),
    span_start=date(2020, 1, 1),
    span_end=date(2020, 12, 31),
)


def _light(**changes: object) -> Light:
    return compute_light(LightInputs(**{**BASE.__dict__, **changes}))


def _one_light_per_rule() -> dict[str, Light]:
    delayed = {"report_status": "submitted", "progress_status": "delayed"}
    lights = [
        _light(today=date(2020, 4, 6)),
        _light(**delayed, previous_progress_status="delayed"),
        _light(today=date(2020, 4, 4)),
        _light(report_status="submitted", percent_complete=Decimal(5)),
        _light(**delayed, percent_complete=Decimal(30)),
        _light(report_status="accepted", percent_complete=Decimal(30)),
    ]
    return {light.rule_code: light for light in lights}


def test_every_rule_reads_in_chinese_exactly_as_the_pure_module_writes_it() -> None:
    lights = _one_light_per_rule()
    assert set(lights) == {
        "overdue",
        "delayed_twice",
        "due_soon",
        "behind_schedule",
        "reported_delayed",
        "on_track",
    }
    with translation.override("zh-hans"):
        assert {code: light_text(light) for code, light in lights.items()} == {
            code: light.explanation_zh for code, light in lights.items()
        }


def test_rules_read_in_english_with_their_values() -> None:
    lights = _one_light_per_rule()
    with translation.override("en"):
        assert light_text(lights["overdue"]) == (
            "The due date 2020-04-05 has passed and no report has been accepted."
        )
        assert light_text(lights["behind_schedule"]) == (
            "Progress 5% is below the expected progress 24.9% minus 15 points."
        )
        assert light_text(lights["due_soon"]) == (
            "1 day to the due date and nothing submitted (yellow from 3 days before)."
        )
        assert light_text(_light(today=date(2020, 4, 3))).startswith("2 days to the due date")


def test_light_inputs_name_states_in_the_readers_language() -> None:
    light = _light(report_status="returned", progress_status="delayed")
    with translation.override("en"):
        shown = dict(light_inputs(light))
    assert (shown["Report status"], shown["Progress status"]) == ("Returned", "Behind schedule")
    assert shown["Expected progress, time-elapsed (%)"] == "24.9"
    with translation.override("zh-hans"):
        assert dict(light_inputs(light))["报告状态"] == "已退回"


@pytest.mark.parametrize(
    ("name", "head", "size", "english"),
    [
        ("a.pdf", b"%PDF-1.4", 30 * 1048576, "File “a.pdf” is 30.0 MB, over the 20 MB limit."),
        ("a.pdf", b"", 0, "File “a.pdf” is empty."),
        (
            "a.exe",
            b"MZ",
            2,
            "The type of file “a.exe” is not supported; allowed types: "
            "pdf, doc, docx, xls, xlsx, jpg, png, txt.",
        ),
        (
            "a.pdf",
            b"PK\x03\x04",
            4,
            "The content of file “a.pdf” does not match its extension .pdf.",
        ),
    ],
)
def test_evidence_refusals_read_in_both_languages(
    name: str, head: bytes, size: int, english: str
) -> None:
    with pytest.raises(EvidenceFileError) as refused:
        check_evidence_file(name, head, size, 20 * 1048576)
    with translation.override("zh-hans"):
        assert evidence_error_text(refused.value) == str(refused.value)
    with translation.override("en"):
        assert evidence_error_text(refused.value) == english


def test_periods_and_score_lines_are_labelled_in_the_readers_language() -> None:
    periods = [parse_period(p) for p in ("2020", "2020H2", "2020Q3", "2020-07")]
    with translation.override("zh-hans"):
        assert [period_label(p) for p in periods] == [p.label_zh for p in periods]
        assert score_label(EventKind.RETURNED) == "报告被退回"
    with translation.override("en"):
        assert [period_label(p) for p in periods] == ["2020", "H2 2020", "Q3 2020", "7/2020"]
        assert score_label(EventKind.RED_NOTICE) == "Red supervision notice received"

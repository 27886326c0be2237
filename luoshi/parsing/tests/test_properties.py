"""Properties: any text, any decodable bytes and any prefix of a real document parse cleanly."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.parsing.model import Plan
from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.sources import SourceError, decode_bytes, html_to_text

GANSU = (Path(__file__).resolve().parent / "golden" / "gansu-2017-mobile-internet.txt").read_text(
    "utf-8"
)
# Characters the parser reacts to, so that random text often looks like a document.
PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "（一）",
        "(二)",
        "（三)",
        "1.",
        "2．",
        "11.12",
        "（1）",
        "①",
        "——",
        "—、",
        "第一条",
        "第二章",
        "（",
        "）",
        "(",
        ")",
        "、",
        "，",
        "。",
        "；",
        "：",
        "\n",
        "\u3000",
        "牵头单位：",
        "配合单位：",
        "负责",
        "牵头",
        "等",
        "按照各自职责共同推进",
        "列第一位者为牵头单位，下同",
        "省发展改革委",
        "各区、县级市",
        "国务院",
        "关于",
        "的实施意见",
        "2018年12月21日",
        "国发〔2018〕42号",
        "不再列出",
        "到2020年",
        "达到98%",
        "6万个",
        "年底前",
        "《",
        "》",
        "\ufeff",
        "\r\n",
    ]
)
FAILED = "解析失败"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_clean(plan: Plan) -> None:
    assert isinstance(plan, Plan)
    assert not any(w.startswith(FAILED) for w in plan.warnings), plan.warnings
    paths = [task.path for task in plan.tasks]
    assert len(paths) == len(set(paths))
    for task in plan.tasks:
        assert set(task.lead_units) <= set(task.units)
        assert set(task.generic_units) <= set(task.units)


@FAST
@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    _assert_clean(parse_text(text))


@FAST
@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))
def test_document_like_text_parses_without_raising(text: str) -> None:
    _assert_clean(parse_text(text))


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_either_decode_and_parse_or_raise_source_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except SourceError:
        return
    _assert_clean(parse_text(text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_markup_yields_text(markup: str) -> None:
    assert isinstance(html_to_text(f"<p>{markup}</p><div>{markup}"), str)


def test_every_prefix_of_the_reference_document_parses() -> None:
    previous = 0
    for end in range(0, len(GANSU) + 1, 97):
        plan = parse_text(GANSU[:end])
        _assert_clean(plan)
        assigned = sum(1 for task in plan.tasks if task.units)
        # A longer prefix never loses an assignment that a shorter one had read completely.
        assert assigned >= previous
        previous = assigned
    assert len(parse_text(GANSU).tasks) == 25


def test_the_reference_document_without_line_breaks_keeps_its_tasks() -> None:
    plan = parse_text(GANSU.replace("\n", "").replace("\u3000", ""))
    _assert_clean(plan)
    assert len(plan.tasks) == 25
    assert sum(len(task.units) for task in plan.tasks) == 238

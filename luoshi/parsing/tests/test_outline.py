"""The outline: markers, hierarchy by first appearance, run-on numbering, line-free text."""

from luoshi.parsing.normalize import clean_text, fold
from luoshi.parsing.outline import Section, build_outline, find_headings, is_line_free, line_spans


def _outline(raw: str) -> list[Section]:
    text = clean_text(raw)
    key = fold(text)
    free = is_line_free(text, line_spans(text))
    headings = find_headings(text, key, 0, len(text), line_free=free)
    return build_outline(text, key, headings, [], len(text))


def _paths(raw: str) -> list[str]:
    return [section.path for section in _outline(raw)]


def test_nests_styles_in_order_of_first_appearance() -> None:
    raw = "一、总体\n（一）目标\n1.项目\n2.项目\n（二）原则\n二、任务\n（一）建设"
    assert _paths(raw) == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/2",
        "一/（二）",
        "二",
        "二/（一）",
    ]


def test_keeps_numbering_that_runs_on_across_parents() -> None:
    raw = "一、总体\n（一）思想\n（二）目标\n二、任务\n（三）建设\n三、保障\n（四）组织"
    assert _paths(raw)[-3:] == ["二/（三）", "三", "三/（四）"]


def test_titles_stop_at_the_first_full_stop() -> None:
    sections = _outline("一、总体要求\n（一）加强组织领导，完善管理体制。在领导小组统一领导下。")
    assert [s.title for s in sections] == ["总体要求", "加强组织领导，完善管理体制"]


def test_reads_ascii_and_mixed_brackets_as_one_style() -> None:
    assert _paths("一、任务\n(一)建设\n（二)监管\n(三）保障") == [
        "一",
        "一/(一)",
        "一/（二)",
        "一/(三）",
    ]


def test_reads_fullwidth_dot_and_parenthesised_arabic_measures() -> None:
    raw = "一、任务\n（一）建设\n1．推进\n（1）光纤\n（2）基站\n2．完善"
    assert _paths(raw) == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/1/（1）",
        "一/（一）/1/（2）",
        "一/（一）/2",
    ]


def test_reads_articles_and_chapters() -> None:
    raw = (
        "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全省。\n"
        "第二章 附则\n第三条 施行。"
    )
    assert _paths(raw) == ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]


def test_numbers_dash_bullets_under_their_parent() -> None:
    raw = "一、保障措施\n——加强组织领导。\n——加强督促检查。\n二、其他\n——做好宣传。"
    assert _paths(raw) == ["一", "一/——1", "一/——2", "二", "二/——1"]


def test_reads_a_dash_typed_for_one_as_one() -> None:
    assert _paths("—、总体要求\n做好工作。\n二、主要任务") == ["一", "二"]


def test_does_not_take_numbers_in_running_text_as_headings() -> None:
    raw = "一、目标\n2020年，全省达到。\n1.2亿千瓦以上。\n3G/4G用户达到2300万户。"
    assert _paths(raw) == ["一"]


def test_takes_a_decimal_looking_marker_when_its_number_is_due() -> None:
    raw = "一、项目\n10.羊城学者项目。\n11.121人才梯队项目。重点培养。"
    sections = _outline(raw)
    assert [s.path for s in sections] == ["一", "一/10", "一/11"]
    assert sections[-1].title == "121人才梯队项目"


def test_finds_headings_in_text_without_line_breaks() -> None:
    raw = (
        "为推进工作，制定本方案。一、总体要求（一）指导思想。坚持发展。（二）发展目标。到2020年，"
        "达到98%。二、主要任务（三）加快建设。推进建设1.2亿千瓦。（省发展改革委负责）（四）完善"
        "机制。完善制度。（省财政厅负责）三、保障措施1.加强领导。2.强化考核。" * 1
    )
    raw = raw + "做好工作。" * 120
    assert _paths(raw) == [
        "一",
        "一/（一）",
        "一/（二）",
        "二",
        "二/（三）",
        "二/（四）",
        "三",
        "三/1",
        "三/2",
    ]


def test_section_ends_at_the_next_heading_or_a_stop() -> None:
    text = "一、任务\n（一）建设。推进。\n国务院\n2018年12月21日"
    key = fold(text)
    headings = find_headings(text, key, 0, len(text), line_free=False)
    stop = text.index("国务院")
    sections = build_outline(text, key, headings, [stop], len(text))
    assert text[sections[-1].content_start : sections[-1].end].strip() == "建设。推进。"


def test_reads_circled_numbers() -> None:
    assert _paths("一、任务\n①推进建设。\n②加强监管。") == ["一", "一/①", "一/②"]


def test_gives_a_repeated_marker_a_path_of_its_own() -> None:
    assert _paths("一、总体\n（一）目标\n一、任务\n（一）建设") == [
        "一",
        "一/（一）",
        "一~2",
        "一~2/（一）",
    ]

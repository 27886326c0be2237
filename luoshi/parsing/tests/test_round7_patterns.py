"""Patterns found on the seventh blind set (prose documents), each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks


def test_implementing_unit_label_joins_the_list_of_its_item() -> None:
    raw = (
        "12.建成城市物流配送中心3个。\n"
        "\n"
        "牵头单位:市商务局\n"
        "\n"
        "实施单位:市供销集团\n"
        "\n"
        "配合单位:市发改委、市自然资源和规划局,高新区管委会等。\n"
    )
    assert parsed_tasks(raw) == [
        (
            "12",
            ["市商务局", "市供销集团", "市发改委", "市自然资源和规划局", "高新区管委会"],
            ["市商务局"],
            True,
        )
    ]


def test_by_clause_with_a_lead_and_co_operating_units_closes_the_item() -> None:
    raw = (
        "（二）完善农村金融服务。扩大涉农贷款规模，推进农业保险扩面。\n"
        "由省金融办牵头，省财政厅、省农业厅、人行昆明中心支行等配合。\n"
        "（三）加强农技推广。建设基层农技推广站200个。\n"
    )
    assert parsed_tasks(raw) == [
        (
            "（二）",
            ["省金融办", "省财政厅", "省农业厅", "人行昆明中心支行"],
            ["省金融办"],
            True,
        )
    ]


def test_by_clause_with_only_co_operating_units_is_not_a_list() -> None:
    raw = "（一）推进农田建设。新建高标准农田10万亩。\n由省水利厅配合。\n"
    assert parsed_tasks(raw) == [("（一）", [], [], False)]


def test_excerpt_opening_inside_a_list_keeps_a_higher_style_at_the_top() -> None:
    raw = (
        "（五）强化科技支撑。新增农业科技示范基地20个。\n"
        "六、加快发展畜牧业\n"
        "到2012年，肉类总产量达到300万吨。\n"
        "（一）推进标准化养殖。新建标准化养殖小区100个。\n"
    )
    assert parsed_targets(raw) == [
        ("（五）", Decimal(20), "个", None),
        ("六", Decimal(3000000), "吨", 2012),
        ("六/（一）", Decimal(100), "个", None),
    ]


def test_items_run_on_in_one_line_of_a_short_text_are_items() -> None:
    raw = (
        "县政府今年重点办好10件民生实事，分别是：(1)新建乡镇卫生院3所。 (2)改造农村公路"
        "120公里。 (3)新增城镇就业2000人以上。\n"
    )
    assert [task[0] for task in parsed_tasks(raw)] == ["(1)", "(2)", "(3)"]
    assert parsed_targets(raw) == [
        ("(1)", Decimal(3), "所", None),
        ("(2)", Decimal(120), "公里", None),
        ("(3)", Decimal(2000), "人", None),
    ]


def test_first_sub_item_glued_to_its_parent_heading_is_split_off() -> None:
    raw = (
        "一、明确发展目标，加快托育服务发展1、托位建设目标。\n"
        "2025年，全市每千人口托位数达到4.5个以上。\n"
        "2、托育机构建设。\n"
        "2025年，每个街道至少建成1所普惠托育机构。\n"
    )
    assert [task[0] for task in parsed_tasks(raw)] == ["一/1", "一/2"]
    assert parsed_targets(raw) == [
        ("一/1", Decimal("4.5"), "个", 2025),
        ("一/2", Decimal(1), "所", 2025),
    ]


def test_count_of_fields_named_in_an_enumeration_is_not_a_target() -> None:
    raw = (
        "（一）发展现代服务业。重点发展电子商务、现代物流、研发设计等8个领域，"
        "新增服务业企业500家以上。（市商务局负责）\n"
    )
    assert parsed_targets(raw) == [("（一）", Decimal(500), "家", None)]

"""Patterns found on the fifth blind set of real documents, each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks


def test_leader_label_before_the_unit_labels_names_no_unit() -> None:
    raw = (
        "一、主要预期目标\n"
        "1.规上工业增加值增长9%以上。（责任领导：王明；牵头单位：县经信局）\n"
        "2.修建县乡公路30公里。（分管领导：李华、赵强；牵头单位：县交通局；责任单位：县财政局，"
        "相关乡镇）\n"
    )
    assert parsed_tasks(raw) == [
        ("一/1", ["县经信局"], ["县经信局"], True),
        ("一/2", ["县交通局", "县财政局", "相关乡镇"], ["县交通局"], True),
    ]


def test_targets_listed_as_the_object_of_monitoring_are_targets() -> None:
    raw = (
        "一、对全县生产总值增长6%左右、城镇新增就业3.2万人以上等预期目标完成情况开展调度。"
        "（县发改局等按职责分工负责）\n"
        "二、对年纳税额500万元以上的企业开展走访。（县税务局负责）\n"
    )
    assert parsed_targets(raw) == [
        ("一", Decimal(6), "%", None),
        ("一", Decimal(32000), "人", None),
    ]


def test_package_of_measures_to_carry_out_is_not_a_target() -> None:
    raw = "一、抓好落实\n1.落实好稳就业促增收36条措施，新增市场主体2000户以上。（市发改委负责）\n"
    assert parsed_targets(raw) == [("一/1", Decimal(2000), "户", None)]


def test_size_of_a_fund_set_up_is_a_budget_not_a_target() -> None:
    raw = (
        "一、加大支持\n1.设立1.5亿元数字经济产业引导基金，每年培育专精特新企业20家。"
        "（责任单位：市工信局）\n"
    )
    assert parsed_targets(raw) == [("一/1", Decimal(20), "家", None)]


def test_grain_output_in_jin_is_a_target() -> None:
    raw = "一、2024年主要目标\n1.粮食产量稳定在300亿斤以上。（省农业农村厅负责）\n"
    assert parsed_targets(raw) == [("一/1", Decimal(30000000000), "斤", 2024)]


def test_single_spaced_table_extract_reads_units_over_lines() -> None:
    raw = (
        "县2024年重点工作任务分解表\n"
        "序号 重点工作任务 主要责任单位 协同配合单位 完成期限\n"
        "12 新增规上工业企业20家以上。 县经信局 县发改局、县统计局等县政府有关部门。 2024年12月底\n"
        "13 建成县城污水处理厂二期。 县住建局\n"
        "县水务集团\n"
        "县财政局、等县政府有关部门,各乡镇人民政府。 2024年12月底\n"
    )
    assert parsed_tasks(raw) == [
        ("12", ["县经信局", "县发改局", "县统计局", "县政府有关部门"], ["县经信局"], True),
        (
            "13",
            ["县住建局", "县水务集团", "县财政局", "县政府有关部门", "各乡镇人民政府"],
            ["县住建局", "县水务集团"],
            True,
        ),
    ]
    assert parsed_targets(raw) == [("12", Decimal(20), "家", None)]


def test_stacked_header_with_words_split_over_lines_is_read() -> None:
    raw = (
        "镇2024年度重点工作计划执行情况\n\n序号\n\n重点工作\n\n责任\n\n领导\n\n责任\n\n科室\n\n"
        "完成\n\n情况\n\n1\n\n老旧小区改造\n\n张明\n\n城建办\n\n已完成60%。\n\n"
        "2\n\n农村公路养护\n\n李强\n\n农业农村办\n\n已完成50%。\n"
    )
    assert parsed_tasks(raw) == [
        ("1", ["城建办"], ["城建办"], False),
        ("2", ["农业农村办"], ["农业农村办"], False),
    ]
    assert parsed_targets(raw) == []

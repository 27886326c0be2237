"""Failure classes listed as known limits in docs/parser.md, each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.pipeline import parse_text
from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks

_SPACED_TABLE = (
    "某市2023年优化营商环境重点任务分工表\n"
    "\n"
    "序号  重点任务  牵头单位  责任单位  完成时限\n"
    "1  全面推行企业开办“一网通办”  市市场监管局  市公安局、市税务局  2023年6月底前\n"
    "2  推进工程建设项目审批制度改革，审批时间  市住房城乡建设局  市自然资源局、市发展改革委"
    "  2023年12月\n"
    "   压减至60个工作日以内\n"
    "3  建立健全政务服务“好差评”制度  市政务服务管理局  各区人民政府  长期坚持\n"
)


def test_reads_each_row_of_a_space_separated_table_as_a_task() -> None:
    assert parsed_tasks(_SPACED_TABLE) == [
        ("1", ["市市场监管局", "市公安局", "市税务局"], ["市市场监管局"], True),
        ("2", ["市住房城乡建设局", "市自然资源局", "市发展改革委"], ["市住房城乡建设局"], True),
        ("3", ["市政务服务管理局", "各区人民政府"], ["市政务服务管理局"], True),
    ]


def test_a_table_row_gives_its_deadline_and_joins_its_continuation_line() -> None:
    plan = parse_text(_SPACED_TABLE)
    assert [(t.path, t.title, t.deadline) for t in plan.tasks] == [
        ("1", "全面推行企业开办“一网通办”", "2023-06-30"),
        ("2", "推进工程建设项目审批制度改革，审批时间压减至60个工作日以内", "2023-12-31"),
        ("3", "建立健全政务服务“好差评”制度", None),
    ]
    assert [o.path for o in plan.outline] == ["1", "2", "3"]
    assert parsed_targets(_SPACED_TABLE) == [("2", Decimal(60), "个工作日", None)]
    assert plan.title == "某市2023年优化营商环境重点任务分工表"
    assert "未找到编号标题 / no numbered headings found" not in plan.warnings


def test_maps_tab_separated_columns_by_their_header_names() -> None:
    raw = (
        "编号\t工作任务\t牵头部门\t配合单位\t时间节点\n"
        "1\t制定全区数字经济发展规划\t区发展改革局\t区工信局、区财政局\t2024年3月底前\n"
        "2\t建成区级大数据中心\t区大数据局\t\t2024年12月底前\n"
    )
    plan = parse_text(raw)
    assert [(t.path, list(t.units), list(t.lead_units), t.deadline) for t in plan.tasks] == [
        ("1", ["区发展改革局", "区工信局", "区财政局"], ["区发展改革局"], "2024-03-31"),
        ("2", ["区大数据局"], ["区大数据局"], "2024-12-31"),
    ]


def test_a_table_without_a_lead_column_takes_the_first_listed_unit_as_lead() -> None:
    raw = (
        "序号  主要任务  责任单位  完成时间\n"
        "1  开展农村人居环境整治提升行动  县农业农村局、县生态环境分局  2024年底前\n"
        "2  实施农村公路提档升级工程  县交通运输局、各乡镇人民政府  2024年底前\n"
    )
    assert parsed_tasks(raw) == [
        ("1", ["县农业农村局", "县生态环境分局"], ["县农业农村局"], False),
        ("2", ["县交通运输局", "各乡镇人民政府"], ["县交通运输局"], False),
    ]


def test_a_prose_outline_keeps_its_tasks_beside_an_annexed_table() -> None:
    raw = (
        "关于加快推进数字政府建设的实施方案\n"
        "一、总体要求\n坚持统筹规划。\n"
        "二、重点任务\n"
        "（一）完善政务服务平台。推进政务服务事项全程网办。（市政务服务局牵头，市大数据局配合）\n"
        "（二）强化数据共享。建立数据共享目录。（市大数据局负责）\n"
        "\n附件\n\n重点任务分工表\n\n"
        "序号  具体任务  牵头单位  协办单位  完成时限\n"
        "1  编制政务数据资源目录  市大数据局  市直各部门  2023年9月底前\n"
        "2  建设电子证照库，新增电子证照3000个  市政务服务局  市大数据局  2023年底前\n"
    )
    assert parsed_tasks(raw) == [
        ("二/（一）", ["市政务服务局", "市大数据局"], ["市政务服务局"], True),
        ("二/（二）", ["市大数据局"], ["市大数据局"], False),
        ("1", ["市大数据局", "市直各部门"], ["市大数据局"], True),
        ("2", ["市政务服务局", "市大数据局"], ["市政务服务局"], True),
    ]
    assert parsed_targets(raw) == [("2", Decimal(3000), "个", None)]


def test_rows_under_a_group_line_in_the_table_are_its_children() -> None:
    raw = (
        "序号  重点任务  牵头单位  配合单位  完成时限\n"
        "一、提升创新能力\n"
        "1  新建省级以上研发平台10家  市科技局  市工信局  2025年底前\n"
        "2  培育高新技术企业  市科技局  市财政局  持续推进\n"
        "二、壮大产业集群\n"
        "3  推动新能源汽车产业链延链补链  市工信局  市发展改革委  2025年底前\n"
    )
    plan = parse_text(raw)
    assert [o.path for o in plan.outline] == ["一", "一/1", "一/2", "二", "二/3"]
    assert [(t.path, list(t.lead_units)) for t in plan.tasks] == [
        ("一/1", ["市科技局"]),
        ("一/2", ["市科技局"]),
        ("二/3", ["市工信局"]),
    ]
    assert parsed_targets(raw) == [("一/1", Decimal(10), "家", None)]


def test_numbered_lines_without_a_table_header_are_not_rows() -> None:
    raw = "一、主要任务\n（一）推进改革。（市发展改革委负责）\n1  这一行没有表头\n"
    assert parsed_tasks(raw) == [("一/（一）", ["市发展改革委"], ["市发展改革委"], False)]


def test_list_less_prose_items_are_not_tasks_beside_an_annexed_table() -> None:
    raw = (
        "一、主要任务\n（一）推进老旧小区改造。\n（二）完善社区养老服务设施。\n"
        "附件\n"
        "序号\t重点任务\t牵头单位\t参与单位\t完成时限\n"
        "1\t完成老旧小区改造120个\t区住房城乡建设局\t各街道办事处\t2024年底前\n"
    )
    assert parsed_tasks(raw) == [
        ("1", ["区住房城乡建设局", "各街道办事处"], ["区住房城乡建设局"], True)
    ]
    assert parsed_targets(raw) == [("1", Decimal(120), "个", None)]


def test_a_tabbed_cell_with_a_line_break_streams_on_to_the_next_line() -> None:
    raw = (
        "序号\t重点任务\t牵头单位\t协办单位\t完成时限\n"
        "1\t实施城市更新行动，\n改造提升背街小巷30条\t市城管局\t市住建局\t2024年12月\n"
        "2\t开展无障碍环境建设\t市残联\t市民政局\t2024年6月\n"
    )
    plan = parse_text(raw)
    assert [(t.path, t.text, list(t.units), t.deadline) for t in plan.tasks] == [
        ("1", "实施城市更新行动，改造提升背街小巷30条", ["市城管局", "市住建局"], "2024-12-31"),
        ("2", "开展无障碍环境建设", ["市残联", "市民政局"], "2024-06-30"),
    ]
    assert parsed_targets(raw) == [("1", Decimal(30), "条", None)]


def test_rows_of_a_table_inside_an_item_are_its_children() -> None:
    raw = (
        "一、总体要求\n坚持统筹推进。\n二、任务分工\n"
        "序号  重点任务  牵头单位  配合单位  完成时限\n"
        "1 深化营商环境改革  市发展改革委  市财政局  2024年底前\n"
        "2  建设智慧城市  市大数据局  各区人民政府  2025年底前\n"
        "三、保障措施\n加强组织领导。\n"
    )
    assert parsed_tasks(raw) == [
        ("二/1", ["市发展改革委", "市财政局"], ["市发展改革委"], True),
        ("二/2", ["市大数据局", "各区人民政府"], ["市大数据局"], True),
    ]


def test_a_count_of_items_in_a_heading_is_not_a_target() -> None:
    raw = (
        "一、县发展改革局牵头工作（8项）\n1.推进重大项目建设，全年完成投资50亿元以上。\n"
        "二、重点任务（共5条）\n（一）新增城镇就业3000人。\n"
        "三、民生实事（12项）：\n（一）新建幼儿园4所。\n"
    )
    assert parsed_targets(raw) == [
        ("一/1", Decimal(5000000000), "元", None),
        ("二/（一）", Decimal(3000), "人", None),
        ("三/（一）", Decimal(4), "所", None),
    ]


def test_a_count_with_a_multiplier_but_no_measure_word_is_a_target() -> None:
    raw = (
        "一、主要目标\n"
        "（一）到2020年，农村贫困人口减少60万以上。\n"
        "（二）城乡居民免费健康体检人数达1000万以上。\n"
        "（三）全市常住人口控制在1.2亿以内，覆盖人口3000万。\n"
    )
    plan = parse_text(raw)
    assert [(t.task_path, t.value, t.unit, t.comparator, t.year) for t in plan.targets] == [
        ("一/（一）", Decimal(600000), None, ">=", 2020),
        ("一/（二）", Decimal(10000000), None, ">=", None),
        ("一/（三）", Decimal(120000000), None, "<=", None),
    ]
    assert plan.to_dict()["targets"][0]["value"] == 600000


def test_a_multiplied_number_with_a_measure_word_keeps_its_unit() -> None:
    raw = "一、目标\n（一）新增就业岗位5万个以上，旅游收入达到200亿元。\n"
    assert parsed_targets(raw) == [
        ("一/（一）", Decimal(50000), "个", None),
        ("一/（一）", Decimal(20000000000), "元", None),
    ]


def test_reads_a_table_copied_one_cell_to_a_line_with_blank_lines_between() -> None:
    raw = (
        "附件1\n\n某区2024年经济社会发展主要指标任务分解表\n\n"
        "序号\n\n2024年预期目标\n\n责任单位\n\n"
        "1\n\n地区生产总值增长6%左右\n\n区发展改革委\n\n"
        "2\n\n城镇调查失业率控制在5.5%以内\n\n区人力社保局\n"
    )
    assert parsed_tasks(raw) == [
        ("1", ["区发展改革委"], ["区发展改革委"], False),
        ("2", ["区人力社保局"], ["区人力社保局"], False),
    ]


def test_reads_stacked_cells_closed_by_bars_and_a_cell_broken_over_two_lines() -> None:
    raw = (
        "序号 |\n工作任务 |\n分管领导 |\n牵头单位 |\n配合单位 |\n"
        "12 |\n新建城市书房5个,\n改造社区图书室20个。 |\n王某某 |\n县文旅局 |\n各镇人民政府 |\n"
        "13 |\n举办全民阅读活动。 |\n王某某 |\n县文旅局 |\n县教育局 |\n"
    )
    plan = parse_text(raw)
    assert [(t.path, t.text, list(t.units), list(t.lead_units)) for t in plan.tasks] == [
        ("12", "新建城市书房5个,改造社区图书室20个。", ["县文旅局", "各镇人民政府"], ["县文旅局"]),
        ("13", "举办全民阅读活动。", ["县文旅局", "县教育局"], ["县文旅局"]),
    ]
    assert parsed_targets(raw) == [("12", Decimal(5), "个", None), ("12", Decimal(20), "个", None)]


def test_stacked_rows_keep_their_numbers_under_group_lines_even_when_numbers_skip() -> None:
    raw = (
        "序号\n\n重点工作任务\n\n主要责任单位\n\n协同配合单位\n\n"
        "一、主要预期目标\n\n4\n\n新增城镇就业2000人。\n\n区人社局\n\n各街道办事处。\n\n"
        "二、民生事业\n\n三、社会治理\n\n"
        "31\n\n完成老旧小区改造8个。\n\n区住建局\n\n区财政局。\n"
    )
    assert parsed_tasks(raw) == [
        ("一/4", ["区人社局", "各街道办事处"], ["区人社局"], True),
        ("三/31", ["区住建局", "区财政局"], ["区住建局"], True),
    ]


def test_label_lines_parted_by_blank_lines_and_a_leader_line_are_one_list() -> None:
    raw = (
        "一、主要预期目标\n\n1. 城镇新增就业3万人。\n\n牵头责任领导:张某某。\n\n"
        "牵头责任单位:市人社局。\n\n"
        "协同责任单位:市财政局、市教育局,各县、市、区人民政府。\n\n"
        "2. 居民收入稳步增长。\n\n牵头责任单位:市统计局\n\n主要协作单位:市人社局、市农业农村局\n"
    )
    assert parsed_tasks(raw) == [
        (
            "一/1",
            ["市人社局", "市财政局", "市教育局", "各县、市、区人民政府"],
            ["市人社局"],
            True,
        ),
        ("一/2", ["市统计局", "市人社局", "市农业农村局"], ["市统计局"], True),
    ]


def test_a_run_of_regions_after_ge_joins_the_government_closing_it_only() -> None:
    raw = "一、重点任务\n（一）推进改革。（市发改委牵头，各县、市、区人民政府，市财政局配合）\n"
    assert parsed_tasks(raw) == [
        ("一/（一）", ["市发改委", "各县、市、区人民政府", "市财政局"], ["市发改委"], True)
    ]


def test_a_table_title_naming_a_year_and_targets_gives_that_year_to_row_targets() -> None:
    raw = (
        "2023年《政府工作报告》主要目标任务分解表\n"
        "序号  工作任务  牵头单位  配合单位\n"
        "1  新增城镇就业1.2万人以上  县人社局  各乡镇人民政府\n"
        "\n"
        "县政府重点工作分工表\n"
        "序号  工作任务  牵头单位  配合单位\n"
        "1  新建村级养老服务站10个  县民政局  县财政局\n"
    )
    assert parsed_targets(raw) == [
        ("1", Decimal(12000), "人", 2023),
        ("1~2", Decimal(10), "个", None),
    ]

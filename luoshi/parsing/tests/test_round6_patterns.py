"""Patterns found on the sixth blind set of real documents, each in a short synthetic text."""

from decimal import Decimal

from luoshi.parsing.tests.helpers import parsed_targets, parsed_tasks

_RUN_ON_HEADER = (
    "各镇人民政府,市各委办局: 现将2019年政府工作分解为8项工作目标,请认真组织实施. "
    "附件:某市2019年政府工作任务分解表 序号 名称 工作任务 牵头责任单位\n"
    "\n"
    "一、主要预期目标分解(8项)\n"
    "\n"
    "1 地区生产总值增长6.5%以上,服务业增加值占比48%. 发改委\n"
    "\n"
    "2 全社会固定资产投资额300亿元. 发改委、住建局\n"
)


def test_header_closing_a_run_on_notice_line_opens_the_table() -> None:
    assert parsed_tasks(_RUN_ON_HEADER) == [
        ("一/1", ["发改委"], ["发改委"], True),
        ("一/2", ["发改委", "住建局"], ["发改委", "住建局"], True),
    ]


def test_targets_of_a_run_on_header_table_belong_to_its_rows() -> None:
    assert parsed_targets(_RUN_ON_HEADER) == [
        ("一/1", Decimal("6.5"), "%", None),
        ("一/1", Decimal(48), "%", None),
        ("一/2", Decimal(30000000000), "元", None),
    ]


def test_short_row_puts_its_text_in_the_task_column_after_an_empty_name_column() -> None:
    raw = (
        "序号 名称 工作任务 牵头责任单位\n"
        "1 城镇新增就业1.2万人以上. 人社局\n"
        "2 新增规上工业企业30家. 工信局\n"
    )
    assert parsed_tasks(raw) == [
        ("1", ["人社局"], ["人社局"], True),
        ("2", ["工信局"], ["工信局"], True),
    ]


_PADDED_STACKED = (
    "标题: | 某区2024年一季度重点工作完成情况 | ||\n"
    "---|---|---|---|\n"
    "序 号 |\n"
    "年度目标 |\n"
    "第一季度 任务目标 |\n"
    "分管 区领导 |\n"
    "责任单位 |\n"
    "进展情况 |\n"
    "1 |\n"
    "推进高标准农田建设。 |\n"
    "新建高标准农田2万亩。 |\n"
    "王 明 |\n"
    "区农业农村局 区水利局 各镇政府 |\n"
    "截至目前,已完成1.2万亩,占比60%。 |\n"
    "2 |\n"
    "壮大村集体经济。 |\n"
    "集体经济收入超过20万元的村达到40%。 |\n"
    "李华 |\n"
    "区农业农村局 |\n"
    "已完成。 |\n"
)


def test_stacked_table_with_padded_number_cell_reads_rows_not_a_dash_bullet() -> None:
    assert parsed_tasks(_PADDED_STACKED) == [
        ("1", ["区农业农村局", "区水利局", "各镇政府"], ["区农业农村局"], False),
        ("2", ["区农业农村局"], ["区农业农村局"], False),
    ]


def test_period_target_column_is_read_and_progress_column_is_not() -> None:
    assert parsed_targets(_PADDED_STACKED) == [
        ("1", Decimal(20000), "亩", None),
        ("2", Decimal(40), "%", None),
    ]


_BUDGET_CELLS = (
    "某县2024年民生实事项目清单 |\n"
    "序号 |\n"
    "项目名称 |\n"
    "建设地点 |\n"
    "2024年建设内容 |\n"
    "年度投资金额 (万元) |\n"
    "责任单位 |\n"
    "|\n"
    "1 |\n"
    "农村公路提升工程 |\n"
    "相关镇 |\n"
    "改造农村公路45公里。 |\n"
    "200 |\n"
    "县交通局 |\n"
    "|\n"
    "2 |\n"
    "高标准农田建设项目 |\n"
    "东镇 |\n"
    "建设高标准农田1.5万亩,新建机电井12座。 |\n"
    "900 |\n"
    "县农业农村局 |\n"
)


def test_stacked_table_reads_year_named_column_and_number_only_budget_cells() -> None:
    assert parsed_tasks(_BUDGET_CELLS) == [
        ("1", ["县交通局"], ["县交通局"], False),
        ("2", ["县农业农村局"], ["县农业农村局"], False),
    ]
    assert parsed_targets(_BUDGET_CELLS) == [
        ("1", Decimal(45), "公里", None),
        ("2", Decimal(15000), "亩", None),
        ("2", Decimal(12), "座", None),
    ]


def test_dangnian_opening_a_clause_is_a_time_not_a_condition() -> None:
    raw = (
        "一、重点项目建设\n"
        "1.今年全市新开工项目总规模将达500亿元,当年要完成投资200亿元左右。\n"
        "责任单位:市发改委 各县区政府\n"
        "2.当企业年产值超过1亿元时,给予一次性奖励。\n"
        "责任单位:市工信局\n"
    )
    assert parsed_targets(raw) == [
        ("一/1", Decimal(50000000000), "元", None),
        ("一/1", Decimal(20000000000), "元", None),
    ]

from decimal import Decimal

from luoshi.plans.diff import TargetSnapshot, TaskMatch, TaskSnapshot, diff_plans, match_tasks


def task(
    path: str, title: str, units: tuple[str, ...] = ("省甲厅",), text: str = "内容"
) -> TaskSnapshot:
    return TaskSnapshot(path=path, title=title, text=text, units=units, lead_units=units[:1])


def target(
    indicator: str, value: str | None, year: int | None = 2020, path: str = "一"
) -> TargetSnapshot:
    return TargetSnapshot(
        indicator=indicator,
        value=Decimal(value) if value is not None else None,
        unit="个",
        year=year,
        comparator=">=",
        task_path=path,
    )


def test_identical_plans_have_no_changes() -> None:
    old = (task("一/（一）", "加快甲"), task("一/（二）", "推进乙"))
    diff = diff_plans(old, old)
    assert diff.is_empty
    assert diff.tasks_unchanged == old
    assert diff.matches == (
        TaskMatch("一/（一）", "一/（一）", "path"),
        TaskMatch("一/（二）", "一/（二）", "path"),
    )


def test_reports_added_and_removed_tasks() -> None:
    old = (task("一/（一）", "加快甲"), task("一/（二）", "推进乙"))
    new = (task("一/（一）", "加快甲"), task("一/（三）", "全新的丙项工作"))
    diff = diff_plans(old, new)
    assert [t.path for t in diff.tasks_added] == ["一/（三）"]
    assert [t.path for t in diff.tasks_removed] == ["一/（二）"]
    assert diff.tasks_changed == ()


def test_matches_renumbered_task_by_title_similarity() -> None:
    old = (task("一/（一）", "加快推进信息基础设施建设"), task("一/（二）", "持续推动网络提速降费"))
    new = (
        task("一/（一）", "新增一项完全不同的工作"),
        task("一/（二）", "加快推进信息基础设施建设"),
        task("一/（三）", "持续推动网络提速降费工作"),
    )
    # A new task inserted first shifts the others down: they follow their titles.
    assert match_tasks(old, new) == (
        TaskMatch("一/（一）", "一/（二）", "title"),
        TaskMatch("一/（二）", "一/（三）", "title"),
    )


def test_same_path_with_rewritten_title_keeps_its_row() -> None:
    old = (task("一/（一）", "加快推进信息基础设施建设"),)
    new = (task("一/（一）", "统筹推进新型基础设施"),)
    diff = diff_plans(old, new)
    assert diff.matches == (TaskMatch("一/（一）", "一/（一）", "path"),)
    (change,) = diff.tasks_changed
    assert change.is_title_changed


def test_title_match_when_paths_disappear() -> None:
    old = (task("二/（三）", "持续推动网络提速降费"),)
    new = (task("三/（一）", "持续推动网络提速降费"), task("三/（二）", "别的事项"))
    diff = diff_plans(old, new)
    assert diff.matches == (TaskMatch("二/（三）", "三/（一）", "title"),)
    (change,) = diff.tasks_changed
    assert change.is_path_changed
    assert not change.is_title_changed
    assert [t.path for t in diff.tasks_added] == ["三/（二）"]
    assert diff.tasks_removed == ()


def test_dissimilar_titles_at_different_paths_do_not_match() -> None:
    old = (task("一", "加快推进信息基础设施建设"),)
    new = (task("二", "切实维护用户合法权益"),)
    diff = diff_plans(old, new)
    assert diff.matches == ()
    assert len(diff.tasks_added) == 1
    assert len(diff.tasks_removed) == 1


def test_reports_text_and_unit_changes() -> None:
    old = (task("一", "甲", ("省甲厅", "省乙厅")),)
    new = (
        TaskSnapshot(
            path="一",
            title="甲",
            text="新的内容",
            units=("省丙厅", "省甲厅"),
            lead_units=("省丙厅",),
        ),
    )
    (change,) = diff_plans(old, new).tasks_changed
    assert change.is_text_changed
    assert change.units_added == ("省丙厅",)
    assert change.units_removed == ("省乙厅",)
    assert change.is_lead_changed
    assert change.is_units_changed


def test_unit_order_alone_is_not_a_change_of_units() -> None:
    old = (task("一", "甲", ("省甲厅", "省乙厅")),)
    new = (
        TaskSnapshot(
            path="一", title="甲", text="内容", units=("省乙厅", "省甲厅"), lead_units=("省甲厅",)
        ),
    )
    diff = diff_plans(old, new)
    assert diff.tasks_changed == ()
    assert diff.tasks_unchanged == new


def test_target_changes_follow_renumbered_tasks() -> None:
    old_tasks = (task("二/（三）", "持续推动网络提速降费"),)
    new_tasks = (task("三/（一）", "持续推动网络提速降费"),)
    diff = diff_plans(
        old_tasks,
        new_tasks,
        (
            target("4G基站总数", "60000", path="二/（三）"),
            target("光缆长度", "1", path="二/（三）"),
        ),
        (target("4G基站总数", "70000", path="三/（一）"), target("新指标", "5", path="三/（一）")),
    )
    (change,) = diff.targets_changed
    assert (change.old.value, change.new.value) == (Decimal(60000), Decimal(70000))
    assert [t.indicator for t in diff.targets_added] == ["新指标"]
    assert [t.indicator for t in diff.targets_removed] == ["光缆长度"]
    assert diff.target_change_count == 3


def test_equal_targets_are_not_changes() -> None:
    diff = diff_plans((), (), (target("甲", "1.50"),), (target("甲", "1.50"),))
    assert diff.targets_changed == ()
    assert diff.is_empty

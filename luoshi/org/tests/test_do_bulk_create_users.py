from io import BytesIO

import pytest
from django.http import Http404
from openpyxl import Workbook, load_workbook

from luoshi.org.actions import do_bulk_create_users
from luoshi.org.models import AuditEvent, UnitAlias, User
from luoshi.org.tests.conftest import make_unit, make_user
from luoshi.org.workbooks import BulkError, build_user_import_template

pytestmark = pytest.mark.django_db

HEADER = ["用户名", "姓名", "角色", "单位", "邮箱", "手机"]


def workbook(*rows: list[object], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def test_creates_every_row_resolving_units_by_alias(office: User) -> None:
    unit = make_unit("省发展改革委")
    UnitAlias.objects.create(unit=unit, alias="省发改委")
    data = workbook(
        ["zhangsan", "张三", "填报人", "省发改委", "z@example.gov.cn", 13800000000],
        [],
        ["lisi", "李四", "leader", None, None, None],
    )
    result = do_bulk_create_users(workbook_bytes=data, acting_user=office)
    assert result.errors == []
    assert [
        (u.username, u.display_name, u.role, u.unit, u.email, u.phone) for u in result.created
    ] == [
        ("zhangsan", "张三", "reporter", unit, "z@example.gov.cn", "13800000000"),
        ("lisi", "李四", "leader", None, "", ""),
    ]
    assert AuditEvent.objects.filter(action="org.user.create", actor=office).count() == 2


def test_one_bad_row_creates_nothing_and_every_error_names_row_and_column(office: User) -> None:
    make_unit("省财政厅")
    make_user("taken", role="leader")
    data = workbook(
        ["ok", "好", "填报人", "省财政厅", "", ""],
        ["taken", "", "管理员", "省不存在厅", "bad-mail", ""],
        ["ok", "重复", "单位负责人", "", "", ""],
    )
    result = do_bulk_create_users(workbook_bytes=data, acting_user=office)
    assert result.created == []
    assert result.errors == [
        BulkError(3, "用户名", "“taken”已有账号。"),
        BulkError(3, "姓名", "不能为空。"),
        BulkError(3, "角色", "无法识别“管理员”，应为 督查办、填报人、单位负责人、领导 之一。"),
        BulkError(3, "单位", "单位名录中没有“省不存在厅”，请核对名称或先在单位名录中添加。"),
        BulkError(3, "邮箱", "“bad-mail”不是有效的邮箱地址。"),
        BulkError(4, "用户名", "“ok”与第 2 行重复。"),
        BulkError(4, "单位", "填报人和单位负责人必须填写单位。"),
    ]
    assert str(result.errors[0]) == "第 3 行“用户名”列：“taken”已有账号。"
    assert sorted(User.objects.values_list("username", flat=True)) == ["office", "taken"]
    assert AuditEvent.objects.count() == 0


def test_missing_column_is_reported_on_row_one(office: User) -> None:
    data = workbook(["a", "甲", "领导"], header=["用户名", "姓名", "角色"])
    result = do_bulk_create_users(workbook_bytes=data, acting_user=office)
    assert result.errors == [BulkError(1, "单位", "缺少“单位”列，请使用下载的模板。")]


def test_not_a_workbook_is_reported(office: User) -> None:
    result = do_bulk_create_users(workbook_bytes=b"name,role\n", acting_user=office)
    assert result.errors == [
        BulkError(0, "", "不是有效的 Excel 工作簿（.xlsx），请使用下载的模板。")
    ]
    assert str(result.errors[0]) == "文件：不是有效的 Excel 工作簿（.xlsx），请使用下载的模板。"


def test_reporter_is_refused(reporter: User) -> None:
    with pytest.raises(Http404):
        do_bulk_create_users(
            workbook_bytes=workbook(["a", "甲", "领导", "", "", ""]), acting_user=reporter
        )
    assert not User.objects.filter(username="a").exists()


def test_template_round_trips_through_the_import(office: User) -> None:
    make_unit("省发展改革委")
    data = build_user_import_template()
    book = load_workbook(BytesIO(data))
    assert book.sheetnames == ["用户", "说明"]
    assert [c.value for c in book["用户"][1]] == HEADER
    result = do_bulk_create_users(workbook_bytes=data, acting_user=office)
    assert [(u.username, u.unit.name if u.unit else None) for u in result.created] == [
        ("zhangsan", "省发展改革委")
    ]

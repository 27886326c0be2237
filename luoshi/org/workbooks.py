"""The user-import workbook: the downloadable template and reading its rows."""

from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

COLUMNS = ["用户名", "姓名", "角色", "单位", "邮箱", "手机"]
REQUIRED_COLUMNS = ["用户名", "姓名", "角色", "单位"]
ROLE_NAMES = {"督查办": "office", "填报人": "reporter", "单位负责人": "unit_head", "领导": "leader"}
MAX_ROWS = 5000


@dataclass(frozen=True)
class BulkError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("第 %(row)s 行") % {"row": self.row} if self.row else _("文件")
        if self.column:
            where += _("“%(column)s”列") % {"column": self.column}
        return f"{where}：{self.message}"


@dataclass(frozen=True)
class UserRow:
    row: int
    username: str
    display_name: str
    role: str
    unit: str
    email: str
    phone: str


def build_user_import_template() -> bytes:
    """Return an .xlsx with the import columns, one example row and a sheet of notes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "用户"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(["zhangsan", "张三", "填报人", "省发展改革委", "zhangsan@example.gov.cn", ""])
    for letter, width in zip("ABCDEF", [16, 12, 12, 24, 28, 16], strict=True):
        sheet.column_dimensions[letter].width = width
    notes = book.create_sheet("说明")
    for line in [
        ["列", "说明"],
        ["用户名", "必填；字母、数字和 @ . + - _，不能与已有账号重复"],
        ["姓名", "必填"],
        [
            "角色",
            "必填；督查办、填报人、单位负责人、领导（或 office、reporter、unit_head、leader）",
        ],
        ["单位", "填报人和单位负责人必填；填写单位名录中的名称或别名，如“省发展改革委”"],
        ["邮箱", "选填；填写后系统发送设置密码的邀请邮件"],
        ["手机", "选填"],
        ["", "任一行有错误时不会创建任何账号；请按错误提示修改后重新上传。"],
    ]:
        notes.append(line)
    notes.column_dimensions["A"].width = 10
    notes.column_dimensions["B"].width = 80
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_user_rows(data: bytes) -> tuple[list[UserRow], list[BulkError]]:
    """Return the non-blank rows of an import workbook, or the errors that stop reading it."""
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return [], [BulkError(0, "", _("不是有效的 Excel 工作簿（.xlsx），请使用下载的模板。"))]
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, ())]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [
            BulkError(1, c, _("缺少“%(column)s”列，请使用下载的模板。") % {"column": c})
            for c in missing
        ]
    index = {name: header.index(name) for name in COLUMNS if name in header}
    out: list[UserRow] = []
    for number, values in enumerate(rows, start=2):
        cells = [_text(v) for v in values]
        if not any(cells):
            continue
        if len(out) >= MAX_ROWS:
            return [], [BulkError(number, "", _("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})]

        def cell(name: str, cells: list[str] = cells) -> str:
            position = index.get(name)
            return cells[position] if position is not None and position < len(cells) else ""

        out.append(
            UserRow(
                row=number,
                username=cell("用户名"),
                display_name=cell("姓名"),
                role=cell("角色"),
                unit=cell("单位"),
                email=cell("邮箱"),
                phone=cell("手机"),
            )
        )
    book.close()
    if not out:
        return [], [BulkError(2, "", _("工作簿里没有数据行。"))]
    return out, []

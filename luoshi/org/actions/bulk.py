"""Create many accounts from one Excel workbook, all or nothing."""

from dataclasses import dataclass, field

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi.org.actions.users import UNIT_BOUND_ROLES, do_create_user
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_office
from luoshi.org.queries import match_unit_name
from luoshi.org.workbooks import ROLE_NAMES, BulkError, UserRow, read_user_rows


@dataclass(frozen=True)
class BulkResult:
    created: list[User] = field(default_factory=list)
    errors: list[BulkError] = field(default_factory=list)

    @property
    def is_ok(self) -> bool:
        return not self.errors


def _role_code(text: str) -> str | None:
    if text in User.Role.values:
        return text
    if text in ROLE_NAMES:
        return ROLE_NAMES[text]
    for value, label in User.Role.choices:
        if text == str(label):
            return str(value)
    return None


def _check_row(
    row: UserRow, seen: dict[str, int]
) -> tuple[list[BulkError], str | None, Unit | None]:
    errors: list[BulkError] = []

    def err(column: str, message: str) -> None:
        errors.append(BulkError(row.row, column, message))

    if not row.username:
        err("用户名", _("不能为空。"))
    else:
        try:
            UnicodeUsernameValidator()(row.username)
        except ValidationError:
            err(
                "用户名",
                _("“%(u)s”含有不允许的字符（只能用字母、数字和 @/./+/-/_）。")
                % {"u": row.username},
            )
        key = row.username.lower()
        if key in seen:
            err("用户名", _("“%(u)s”与第 %(r)s 行重复。") % {"u": row.username, "r": seen[key]})
        else:
            seen[key] = row.row
        if User.objects.filter(username__iexact=row.username).exists():
            err("用户名", _("“%(u)s”已有账号。") % {"u": row.username})
    if not row.display_name:
        err("姓名", _("不能为空。"))
    role = _role_code(row.role)
    if not row.role:
        err("角色", _("不能为空。"))
    elif role is None:
        err(
            "角色",
            _("无法识别“%(r)s”，应为 督查办、填报人、单位负责人、领导 之一。") % {"r": row.role},
        )
    unit: Unit | None = None
    if row.unit:
        unit = match_unit_name(row.unit)
        if unit is None:
            err(
                "单位",
                _("单位名录中没有“%(u)s”，请核对名称或先在单位名录中添加。") % {"u": row.unit},
            )
    elif role in UNIT_BOUND_ROLES:
        err("单位", _("填报人和单位负责人必须填写单位。"))
    if row.email:
        try:
            validate_email(row.email)
        except ValidationError:
            err("邮箱", _("“%(e)s”不是有效的邮箱地址。") % {"e": row.email})
    if len(row.phone) > 32:
        err("手机", _("最多 32 个字符。"))
    if len(row.display_name) > 64:
        err("姓名", _("最多 64 个字符。"))
    return errors, role, unit


@transaction.atomic
def do_bulk_create_users(*, workbook_bytes: bytes, acting_user: User) -> BulkResult:
    """Create one account per workbook row; any bad row means none is created."""
    check_office(acting_user)
    rows, errors = read_user_rows(workbook_bytes)
    if errors:
        return BulkResult(errors=errors)
    seen: dict[str, int] = {}
    checked: list[tuple[UserRow, str, Unit | None]] = []
    for row in rows:
        row_errors, role, unit = _check_row(row, seen)
        errors.extend(row_errors)
        if not row_errors and role is not None:
            checked.append((row, role, unit))
    if errors:
        return BulkResult(errors=errors)
    created = [
        do_create_user(
            username=row.username,
            password=None,
            role=role,
            unit=unit,
            display_name=row.display_name,
            email=row.email,
            phone=row.phone,
            acting_user=acting_user,
        )
        for row, role, unit in checked
    ]
    return BulkResult(created=created)

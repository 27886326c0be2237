"""Writes to accounts: create, update, deactivate, invite."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event, snapshot
from luoshi.org.models import Unit, User
from luoshi.org.permissions import check_office

USER_FIELDS = ["username", "display_name", "role", "unit", "email", "phone", "is_active"]
UNIT_BOUND_ROLES = {User.Role.REPORTER, User.Role.UNIT_HEAD}


def invitation_url(user: User) -> str:
    """Return the absolute set-password link for an invited account."""
    path = reverse(
        "org:invite_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    base = settings.SITE_URL
    return f"{base}{path}"


def send_invitation(user: User) -> None:
    """E-mail the account its set-password link."""
    body = _(
        "%(name)s，您好：\n\n您已被添加为“落实”督查督办平台的用户（用户名：%(username)s）。"
        "请打开以下链接设置密码：\n%(url)s\n\n链接在 %(days)s 天内有效。"
    ) % {
        "name": user.display_name or user.username,
        "username": user.username,
        "url": invitation_url(user),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    send_mail(_("落实平台账号邀请"), body, None, [user.email])


def _check_role_and_unit(role: str, unit: Unit | None) -> None:
    if role not in User.Role.values:
        raise ValidationError({"role": _("未知的角色“%(role)s”。") % {"role": role}})
    if role in UNIT_BOUND_ROLES and unit is None:
        raise ValidationError({"unit": _("填报人和单位负责人必须属于一个单位。")})


def _check_email(email: str) -> None:
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"email": _("“%(email)s”不是有效的邮箱地址。") % {"email": email}}
            ) from None


@transaction.atomic
def do_create_user(
    *,
    username: str,
    password: str | None,
    role: str,
    unit: Unit | None,
    display_name: str = "",
    email: str = "",
    phone: str = "",
    acting_user: User | None,
) -> User:
    """Create an account; without a password it gets an unusable one and an e-mailed invite."""
    # acting_user None is system set-up (loaders, the default program), never a request.
    if acting_user is not None:
        check_office(acting_user)
    username = username.strip()
    email = email.strip()
    if not username:
        raise ValidationError({"username": _("用户名不能为空。")})
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ValidationError(
            {"username": _("用户名只能包含字母、数字和 @/./+/-/_ 字符。")}
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("用户名“%(u)s”已被使用。") % {"u": username}})
    _check_role_and_unit(role, unit)
    _check_email(email)
    user = User(
        username=username,
        role=role,
        unit=unit,
        display_name=display_name.strip(),
        email=email,
        phone=phone.strip(),
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    user.save()
    record_event(
        actor=acting_user, action="org.user.create", obj=user, new=snapshot(user, USER_FIELDS)
    )
    if password is None and email:
        transaction.on_commit(lambda: send_invitation(user))
    return user


@transaction.atomic
def do_update_user(
    user: User,
    *,
    display_name: str,
    email: str,
    phone: str,
    role: str,
    unit: Unit | None,
    acting_user: User,
) -> User:
    """Change an account's name, contact details, role and unit."""
    check_office(acting_user)
    email = email.strip()
    _check_role_and_unit(role, unit)
    _check_email(email)
    if user.pk == acting_user.pk and role != user.role:
        raise ValidationError({"role": _("不能修改自己的角色。")})
    user = User.objects.select_for_update().get(pk=user.pk)
    fields = ["display_name", "email", "phone", "role", "unit"]
    before = snapshot(user, fields)
    user.display_name, user.email, user.phone = display_name.strip(), email, phone.strip()
    user.role, user.unit = role, unit
    after = snapshot(user, fields)
    changed = [f for f in fields if before[f] != after[f]]
    if changed:
        user.save()
        record_event(
            actor=acting_user,
            action="org.user.update",
            obj=user,
            old={f: before[f] for f in changed},
            new={f: after[f] for f in changed},
        )
    return user


@transaction.atomic
def do_deactivate_user(user: User, *, acting_user: User) -> User:
    """Stop an account from signing in; its history and reports stay."""
    check_office(acting_user)
    if user.pk == acting_user.pk:
        raise ValidationError(_("不能停用自己的账号。"))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    record_event(
        actor=acting_user,
        action="org.user.deactivate",
        obj=user,
        old={"is_active": True},
        new={"is_active": False},
    )
    return user


@transaction.atomic
def do_invite_users_for_unit(
    *, unit: Unit, emails: Iterable[str], role: str, acting_user: User
) -> list[User]:
    """Create accounts for a unit's people by e-mail and send each an invitation."""
    check_office(acting_user)
    addresses: list[str] = []
    for raw in emails:
        email = raw.strip().lower()
        if email and email not in addresses:
            addresses.append(email)
    if not addresses:
        raise ValidationError({"emails": _("请至少填写一个邮箱地址。")})
    errors: list[str] = []
    for email in addresses:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("“%(email)s”不是有效的邮箱地址。") % {"email": email})
            continue
        if User.objects.filter(username__iexact=email).exists():
            errors.append(_("“%(email)s”已有账号。") % {"email": email})
    if errors:
        raise ValidationError({"emails": errors})
    users = [
        do_create_user(
            username=email,
            password=None,
            role=role,
            unit=unit,
            email=email,
            acting_user=acting_user,
        )
        for email in addresses
    ]
    record_event(
        actor=acting_user,
        action="org.unit.invite",
        obj=unit,
        new={"emails": addresses, "role": role, "users": [u.pk for u in users]},
    )
    return users

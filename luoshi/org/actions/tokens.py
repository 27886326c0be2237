"""Writes to API tokens: create (the secret is shown once) and revoke."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.org.audit import record_event
from luoshi.org.models import ApiToken, User
from luoshi.org.permissions import check_signed_in
from luoshi.org.queries import hash_token

TOKEN_PREFIX = "ls_"  # noqa: S105 -- a public marker, not a secret
PREFIX_LENGTH = 10


def _check_may_manage(user: User, acting_user: User) -> None:
    check_signed_in(acting_user)
    if acting_user.pk != user.pk and not acting_user.is_office:
        raise Http404


@transaction.atomic
def do_create_api_token(*, user: User, name: str, acting_user: User) -> tuple[ApiToken, str]:
    """Create an API token for user; return it and its secret, which is never stored."""
    _check_may_manage(user, acting_user)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写令牌名称，例如“数据报送脚本”。")})
    if len(name) > 64:
        raise ValidationError({"name": _("令牌名称最多 64 个字符。")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:PREFIX_LENGTH], key_hash=hash_token(raw)
    )
    record_event(
        actor=acting_user,
        action="org.token.create",
        obj=token,
        new={"user": user.pk, "name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user: User) -> ApiToken:
    """Revoke an API token so it no longer authenticates."""
    _check_may_manage(token.user, acting_user)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        actor=acting_user,
        action="org.token.revoke",
        obj=token,
        old={"revoked_at": None},
        new={"revoked_at": token.revoked_at},
    )
    return token

"""Every write to org: units, aliases, merges, successions, accounts, invitations, tokens."""

from luoshi.org.actions.bulk import BulkResult, do_bulk_create_users
from luoshi.org.actions.tokens import do_create_api_token, do_revoke_api_token
from luoshi.org.actions.units import (
    do_add_unit_alias,
    do_create_unit,
    do_merge_units,
    do_record_succession,
    do_remove_unit_alias,
    do_update_unit,
)
from luoshi.org.actions.users import (
    do_create_user,
    do_deactivate_user,
    do_invite_users_for_unit,
    do_update_user,
    send_invitation,
)

__all__ = [
    "BulkResult",
    "do_add_unit_alias",
    "do_bulk_create_users",
    "do_create_api_token",
    "do_create_unit",
    "do_create_user",
    "do_deactivate_user",
    "do_invite_users_for_unit",
    "do_merge_units",
    "do_record_succession",
    "do_remove_unit_alias",
    "do_revoke_api_token",
    "do_update_unit",
    "do_update_user",
    "send_invitation",
]

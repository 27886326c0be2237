"""Reads: unit matching, and user-scoped lists and lookups of units, regions, users, events."""

import hashlib
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher

from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from luoshi.org.models import ApiToken, AuditEvent, Region, Unit, UnitAlias, User
from luoshi.org.names import normalize_unit_name
from luoshi.org.permissions import is_signed_in

__all__ = [
    "access_region",
    "access_unit",
    "access_user",
    "authenticate_token",
    "history_for",
    "list_audit_events",
    "list_regions",
    "list_units",
    "list_users",
    "match_unit_name",
    "normalize_unit_name",
    "suggest_units",
]

# A token's last_used_at is written at most this often, so busy clients cost no extra writes.
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
# Below this score a registry name is too unlike the unknown name to be worth offering.
SUGGESTION_THRESHOLD = 0.5


def match_unit_name(name: str) -> Unit | None:
    """Return the unit whose canonical name or alias equals name once normalised."""
    key = normalize_unit_name(name)
    if not key:
        return None
    unit = Unit.objects.filter(name_key=key).first()
    if unit is not None:
        return unit
    alias = UnitAlias.objects.select_related("unit").filter(alias_key=key).first()
    return alias.unit if alias is not None else None


def _similarity(key: str, candidate: str) -> float:
    ratio = SequenceMatcher(None, key, candidate).ratio()
    if key and candidate and (key in candidate or candidate in key):
        shorter, longer = sorted((len(key), len(candidate)))
        # Containment (省工信 in 省工信委) is strong evidence even when lengths differ.
        ratio = max(ratio, 0.6 + 0.4 * shorter / longer)
    return ratio


def suggest_units(name: str, limit: int = 5) -> list[Unit]:
    """Return the registry units whose names or aliases best resemble an unknown name."""
    key = normalize_unit_name(name)
    if not key or limit <= 0:
        return []
    scores: dict[int, float] = {}
    candidates = [
        *Unit.objects.values_list("id", "name_key"),
        *UnitAlias.objects.values_list("unit_id", "alias_key"),
    ]
    for unit_id, candidate in candidates:
        score = _similarity(key, candidate)
        if score >= SUGGESTION_THRESHOLD and score > scores.get(unit_id, 0.0):
            scores[unit_id] = score
    units = Unit.objects.in_bulk(list(scores))
    ranked = sorted(units.values(), key=lambda unit: (-scores[unit.pk], unit.name))
    return ranked[:limit]


def list_units(user: User) -> QuerySet[Unit]:
    """Return the units the user may read: every unit for a signed-in user."""
    if not is_signed_in(user):
        return Unit.objects.none()
    return Unit.objects.select_related("region", "successor")


def access_unit(user: User, unit_id: int) -> Unit:
    """Return the unit, or raise Http404 when it is missing or the user may not read it."""
    try:
        return list_units(user).get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None


def list_regions(user: User) -> QuerySet[Region]:
    """Return the regions the user may read: every region for a signed-in user."""
    if not is_signed_in(user):
        return Region.objects.none()
    return Region.objects.select_related("parent")


def access_region(user: User, code: str) -> Region:
    """Return the region with this code, or raise Http404."""
    try:
        return list_regions(user).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None


def list_users(user: User) -> QuerySet[User]:
    """Return the accounts the user may see: all for the office, otherwise only its own."""
    if not is_signed_in(user):
        return User.objects.none()
    users = User.objects.select_related("unit")
    if user.is_office:
        return users
    return users.filter(pk=user.pk)


def access_user(user: User, user_id: int) -> User:
    """Return the account, or raise Http404 when it is missing or not visible to the user."""
    try:
        return list_users(user).get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


def _start_of(day: date | datetime) -> datetime:
    if isinstance(day, datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def list_audit_events(
    user: User,
    *,
    object_type: str | None = None,
    object_id: str | int | None = None,
    actor_id: int | None = None,
    action: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Return the audit events the user may read, filtered; a date `until` includes that day."""
    if not is_signed_in(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor")
    if not user.reads_everything:
        events = events.filter(actor=user)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id is not None:
        events = events.filter(object_id=str(object_id))
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(action=action)
    if since is not None:
        events = events.filter(created_at__gte=_start_of(since))
    if until is not None:
        if isinstance(until, datetime):
            events = events.filter(created_at__lte=_start_of(until))
        else:
            events = events.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    return events


def history_for(obj: models.Model) -> QuerySet[AuditEvent]:
    """Return the audit events about one object, newest first."""
    return AuditEvent.objects.select_related("actor").filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )


def hash_token(raw: str) -> str:
    """Return the stored form of a token secret."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def authenticate_token(raw: str) -> User | None:
    """Return the active user of a live API token secret, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

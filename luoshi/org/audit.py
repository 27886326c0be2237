"""Write audit events; every action calls record_event inside its transaction."""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from luoshi.org.middleware import current_request_id
from luoshi.org.models import AuditEvent, User


def jsonable(value: Any) -> Any:
    """Return a value that JSONField stores without loss of meaning."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """Return the named field values of a row, ready for an audit event."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = jsonable(getattr(obj, attname))
    return out


def record_event(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event for a change to obj."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        old_values=jsonable(dict(old or {})),
        new_values=jsonable(dict(new or {})),
        request_id=current_request_id.get(),
    )

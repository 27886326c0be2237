"""Regions, units, users, audit events and personal API tokens."""

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from luoshi.api.auth import request_user
from luoshi.api.pagination import Page
from luoshi.org import actions, queries
from luoshi.org.models import ApiToken, AuditEvent, Region, Unit, User

router = Router()


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None = Field(None, alias="parent.code")
    population: int | None


class UnitOut(Schema):
    id: int
    name: str
    full_name: str
    kind: str
    region_code: str | None = Field(None, alias="region.code")
    successor_id: int | None
    is_active: bool
    aliases: list[str]
    member_ids: list[int]

    @staticmethod
    def resolve_aliases(obj: Unit) -> list[str]:
        return [a.alias for a in obj.aliases.all()]

    @staticmethod
    def resolve_member_ids(obj: Unit) -> list[int]:
        return [m.pk for m in obj.members.all()]


class UnitIn(Schema):
    name: str
    kind: str = Unit.Kind.DEPARTMENT
    full_name: str = ""
    region_code: str | None = None


class AliasIn(Schema):
    alias: str
    kind: str = "short"


class MergeIn(Schema):
    duplicate_id: int


class SuccessionIn(Schema):
    successor_id: int
    succeeded_on: date | None = None


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: str
    unit_id: int | None
    is_active: bool


class UserIn(Schema):
    username: str
    password: str | None = None
    role: str
    unit_id: int | None = None
    display_name: str = ""
    email: str = ""
    phone: str = ""


class UserPatch(Schema):
    display_name: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None
    unit_id: int | None = None


class AuditEventOut(Schema):
    id: int
    actor_id: int | None
    actor: str | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    old_values: dict[str, object]
    new_values: dict[str, object]
    request_id: str
    created_at: datetime

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str | None:
        return str(obj.actor) if obj.actor is not None else None


class AuditFilter(Schema):
    object_type: str | None = None
    object_id: str | None = None
    actor_id: int | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    secret: str = Field(description="只显示一次 / shown once")


class TokenIn(Schema):
    name: str


def _region(user: User, code: str | None) -> Region | None:
    return queries.access_region(user, code) if code else None


def _unit(user: User, unit_id: int | None) -> Unit | None:
    return queries.access_unit(user, unit_id) if unit_id is not None else None


@router.get("/regions", response=list[RegionOut], tags=["regions"])
@paginate(Page)
def list_regions(
    request: HttpRequest, level: str | None = None, parent: str | None = None
) -> QuerySet[Region]:
    """List regions (省、市州、县区), filtered by level or parent code."""
    regions = queries.list_regions(request_user(request))
    if level:
        regions = regions.filter(level=level)
    if parent:
        regions = regions.filter(parent__code=parent)
    return regions


@router.get("/regions/{code}", response=RegionOut, tags=["regions"])
def get_region(request: HttpRequest, code: str) -> Region:
    """Read one region by its division code."""
    return queries.access_region(request_user(request), code)


def _units(user: User) -> QuerySet[Unit]:
    return queries.list_units(user).prefetch_related("aliases", "members")


@router.get("/units", response=list[UnitOut], tags=["units"])
@paginate(Page)
def list_units(
    request: HttpRequest, q: str | None = None, kind: str | None = None, region: str | None = None
) -> QuerySet[Unit]:
    """List units of the registry; search by name or alias."""
    units = _units(request_user(request))
    if q:
        units = units.filter(
            Q(name__icontains=q) | Q(full_name__icontains=q) | Q(aliases__alias__icontains=q)
        ).distinct()
    if kind:
        units = units.filter(kind=kind)
    if region:
        units = units.filter(region__code=region)
    return units


@router.get("/units/{unit_id}", response=UnitOut, tags=["units"])
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    """Read one unit with its aliases and members."""
    user = request_user(request)
    queries.access_unit(user, unit_id)
    return _units(user).get(pk=unit_id)


@router.post("/units", response={201: UnitOut}, tags=["units"])
def create_unit(request: HttpRequest, payload: UnitIn) -> Status[Unit]:
    """Add a unit to the registry (office)."""
    user = request_user(request)
    unit = actions.do_create_unit(
        name=payload.name,
        kind=payload.kind,
        full_name=payload.full_name,
        region=_region(user, payload.region_code),
        acting_user=user,
    )
    return Status(201, _units(user).get(pk=unit.pk))


@router.patch("/units/{unit_id}", response=UnitOut, tags=["units"])
def update_unit(request: HttpRequest, unit_id: int, payload: UnitIn) -> Unit:
    """Change a unit's name, full name, kind and region (office)."""
    user = request_user(request)
    unit = queries.access_unit(user, unit_id)
    actions.do_update_unit(
        unit,
        name=payload.name,
        full_name=payload.full_name,
        kind=payload.kind,
        region=_region(user, payload.region_code),
        acting_user=user,
    )
    return _units(user).get(pk=unit.pk)


@router.post("/units/{unit_id}/aliases", response={201: UnitOut}, tags=["units"])
def add_alias(request: HttpRequest, unit_id: int, payload: AliasIn) -> Status[Unit]:
    """Give a unit another name (office)."""
    user = request_user(request)
    unit = queries.access_unit(user, unit_id)
    actions.do_add_unit_alias(unit, alias=payload.alias, kind=payload.kind, acting_user=user)
    return Status(201, _units(user).get(pk=unit.pk))


@router.post("/units/{unit_id}/merge", response=UnitOut, tags=["units"])
def merge_unit(request: HttpRequest, unit_id: int, payload: MergeIn) -> Unit:
    """Merge a duplicate unit into this one (office)."""
    user = request_user(request)
    keep = queries.access_unit(user, unit_id)
    duplicate = queries.access_unit(user, payload.duplicate_id)
    actions.do_merge_units(keep=keep, duplicate=duplicate, acting_user=user)
    return _units(user).get(pk=keep.pk)


@router.post("/units/{unit_id}/succession", response=UnitOut, tags=["units"])
def record_succession(request: HttpRequest, unit_id: int, payload: SuccessionIn) -> Unit:
    """Record that a unit was succeeded by another after a reform (office)."""
    user = request_user(request)
    predecessor = queries.access_unit(user, unit_id)
    successor = queries.access_unit(user, payload.successor_id)
    actions.do_record_succession(
        predecessor=predecessor,
        successor=successor,
        succeeded_on=payload.succeeded_on,
        acting_user=user,
    )
    return _units(user).get(pk=predecessor.pk)


@router.get("/users", response=list[UserOut], tags=["users"])
@paginate(Page)
def list_users(
    request: HttpRequest, role: str | None = None, unit_id: int | None = None
) -> QuerySet[User]:
    """List accounts: all for the office, only your own otherwise."""
    users = queries.list_users(request_user(request)).order_by("username")
    if role:
        users = users.filter(role=role)
    if unit_id is not None:
        users = users.filter(unit_id=unit_id)
    return users


@router.get("/users/me", response=UserOut, tags=["users"])
def get_me(request: HttpRequest) -> User:
    """Read the signed-in account."""
    return request_user(request)


@router.get("/users/{user_id}", response=UserOut, tags=["users"])
def get_user(request: HttpRequest, user_id: int) -> User:
    """Read one account."""
    return queries.access_user(request_user(request), user_id)


@router.post("/users", response={201: UserOut}, tags=["users"])
def create_user(request: HttpRequest, payload: UserIn) -> Status[User]:
    """Create an account (office); without a password the person is invited by e-mail."""
    user = request_user(request)
    created = actions.do_create_user(
        username=payload.username,
        password=payload.password,
        role=payload.role,
        unit=_unit(user, payload.unit_id),
        display_name=payload.display_name,
        email=payload.email,
        phone=payload.phone,
        acting_user=user,
    )
    return Status(201, created)


@router.patch("/users/{user_id}", response=UserOut, tags=["users"])
def update_user(request: HttpRequest, user_id: int, payload: UserPatch) -> User:
    """Change an account's details, role or unit (office)."""
    user = request_user(request)
    target = queries.access_user(user, user_id)
    fields = payload.dict(exclude_unset=True)
    unit = _unit(user, fields["unit_id"]) if "unit_id" in fields else target.unit
    return actions.do_update_user(
        target,
        display_name=fields.get("display_name") or target.display_name,
        email=fields["email"] if fields.get("email") is not None else target.email,
        phone=fields["phone"] if fields.get("phone") is not None else target.phone,
        role=fields.get("role") or target.role,
        unit=unit,
        acting_user=user,
    )


@router.post("/users/{user_id}/deactivate", response=UserOut, tags=["users"])
def deactivate_user(request: HttpRequest, user_id: int) -> User:
    """Stop an account from signing in (office)."""
    user = request_user(request)
    return actions.do_deactivate_user(queries.access_user(user, user_id), acting_user=user)


@router.get("/audit-events", response=list[AuditEventOut], tags=["audit"])
@paginate(Page)
def list_audit_events(request: HttpRequest, filters: Query[AuditFilter]) -> QuerySet[AuditEvent]:
    """List audit events (office and leader: all; others: their own), newest first."""
    return queries.list_audit_events(request_user(request), **filters.dict())


@router.get("/tokens", response=list[TokenOut], tags=["tokens"])
def list_tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    """List your personal API tokens."""
    return ApiToken.objects.filter(user=request_user(request))


@router.post("/tokens", response={201: TokenCreated}, tags=["tokens"])
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    """Create a personal API token; the secret is shown once."""
    user = request_user(request)
    token, secret = actions.do_create_api_token(user=user, name=payload.name, acting_user=user)
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": secret})


@router.delete("/tokens/{token_id}", response=TokenOut, tags=["tokens"])
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    """Revoke one of your API tokens."""
    user = request_user(request)
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    return actions.do_revoke_api_token(token, acting_user=user)

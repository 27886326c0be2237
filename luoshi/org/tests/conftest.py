"""Factories for org rows; other apps' tests import make_unit and make_user from here."""

from typing import Any

import pytest
from django.conf import LazySettings

from luoshi.org.models import Region, Unit, User

UNIT_BOUND_ROLES = {User.Role.REPORTER, User.Role.UNIT_HEAD}


def make_region(code: str = "620000", name: str = "甘肃省", **fields: Any) -> Region:
    fields.setdefault("level", Region.Level.PROVINCE)
    return Region.objects.create(code=code, name=name, **fields)


def make_unit(name: str = "省测试厅", **fields: Any) -> Unit:
    fields.setdefault("kind", Unit.Kind.DEPARTMENT)
    return Unit.objects.create(name=name, **fields)


def make_user(
    username: str = "u1", role: str = "reporter", unit: Unit | None = None, **fields: Any
) -> User:
    if unit is None and role in UNIT_BOUND_ROLES:
        unit = make_unit(f"省测试厅-{username}")
    password = fields.pop("password", None)
    user = User(username=username, role=role, unit=unit, **fields)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    return user


@pytest.fixture(autouse=True)
def fast_password_hasher(settings: LazySettings) -> None:
    # Argon2 is deliberately slow; tests only need passwords that verify.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def office(db: None) -> User:
    return make_user("office", role=User.Role.OFFICE)


@pytest.fixture
def leader(db: None) -> User:
    return make_user("leader", role=User.Role.LEADER)


@pytest.fixture
def reporter(db: None) -> User:
    return make_user("reporter", role=User.Role.REPORTER)

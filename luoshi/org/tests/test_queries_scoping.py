import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from luoshi.org.models import User
from luoshi.org.queries import (
    access_region,
    access_unit,
    access_user,
    list_regions,
    list_units,
    list_users,
)
from luoshi.org.tests.conftest import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_any_signed_in_user_reads_units_and_regions(reporter: User) -> None:
    unit = make_unit("省财政厅")
    region = make_region()
    assert access_unit(reporter, unit.pk) == unit
    assert unit in list_units(reporter)
    assert access_region(reporter, "620000") == region
    assert list(list_regions(reporter)) == [region]


def test_anonymous_and_inactive_users_read_nothing(db: None) -> None:
    unit = make_unit("省财政厅")
    make_region()
    anonymous = AnonymousUser()
    inactive = make_user("gone", is_active=False)
    for user in (anonymous, inactive):
        assert list(list_units(user)) == []  # type: ignore[arg-type]
        assert list(list_regions(user)) == []  # type: ignore[arg-type]
        with pytest.raises(Http404):
            access_unit(user, unit.pk)  # type: ignore[arg-type]
        with pytest.raises(Http404):
            access_region(user, "620000")  # type: ignore[arg-type]


def test_missing_unit_is_404(reporter: User) -> None:
    with pytest.raises(Http404):
        access_unit(reporter, 999999)


def test_office_lists_every_user_others_only_themselves(
    office: User, leader: User, reporter: User
) -> None:
    assert set(list_users(office)) == {office, leader, reporter}
    assert list(list_users(leader)) == [leader]
    assert list(list_users(reporter)) == [reporter]
    assert access_user(office, reporter.pk) == reporter
    with pytest.raises(Http404):
        access_user(reporter, office.pk)
    with pytest.raises(Http404):
        access_user(office, 999999)

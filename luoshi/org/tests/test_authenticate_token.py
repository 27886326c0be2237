from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from luoshi.org.actions import do_create_api_token
from luoshi.org.models import ApiToken, User
from luoshi.org.queries import authenticate_token

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def test_returns_user_of_live_token(reporter: User) -> None:
    _, raw = do_create_api_token(user=reporter, name="t", acting_user=reporter)
    assert authenticate_token(raw) == reporter


def test_unknown_or_empty_secret_is_none(reporter: User) -> None:
    do_create_api_token(user=reporter, name="t", acting_user=reporter)
    assert authenticate_token("ls_wrong") is None
    assert authenticate_token("") is None


def test_inactive_user_is_none(reporter: User) -> None:
    _, raw = do_create_api_token(user=reporter, name="t", acting_user=reporter)
    User.objects.filter(pk=reporter.pk).update(is_active=False)
    assert authenticate_token(raw) is None


def test_touches_last_used_at_at_most_once_a_minute(reporter: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        token, raw = do_create_api_token(user=reporter, name="t", acting_user=reporter)
        authenticate_token(raw)
        token.refresh_from_db()
        assert token.last_used_at == START
        clock.shift(timedelta(seconds=59))
        authenticate_token(raw)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == START
        clock.shift(timedelta(seconds=1))
        authenticate_token(raw)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == START + timedelta(minutes=1)

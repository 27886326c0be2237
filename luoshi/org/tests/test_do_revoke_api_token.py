from datetime import UTC, datetime

import pytest
import time_machine
from django.http import Http404

from luoshi.org.actions import do_create_api_token, do_revoke_api_token
from luoshi.org.models import AuditEvent, User
from luoshi.org.queries import authenticate_token
from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2024, 3, 1, 8, 0, tzinfo=UTC), tick=False)
def test_revoked_token_no_longer_authenticates(reporter: User) -> None:
    token, raw = do_create_api_token(user=reporter, name="脚本", acting_user=reporter)
    do_revoke_api_token(token, acting_user=reporter)
    token.refresh_from_db()
    assert token.revoked_at == datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    assert authenticate_token(raw) is None
    event = AuditEvent.objects.get(action="org.token.revoke")
    assert (event.old_values, event.new_values) == (
        {"revoked_at": None},
        {"revoked_at": "2024-03-01T08:00:00+00:00"},
    )


def test_another_reporter_is_refused_and_token_stays_live(reporter: User) -> None:
    token, raw = do_create_api_token(user=reporter, name="脚本", acting_user=reporter)
    with pytest.raises(Http404):
        do_revoke_api_token(token, acting_user=make_user("other"))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert authenticate_token(raw) == reporter
    assert AuditEvent.objects.filter(action="org.token.revoke").count() == 0

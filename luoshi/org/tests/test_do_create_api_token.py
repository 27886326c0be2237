import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_create_api_token
from luoshi.org.models import ApiToken, AuditEvent, User
from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_user_creates_own_token_and_gets_secret_once(reporter: User) -> None:
    token, raw = do_create_api_token(user=reporter, name="脚本", acting_user=reporter)
    assert raw.startswith("ls_")
    assert len(raw) == 46
    assert (token.user, token.name, token.prefix) == (reporter, "脚本", raw[:10])
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.values().get())
    event = AuditEvent.objects.get()
    assert (event.action, event.object_id) == ("org.token.create", str(token.pk))
    assert event.new_values == {"user": reporter.pk, "name": "脚本", "prefix": raw[:10]}
    assert raw not in str(event.new_values)


def test_office_may_create_for_another_user(office: User, reporter: User) -> None:
    token, _ = do_create_api_token(user=reporter, name="代建", acting_user=office)
    assert token.user == reporter


def test_another_reporter_is_refused(reporter: User) -> None:
    other = make_user("other")
    with pytest.raises(Http404):
        do_create_api_token(user=other, name="x", acting_user=reporter)
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_blank_name_is_refused(reporter: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_api_token(user=reporter, name=" ", acting_user=reporter)
    assert caught.value.message_dict == {"name": ["请填写令牌名称，例如“数据报送脚本”。"]}
    assert ApiToken.objects.count() == 0

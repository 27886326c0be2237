from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_invite_users_for_unit
from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit, make_user

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def test_creates_accounts_and_mails_each_after_commit(
    office: User, django_capture_on_commit_callbacks: Capture
) -> None:
    unit = make_unit("省财政厅")
    with django_capture_on_commit_callbacks(execute=True):
        users = do_invite_users_for_unit(
            unit=unit,
            emails=["A@example.gov.cn ", "b@example.gov.cn", "a@example.gov.cn"],
            role="reporter",
            acting_user=office,
        )
    assert [(u.username, u.email, u.unit, u.role, u.has_usable_password()) for u in users] == [
        ("a@example.gov.cn", "a@example.gov.cn", unit, "reporter", False),
        ("b@example.gov.cn", "b@example.gov.cn", unit, "reporter", False),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.gov.cn", "b@example.gov.cn"]
    event = AuditEvent.objects.get(action="org.unit.invite")
    assert event.object_id == str(unit.pk)
    assert event.new_values == {
        "emails": ["a@example.gov.cn", "b@example.gov.cn"],
        "role": "reporter",
        "users": [u.pk for u in users],
    }
    assert AuditEvent.objects.filter(action="org.user.create").count() == 2


def test_one_bad_address_creates_nobody(office: User) -> None:
    unit = make_unit("省财政厅")
    make_user("taken@example.gov.cn", role="leader")
    with pytest.raises(ValidationError) as caught:
        do_invite_users_for_unit(
            unit=unit,
            emails=["ok@example.gov.cn", "not-an-email", "taken@example.gov.cn"],
            role="reporter",
            acting_user=office,
        )
    assert caught.value.message_dict == {
        "emails": ["“not-an-email”不是有效的邮箱地址。", "“taken@example.gov.cn”已有账号。"]
    }
    assert not User.objects.filter(username="ok@example.gov.cn").exists()
    assert AuditEvent.objects.count() == 0


def test_reporter_is_refused(reporter: User) -> None:
    with pytest.raises(Http404):
        do_invite_users_for_unit(
            unit=make_unit(), emails=["a@example.gov.cn"], role="reporter", acting_user=reporter
        )
    assert not User.objects.filter(username="a@example.gov.cn").exists()
    assert mail.outbox == []

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404

from luoshi.org.actions import do_create_user
from luoshi.org.models import AuditEvent, User
from luoshi.org.tests.conftest import make_unit

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def test_office_creates_reporter_with_password(office: User) -> None:
    unit = make_unit("省财政厅")
    user = do_create_user(
        username="caizheng",
        password="a-long-passphrase-42",
        role="reporter",
        unit=unit,
        display_name="李四",
        email="li@example.gov.cn",
        phone="13800000000",
        acting_user=office,
    )
    assert user.check_password("a-long-passphrase-42")
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.object_id) == (office, "org.user.create", str(user.pk))
    assert event.new_values == {
        "username": "caizheng",
        "display_name": "李四",
        "role": "reporter",
        "unit": unit.pk,
        "email": "li@example.gov.cn",
        "phone": "13800000000",
        "is_active": True,
    }
    assert mail.outbox == []


def test_without_password_sends_invite_after_commit(
    office: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user = do_create_user(
            username="zhang",
            password=None,
            role="leader",
            unit=None,
            email="zhang@example.gov.cn",
            acting_user=office,
        )
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.subject, message.to) == ("落实平台账号邀请", ["zhang@example.gov.cn"])
    token = message.body.split("/org/invite/")[1].split("/")[1]
    assert default_token_generator.check_token(user, token)


def test_system_setup_needs_no_actor(db: None) -> None:
    user = do_create_user(
        username="admin", password=None, role="office", unit=None, acting_user=None
    )
    assert AuditEvent.objects.get().actor is None
    assert user.role == "office"


def test_reporter_is_refused_and_nothing_changes(reporter: User) -> None:
    with pytest.raises(Http404):
        do_create_user(username="x", password=None, role="leader", unit=None, acting_user=reporter)
    assert list(User.objects.values_list("username", flat=True)) == ["reporter"]
    assert AuditEvent.objects.count() == 0


def test_reporter_without_unit_is_refused(office: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_user(username="x", password=None, role="reporter", unit=None, acting_user=office)
    assert caught.value.message_dict == {"unit": ["填报人和单位负责人必须属于一个单位。"]}
    assert not User.objects.filter(username="x").exists()


def test_taken_username_is_refused_case_insensitively(office: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_user(
            username="OFFICE", password=None, role="leader", unit=None, acting_user=office
        )
    assert caught.value.message_dict == {"username": ["用户名“OFFICE”已被使用。"]}


def test_weak_password_is_refused(office: User) -> None:
    with pytest.raises(ValidationError) as caught:
        do_create_user(username="x", password="123", role="leader", unit=None, acting_user=office)
    assert list(caught.value.message_dict) == ["password"]
    assert not User.objects.filter(username="x").exists()

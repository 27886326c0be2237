import pytest
from django.conf import LazySettings
from django.test import Client
from django.urls import reverse

from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def throttling(settings: LazySettings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_FAILURE_LIMIT = 3


def _login(client: Client, password: str) -> int:
    response = client.post(
        reverse("login"), {"username": "office", "password": password}, REMOTE_ADDR="10.0.0.7"
    )
    return response.status_code


def test_right_password_signs_in() -> None:
    make_user("office", role="office", password="a-long-Passw0rd!")
    assert _login(Client(), "a-long-Passw0rd!") == 302


def test_repeated_failures_lock_the_account_even_for_the_right_password() -> None:
    make_user("office", role="office", password="a-long-Passw0rd!")
    client = Client()
    assert [_login(client, "wrong") for _ in range(2)] == [200, 200]
    assert _login(client, "wrong") == 429
    assert _login(client, "a-long-Passw0rd!") == 429
    assert "_auth_user_id" not in client.session

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_chinese_by_default_even_for_an_english_browser() -> None:
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


def test_english_when_chosen() -> None:
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("login"))
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("login"))["Content-Language"] == "zh-hans"


def test_security_headers_are_set() -> None:
    user = make_user("office", role="office")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("plans:program_list"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"

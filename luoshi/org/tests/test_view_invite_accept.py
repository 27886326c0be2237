import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from luoshi.org.models import User
from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _url(user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("org:invite_accept", kwargs={"uidb64": uid, "token": token})


def test_invited_user_sets_password_then_link_is_spent(client: Client) -> None:
    user = make_user("new", role="leader")
    url = _url(user, default_token_generator.make_token(user))
    form_url = client.get(url)["Location"]
    response = client.post(
        form_url, {"new_password1": "a-good-passphrase-7", "new_password2": "a-good-passphrase-7"}
    )
    assert response["Location"] == reverse("login")
    user.refresh_from_db()
    assert user.check_password("a-good-passphrase-7")
    assert "邀请链接无效或已过期" in client.get(url).content.decode()


def test_bad_token_explains_what_to_do(client: Client) -> None:
    user = make_user("new", role="leader")
    html = client.get(_url(user, "bad-token"), follow=True).content.decode()
    assert "请联系督查办重新发送邀请" in html

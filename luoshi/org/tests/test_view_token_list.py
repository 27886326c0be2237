import pytest
from django.test import Client
from django.urls import reverse

from luoshi.org.actions import do_create_api_token
from luoshi.org.models import ApiToken, User
from luoshi.org.queries import authenticate_token
from luoshi.org.tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_create_shows_secret_once(client: Client, reporter: User) -> None:
    client.force_login(reporter)
    response = client.post(reverse("org:token_list"), {"name": "报送脚本"})
    secret = response.context["secret"]
    assert authenticate_token(secret) == reporter
    assert secret in response.content.decode()
    assert secret not in client.get(reverse("org:token_list")).content.decode()


def test_lists_only_own_tokens(client: Client, reporter: User) -> None:
    other = make_user("other")
    do_create_api_token(user=other, name="别人的", acting_user=other)
    do_create_api_token(user=reporter, name="我的", acting_user=reporter)
    client.force_login(reporter)
    response = client.get(reverse("org:token_list"))
    assert [t.name for t in response.context["tokens"]] == ["我的"]


def test_revoke_own_token(client: Client, reporter: User) -> None:
    token, raw = do_create_api_token(user=reporter, name="t", acting_user=reporter)
    client.force_login(reporter)
    assert client.post(reverse("org:token_revoke", args=[token.pk])).status_code == 302
    assert authenticate_token(raw) is None


def test_cannot_revoke_someone_elses_token(client: Client, reporter: User) -> None:
    other = make_user("other")
    token, raw = do_create_api_token(user=other, name="t", acting_user=other)
    client.force_login(reporter)
    assert client.post(reverse("org:token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert authenticate_token(raw) == other


def test_blank_name_error_is_on_the_field(client: Client, reporter: User) -> None:
    client.force_login(reporter)
    response = client.post(reverse("org:token_list"), {"name": ""})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["name"]
    assert ApiToken.objects.count() == 0

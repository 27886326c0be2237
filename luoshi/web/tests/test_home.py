import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from luoshi.org.models import User
from luoshi.org.tests.conftest import make_user


@pytest.mark.parametrize(
    ("role", "target"),
    [
        (User.Role.REPORTER, "web:my_tasks"),
        (User.Role.UNIT_HEAD, "web:my_tasks"),
        (User.Role.OFFICE, "plans:program_list"),
        (User.Role.LEADER, "plans:program_list"),
    ],
)
def test_home_redirects_by_role(db: None, client: Client, role: str, target: str) -> None:
    client.force_login(make_user("u", role=role))
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(target)


def test_home_sends_anonymous_to_login(client: Client) -> None:
    response = client.get(reverse("web:home"))
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_login_page_is_styled_and_chinese(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "政策落实督查督办平台" in html
    assert 'name="language"' in html


def test_unknown_page_is_404_in_chinese(db: None, client: Client, settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    client.force_login(make_user("u", role=User.Role.OFFICE))
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_language_switch_to_english(db: None, client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html


def test_nav_shows_by_role(db: None, client: Client) -> None:
    reporter = make_user("r", role=User.Role.REPORTER)
    client.force_login(reporter)
    html = client.get(reverse("web:my_tasks")).content.decode()
    assert reverse("web:my_tasks") in html
    assert reverse("org:user_list") not in html
    assert reverse("org:audit_list") not in html
    client.force_login(make_user("o", role=User.Role.OFFICE))
    html = client.get(reverse("plans:program_list")).content.decode()
    assert reverse("org:user_list") in html
    assert reverse("org:audit_list") in html
    assert reverse("org:token_list") in html


def test_base_layout_loads_static_files_that_exist(client: Client) -> None:
    html = client.get(reverse("login")).content.decode()
    sources = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert sources == ["web/luoshi.css", "django_htmx/htmx-2.min.js"]
    assert all(finders.find(path) for path in sources)

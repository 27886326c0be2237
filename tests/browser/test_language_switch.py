"""Chinese by default, even for an English browser; English once chosen in the header."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import PHONE, TIMEOUT_MS, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture
def english_browser(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, locale="en-US", base_url=live_server.url
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_chinese_by_default_and_english_when_chosen(english_browser: Page) -> None:
    page = english_browser
    response = page.goto("/accounts/login/")
    assert response is not None
    assert response.request.all_headers()["accept-language"].startswith("en-US")
    assert response.headers["content-language"] == "zh-hans"
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("h1")).to_have_text("登录")
    expect(page.locator("#lang-select")).to_have_value("zh-hans")
    assert [c["name"] for c in page.context.cookies()] == ["csrftoken"]

    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#lang-select")).to_have_value("en")
    assert page.url.endswith("/accounts/login/")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "en"
    assert horizontal_overflow(page) == 0

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")

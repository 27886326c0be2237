"""Live server and Playwright fixtures: Debian's chromium, a desktop and a phone context."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.management import call_command
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API keeps an event loop on the main thread once it starts, and Django then
# refuses ORM calls from that thread (SynchronousOnlyOperation) in every later test of the
# worker, so the flag is set for the whole session, before the first browser starts.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "luoshi-demo-2017"
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 812}
TIMEOUT_MS = 10_000


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = (
        f"{CHROMIUM} is missing: install Debian's chromium package "
        "(`make system-packages`) to run the browser tests."
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    _require_chromium()
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def fast_passwords(settings: LazySettings) -> None:
    """Hash the demo passwords with MD5: Argon2 would add seconds to every data load."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_program(live_server: LiveServer, fast_passwords: None) -> None:
    """Load the registry, publish the Gansu 2017 program and create the demo accounts."""
    call_command("load_default_program", stdout=StringIO())


@contextmanager
def _page(context: BrowserContext) -> Iterator[Page]:
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    with _page(context) as page:
        yield page


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        base_url=live_server.url,
    )
    with _page(context) as page:
        yield page


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form and wait for the landing page."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def horizontal_overflow(page: Page) -> int:
    """Return how many CSS pixels the page is wider than the viewport (0 when it fits)."""
    overflow: int = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    return max(overflow, 0)


def screenshot(page: Page, name: str, *, height: int | None = None) -> None:
    """Save docs/screenshots/<name>: the viewport, or the page's top `height` pixels."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    if height is None:
        page.screenshot(path=path, animations="disabled", caret="hide")
        return
    width = page.viewport_size["width"] if page.viewport_size else DESKTOP["width"]
    full = page.evaluate("document.scrollingElement.scrollHeight")
    page.screenshot(
        path=path,
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": min(height, full)},
        animations="disabled",
        caret="hide",
    )

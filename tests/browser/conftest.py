"""Browser tests: Python Playwright driving Debian's Chromium against pytest-django's live server.

`playwright install` cannot download browsers here, so the system Chromium is launched
(scripts/system-deps.sh installs it). Every page a test visits can be checked with axe-core.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: voer scripts/system-deps.sh uit (of `make test`).")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _new_page(browser, **context_options):
    # bypass_csp lets axe-core inject its script; the application's own CSP is tested apart.
    context = browser.new_context(bypass_csp=True, locale="nl-NL", **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """Log a user in through the real login form, as a person would, code step included: the
    user gets an authenticator device (once) and the fixture types the code it shows now."""
    from django.conf import settings as dj_settings

    def do_login(page, user, password=dj_settings.DEMO_PASSWORD):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from tests.conftest import totp_code

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="browsertest", confirmed=True)
        # django-otp accepts each code once; a second login within the same 30 seconds may
        # reuse it, as a person who logs in twice would wait for the next one.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "/inloggen/code/" in page.url:
            page.get_by_label("Code").fill(totp_code(device))
            page.get_by_role("button", name="Controleren").click()
            page.wait_for_load_state()
        return page

    return do_login


def assert_accessible(page):
    """axe-core in the real browser: no violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def screenshot(page, name: str):
    """Keep a picture of what the user saw, for a person to look at (not compared)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

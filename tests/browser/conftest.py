"""Browser tests: Playwright for Python drives Debian's chromium (/usr/bin/chromium, never a browser
that Playwright downloads) against pytest-django's live server. Run by `make test-browser`, which
installs chromium, Playwright and axe-core; `make test` does not collect this folder."""

import os

import pytest
from django.core import mail

from .audit import PHONE, Audit

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the tests make between
# browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-dev-shm-usage"])
        yield browser
        browser.close()


def _context(browser, locale="zh-CN", **options):
    context = browser.new_context(locale=locale, timezone_id="Asia/Shanghai", **options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def site(live_server, published_site, settings):
    """The live server with the published site; links in e-mails point at it."""
    settings.SITE_URL = live_server.url
    settings.ALLOWED_HOSTS = ["*"]
    return live_server


@pytest.fixture
def desktop(browser, site):
    context = _context(browser, viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def english_desktop(browser, site):
    """A browser whose language is English: every page must still be Chinese."""
    context = _context(browser, locale="en-US", viewport={"width": 1366, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, site):
    context = _context(browser, viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def audit():
    return Audit()


@pytest.fixture
def delivered_mail():
    """Runs a round of the outbox worker and returns the messages that reached the mail server."""
    from certification import outbox

    def deliver():
        outbox.deliver()
        return list(mail.outbox)

    return deliver

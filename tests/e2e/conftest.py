"""Browser journeys in Chromium through Playwright, with axe-core accessibility checks.

Outside CI a missing Chromium skips these tests with a message; in CI (CI=true) it fails
them, so a green CI run always means the journeys ran.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = (Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js").read_text()
BLOCKING_IMPACTS = {"serious", "critical"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    return candidate if candidate and Path(candidate).exists() else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium); browser journeys need it."
        if IN_CI:
            pytest.fail(message + " In CI this is a failure, not a skip.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Page:
    """A Playwright page that records CSP violations and console errors as it goes."""

    def __init__(self, page):
        self.page = page
        self.csp_violations: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)

    def __getattr__(self, name):
        return getattr(self.page, name)


@pytest.fixture
def page(browser, live_server, settings):
    # The browser's server is the site's public address: links in pages and emails start with it.
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(script=AXE_SOURCE)
    context.set_default_timeout(15_000)
    wrapped = Page(context.new_page())
    yield wrapped
    context.close()


def check_accessibility(page, context_note: str = "") -> None:
    """Run axe-core on the page as it is now; fail on serious or critical violations and CSP errors."""
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    blocking = [v for v in result if v["impact"] in BLOCKING_IMPACTS]
    where = f" on {page.url}" + (f" ({context_note})" if context_note else "")
    assert not blocking, f"axe-core found serious/critical violations{where}: {blocking}"
    violations = getattr(page, "csp_violations", [])
    assert not violations, f"Content Security Policy violations{where}: {violations}"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _wagtail_base_rows(transactional_db):
    """A journey's database is flushed after it, rows Wagtail's migrations made included
    (locale, root page, root collection); put them back before each journey."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")

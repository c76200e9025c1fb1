"""Every public page type on a phone: nothing scrolls sideways at 320 or 390 pixels, axe-core
finds nothing serious, and card grids leave no part-empty row on wider screens."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.e2e.conftest import AXE_SOURCE, check_accessibility
from tests.e2e.public_pages import PAGE_TYPES, overflow, resolve

GRIDS = ".card-grid, .toolkit-grid, .figures, .reach-figures, .audience-actions, .supporters__list"
LAST_ROW_GAPS = """(selector) => {
    const gaps = [];
    for (const grid of document.querySelectorAll(selector)) {
        const items = [...grid.children].filter(el => el.getBoundingClientRect().width > 0);
        if (items.length < 2 || !grid.getBoundingClientRect().width) continue;
        const box = grid.getBoundingClientRect();
        const lastTop = Math.max(...items.map(el => Math.round(el.getBoundingClientRect().top)));
        const lastRow = items.filter(el => Math.round(el.getBoundingClientRect().top) === lastTop);
        const right = Math.max(...lastRow.map(el => el.getBoundingClientRect().right));
        if (box.right - right > 2) {
            gaps.push(`${grid.className}: ${items.length} items, last row ends ${Math.round(box.right - right)}px short`);
        }
    }
    return gaps;
}"""


@pytest.fixture
def demo_site(transactional_db):
    call_command("load_demo", "--no-superuser", stdout=StringIO())


def phone_checks(browser, base_url: str) -> list[str]:
    """Every page type at 320 and 390 pixels: sideways scrolling, and axe-core at 390."""
    problems = []
    for width in (320, 390):
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 800})
        context.add_init_script(script=AXE_SOURCE)
        page = context.new_page()
        for name, spec in PAGE_TYPES:
            path = resolve(page, base_url, spec)
            response = page.goto(base_url + path)
            assert response.status < 500, f"{path} answered {response.status}"
            sideways = overflow(page)
            if sideways["scrollWidth"] > sideways["clientWidth"]:
                problems.append(f"{name} ({path}) at {width}px scrolls sideways: {sideways}")
            if width == 390:
                check_accessibility(page, f"{name} at {width}px")
        context.close()
    return problems


def grid_checks(browser, base_url: str) -> list[str]:
    """Card grids at tablet and desktop widths leave no part-empty last row."""
    gaps = []
    for width in (800, 1280):
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, spec in PAGE_TYPES:
            path = resolve(page, base_url, spec)
            page.goto(base_url + path)
            gaps += [f"{name} ({path}) at {width}px: {gap}" for gap in page.evaluate(LAST_ROW_GAPS, GRIDS)]
        context.close()
    return gaps


def check_events_put_results_first(browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/events/")
    assert page.locator("details.filters-disclosure").get_attribute("open") is None
    assert not page.locator(".filters-disclosure form").is_visible()
    first_card = page.locator(".event-card").first.bounding_box()
    assert first_card["y"] < 900, "the first event should be on the first screen, not under the filters"
    page.locator(".filters-disclosure__summary").click()
    assert page.locator(".filters-disclosure form").is_visible()
    context.close()
    wide = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = wide.new_page()
    page.goto(base_url + "/events/")
    assert page.locator(".filters-disclosure form").is_visible(), "filters start open on a wide screen"
    wide.close()


def check_stats_chart_is_redrawn_for_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base_url + "/stats/")
    assert page.locator(".reach-chart--compact").is_visible() and not page.locator(".reach-chart--wide").is_visible()
    label_sizes = page.eval_on_selector_all(
        ".reach-chart--compact text",
        "els => els.filter(e => e.textContent.trim()).map(e => e.getBoundingClientRect().height)",
    )
    assert label_sizes and min(label_sizes) >= 11, f"chart text too small on a phone: {label_sizes}"
    context.close()


def test_every_public_page_holds_together_from_phone_to_desktop(browser, live_server, demo_site):
    """One demo site for all the checks: loading it is the slow part."""
    problems = phone_checks(browser, live_server.url)
    assert not problems, "\n".join(problems)
    gaps = grid_checks(browser, live_server.url)
    assert not gaps, "Grids leave part of a row empty:\n" + "\n".join(gaps)
    check_events_put_results_first(browser, live_server.url)
    check_stats_chart_is_redrawn_for_a_phone(browser, live_server.url)

"""Every public page type, for the layout checks and scripts/screenshots.py.

Detail pages (an event, a story, an edition) are found by following the first link of their
listing, so the list works on whatever content the site holds (the demo content in practice).
"""

from __future__ import annotations

# (name, path): a path, or "listing path -> CSS selector of the link to follow".
PAGE_TYPES: list[tuple[str, str]] = [
    ("home", "/"),
    ("edition", "/years/ -> .edition-card a"),
    ("editions", "/years/"),
    ("get-involved", "/get-involved/"),
    ("events", "/events/"),
    ("event", "/events/ -> .event-card .card__link"),
    ("events-past", "/events/past/"),
    ("event-submit", "/events/submit/"),
    ("stories", "/stories/"),
    ("story", "/stories/ -> .story-card .card__link"),
    ("story-share", "/stories/share/"),
    ("toolkit", "/toolkit/"),
    ("toolkit-years", "/toolkit/years/"),
    ("toolkit-make", "/toolkit/make/"),
    ("stats", "/stats/"),
    ("stats-embed", "/stats/embed/"),
    ("stats-wall", "/stats/wall/"),
    ("results", "/2026/results/"),
    ("events-embed", "/events/embed/"),
    ("events-embed-build", "/events/embed/build/"),
    ("search", "/search/?q=walk"),
    ("search-empty", "/search/?q=zzzzqqq"),
    ("privacy", "/privacy/"),
    ("styleguide", "/styleguide/"),
    ("share-mastodon", "/share/mastodon/?text=Social+Prescribing+Day+2027+%23SocialPrescribingDay+http%3A%2F%2F127.0.0.1%3A8000%2F2027%2F"),
    ("not-found", "/no-such-page/"),
]


def resolve(page, base_url: str, spec: str) -> str:
    """The path ``spec`` names, following a link from its listing page if it says to."""
    if " -> " not in spec:
        return spec
    listing, selector = spec.split(" -> ", 1)
    page.goto(base_url + listing)
    link = page.locator(selector).first
    href = link.get_attribute("href")
    if not href:
        raise LookupError(f"No link matches {selector!r} on {listing}")
    return href if href.startswith("/") else "/" + href.split("/", 3)[-1]


def overflow(page) -> dict:
    """How far the page scrolls sideways, and which elements stick out past the viewport."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            const culprits = [];
            const clipped = (el) => {
                for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
                    if (getComputedStyle(node).overflowX !== 'visible') return true;
                }
                return false;
            };
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.width && box.right > width + 1 && getComputedStyle(el).position !== 'fixed' && !clipped(el)) {
                    culprits.push((el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')) + ' right=' + Math.round(box.right));
                    if (culprits.length >= 5) break;
                }
            }
            return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits};
        }"""
    )

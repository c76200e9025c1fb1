"""Full-page screenshots of every public page type at 390 and 1280 pixels wide.

    .venv/bin/python manage.py load_demo && .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--only stats,events]

writes var/screenshots/<page>-<width>.png (Playwright and the system's Chromium) and prints
any page that scrolls sideways at that width. The page types are those the layout test
checks (tests/e2e/public_pages.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.public_pages import PAGE_TYPES, overflow, resolve  # noqa: E402

WIDTHS = (390, 1280)
OUT = ROOT / "var" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    args = parser.parse_args()
    wanted = {name for name in args.only.split(",") if name}
    widths = [int(w) for w in args.widths.split(",")]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    OUT.mkdir(parents=True, exist_ok=True)
    problems = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            for name, spec in PAGE_TYPES:
                if wanted and name not in wanted:
                    continue
                path = resolve(page, args.base_url, spec)
                page.goto(args.base_url + path, wait_until="load")
                target = OUT / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                sideways = overflow(page)
                flag = ""
                if sideways["scrollWidth"] > sideways["clientWidth"]:
                    problems += 1
                    flag = f"  SCROLLS SIDEWAYS {sideways}"
                print(f"{target.relative_to(ROOT)}  {path}{flag}")
            context.close()
        browser.close()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

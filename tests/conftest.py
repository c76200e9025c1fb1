import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from tests.factories import EditionIndexPageFactory, HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_local_page_cache():
    """Each worker's in-memory copies of pages and fragments must not leak from one test's database into another's."""
    from campaign.cache import local_cache, page_query_hints

    local_cache.clear()
    page_query_hints.clear()
    yield
    local_cache.clear()
    page_query_hints.clear()


@pytest.fixture
def home_page(db):
    """The site's root page, in place of the welcome page Wagtail's migrations create."""
    # A transactional test flushes the data Wagtail's migrations made, root page included.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Social Prescribing Day"},
    )
    return home


@pytest.fixture
def edition_index(home_page):
    return EditionIndexPageFactory(parent=home_page)


@pytest.fixture
def superuser(db):
    user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    return user


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def pytest_terminal_summary(terminalreporter):
    """Record how many browser journeys passed, so .ci/run can insist that they ran."""
    import os
    from pathlib import Path

    passed = [r for r in terminalreporter.stats.get("passed", []) if "tests/e2e/" in r.nodeid]
    out = Path(os.environ.get("E2E_SUMMARY_FILE", Path(__file__).resolve().parent.parent / "var" / "e2e-passed.txt"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"{len(passed)}\n")

from datetime import date

import pytest
from django.core.cache import cache

from events.setup import ensure_event_index
from tests.factories import EditionPageFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    from events.calendar import block_memo

    cache.clear()
    block_memo.clear()
    yield
    cache.clear()
    block_memo.clear()


@pytest.fixture
def edition_2027(home_page):
    return EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12))


@pytest.fixture
def event_index(home_page, edition_2027):
    return ensure_event_index()

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits, used form stamps and the hourly ceiling live in the cache: start with none."""
    cache.clear()
    yield
    cache.clear()

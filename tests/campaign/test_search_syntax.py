import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', 'a"b', 'AND', 'OR OR', '*', 'NEAR(', '(', ')', '-', 'a:b', '^', "'", 'x AND', '\x00', 'a OR', '+', '""'])
def test_search_accepts_any_punctuation(q, home_page):
    assert Client().get("/search/", {"q": q}).status_code == 200

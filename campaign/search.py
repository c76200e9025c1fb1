"""Turning what a visitor types into a query every search backend accepts."""

import re

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_terms(query: str) -> str:
    """The words of a query, without the punctuation full-text engines read as syntax.

    SQLite's FTS5 and PostgreSQL's tsquery give quotes, brackets and operators a meaning;
    a visitor's stray quote must find pages, not raise a database error.
    """
    return " ".join(WORD.findall(query or "")[:MAX_TERMS])

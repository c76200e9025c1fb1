"""The personal-data flags, measured on a labelled set of sentences (see bench/flags.py)."""

import pytest

from bench.flags import KINDS, load_sentences, measure

ROWS = load_sentences()
SCORES, MISTAKES = measure(ROWS)


def test_the_labelled_set_is_big_enough_and_covers_every_kind():
    assert len(ROWS) >= 50
    expected = set().union(*(kinds for _, kinds in ROWS))
    assert expected == set(KINDS.values())
    assert sum(1 for _, kinds in ROWS if not kinds) >= 15  # sentences with nothing to find, for precision


@pytest.mark.parametrize("kind", ["email", "phone", "nhs_number", "postcode", "handle"])
def test_contact_details_are_found(kind):
    assert SCORES[kind].recall >= 0.9, MISTAKES
    assert SCORES[kind].precision >= 0.9, MISTAKES


def test_names_are_mostly_found_without_crying_wolf():
    assert SCORES["name"].recall >= 0.7, MISTAKES
    assert SCORES["name"].precision >= 0.8, MISTAKES

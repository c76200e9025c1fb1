"""Measure the personal-data flags on a labelled set of sentences: precision and recall per kind.

Each row of tests/stories/data/personal_data_sentences.csv is a sentence and the kinds of personal
data a careful moderator would find in it (``;``-separated; empty when none). A kind counts as
found when at least one flag of that kind is raised for the sentence, so the numbers say how often
the flags point a moderator at the right sentence, and how often they cry wolf.

Usage: .venv/bin/python bench/flags.py [--csv PATH] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign.submissions.flags import personal_data_flags  # noqa: E402  (after the path is set)

SENTENCES = ROOT / "tests" / "stories" / "data" / "personal_data_sentences.csv"
KINDS = {
    "Email address": "email",
    "Phone number": "phone",
    "NHS number": "nhs_number",
    "Postcode": "postcode",
    "Social media handle": "handle",
    "Possible name": "name",
}


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_sentences(path: Path = SENTENCES) -> list[tuple[str, set[str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [(row["sentence"], {k for k in row["expected_kinds"].split(";") if k}) for row in csv.DictReader(fh)]


def found_kinds(sentence: str) -> set[str]:
    return {KINDS[flag.label] for flag in personal_data_flags(sentence)}


def measure(rows: list[tuple[str, set[str]]]) -> tuple[dict[str, Score], list[tuple[str, set[str], set[str]]]]:
    """A score per kind, and the sentences where what was found differs from what was expected."""
    scores = {kind: Score() for kind in KINDS.values()}
    mistakes = []
    for sentence, expected in rows:
        found = found_kinds(sentence)
        for kind, score in scores.items():
            if kind in expected and kind in found:
                score.true_positives += 1
            elif kind in found:
                score.false_positives += 1
            elif kind in expected:
                score.false_negatives += 1
        if found != expected:
            mistakes.append((sentence, expected, found))
    return scores, mistakes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=SENTENCES)
    parser.add_argument("--misses", action="store_true", help="list the sentences the flags got wrong")
    args = parser.parse_args()
    rows = load_sentences(args.csv)
    scores, mistakes = measure(rows)
    print(f"{len(rows)} sentences from {args.csv.relative_to(ROOT) if args.csv.is_relative_to(ROOT) else args.csv}")
    print(f"{'kind':<12} {'expected':>8} {'found':>6} {'precision':>9} {'recall':>7}")
    for kind, score in scores.items():
        expected = score.true_positives + score.false_negatives
        found = score.true_positives + score.false_positives
        print(f"{kind:<12} {expected:>8} {found:>6} {score.precision:>9.2f} {score.recall:>7.2f}")
    if args.misses:
        for sentence, expected, found in mistakes:
            missed, extra = expected - found, found - expected
            print(f"- {sentence!r}: missed {sorted(missed) or '-'}, extra {sorted(extra) or '-'}")


if __name__ == "__main__":
    main()

"""The stories' part of an edition's results report: who told them and what they were about.

Only published stories count, by the categories storytellers chose; nothing they wrote.
"""

from __future__ import annotations

from collections import Counter

from campaign.editions.results import Breakdown, Figure, ResultsSection, counted

from .choices import REGION_CHOICES, ROLE_CHOICES
from .models import StoryActivity, StoryPage

PUBLISHED_NOTE = (
    "Stories published for this year's Day after a moderator approved them and while their tellers keep "
    "them up: a story withdrawn later no longer counts."
)


def stories_section(edition) -> ResultsSection:
    stories = StoryPage.objects.live().filter(edition=edition)
    rows = list(stories.values_list("role", "region", "is_demo"))
    activities = Counter(
        StoryActivity.objects.filter(stories__in=stories).values_list("name", flat=True)
    )
    roles, regions = dict(ROLE_CHOICES), dict(REGION_CHOICES)
    empty = f"No stories were shared for {edition.year}."
    return ResultsSection(
        key="stories",
        title="Stories",
        figures=(Figure("published", "Stories published", len(rows), PUBLISHED_NOTE),),
        breakdowns=(
            Breakdown("by_role", "Stories by who told them", counted(Counter(roles[r] for r, _, _ in rows).items()),
                      PUBLISHED_NOTE, empty),
            Breakdown("by_activity", "Stories by activity", counted(activities.items()),
                      "A story can name more than one activity, so these add up to more than the stories.", empty),
            Breakdown("by_region", "Stories by region", counted(Counter(regions[g] for _, g, _ in rows).items()),
                      PUBLISHED_NOTE, empty),
        ),
        demo=any(is_demo for *_, is_demo in rows),
    )

"""The addresses a storyteller is sent: their private link, and public pages as absolute URLs.

Services (on the request) and tasks (in the background worker) both build them, so they live
here rather than in either.
"""

from __future__ import annotations

from campaign.submissions.tokens import PrivateLink
from stories.models import StorySubmission

# No age limit: the link works for as long as the submission record keeps its secret. It is
# how a storyteller whose email we have erased (a year after publication) can still withdraw
# the story; once withdrawn or erased, it shows only that, with nothing personal.
MANAGE_LINK = PrivateLink(
    purpose="story-manage", url_name="stories:manage", secret_field="manage_secret", max_age_setting=None,
)


def manage_path(submission: StorySubmission) -> str:
    return MANAGE_LINK.path(submission)


def manage_url(submission: StorySubmission) -> str:
    return MANAGE_LINK.url(submission)

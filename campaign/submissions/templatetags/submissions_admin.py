"""Template tags for the moderators' admin screens."""

from django import template

from campaign.submissions.review import submitter_label

register = template.Library()


@register.simple_tag
def public_submitter(obj) -> str:
    """'Public submission (Age UK Leeds)' for a page a visitor submitted (its revision has no user),
    named as its latest version names it (after a moderator's redaction of the name shown)."""
    latest = getattr(obj, "get_latest_revision_as_object", None)
    return submitter_label(latest() if callable(latest) else obj)

"""The fixed vocabularies a story is described with: who shared it, the route in, where.

Kept as code, not data, because the filters, the form and the demo must agree on them and
editors should not be able to break a filter link by renaming a value.
"""

ROLE_CHOICES = [
    ("referred", "Someone who was referred"),
    ("carer", "A carer or family member"),
    ("link_worker", "A link worker"),
    ("health_professional", "A GP or health professional"),
    ("community_group", "A community group"),
    ("other", "Other"),
]

REFERRAL_CHOICES = [
    ("gp", "GP or GP practice"),
    ("self", "Self-referral"),
    ("social_worker", "Social worker"),
    ("hospital_discharge", "Hospital discharge team"),
    ("job_centre", "Job centre"),
    ("education", "School or college"),
    ("other", "Other"),
]

REGION_CHOICES = [
    ("north_east", "North East England"),
    ("north_west", "North West England"),
    ("yorkshire", "Yorkshire and the Humber"),
    ("east_midlands", "East Midlands"),
    ("west_midlands", "West Midlands"),
    ("east_of_england", "East of England"),
    ("london", "London"),
    ("south_east", "South East England"),
    ("south_west", "South West England"),
    ("scotland", "Scotland"),
    ("wales", "Wales"),
    ("northern_ireland", "Northern Ireland"),
    ("outside_uk", "Outside the UK"),
]

# The parts of a story, in reading order: (field name, heading).
STORY_SECTIONS = [
    ("what_was_going_on", "What was going on"),
    ("what_happened", "What happened"),
    ("what_changed", "What changed"),
    ("what_was_hard", "What was hard, and how you got past it"),
]

FIRST_NAME = "first_name"
CHOSEN_NAME = "chosen_name"
ANONYMOUS = "anonymous"
DISPLAY_CHOICES = [
    (FIRST_NAME, "My first name"),
    (CHOSEN_NAME, "A name I choose (not my real name)"),
    (ANONYMOUS, "Anonymous: no name at all"),
]

# Submitted photos live in their own collection, apart from the editors' library.
PHOTO_COLLECTION = "Story photos"

"""Demo stories: realistic, varied, clearly labelled as demo, and created once.

They are written for the demo (no real person's account) and show the range of people,
referral routes, activities and regions the stories section is for.
"""

from __future__ import annotations

from django.utils import timezone

from campaign import illustrations
from campaign.editions.demo_images import illustration_image
from campaign.editions.models import EditionPage
from stories import choices, consent
from stories.models import StoryActivity, StoryPage, StorySubmission
from stories.setup import ensure_story_section

DEMO_STORIES = [
    {
        "slug": "demo-the-walking-group-that-got-me-out-of-the-house",
        "title": "The walking group that got me out of the house",
        "display_name": "Maureen", "role": "referred", "referral_route": "gp", "region": "north_east",
        "activities": ["walking-group"], "year": 2027, "featured": True, "illustration": "walking-group",
        "going_on": "After my husband died I stopped going out. Weeks went by when the only person I spoke "
        "to was the woman on the till at the corner shop.",
        "happened": "My GP asked if I would talk to a link worker. She came to see me at home twice, and on the "
        "third week she walked with me to the park where a walking group meets on Tuesdays. I only managed "
        "one lap that first time.",
        "changed": "Eighteen months on I lead the slow group myself. I know everyone's dogs' names. I sleep "
        "better and my blood pressure is down.",
        "hard": "The first morning I nearly turned back at the gate. Knowing someone was expecting me made the "
        "difference.",
    },
    {
        "slug": "demo-seeing-the-whole-person", "illustration": "link-worker-conversation",
        "title": "Seeing the whole person, not just the symptoms",
        "display_name": "", "role": "health_professional", "referral_route": "gp", "region": "london",
        "activities": ["advice", "support-group"], "year": 2027, "featured": True,
        "going_on": "A lot of my appointments were with people whose problems medicine could not fix: debt, "
        "damp housing, loneliness.",
        "happened": "Our practice took on two link workers. Now, when someone tells me about a letter from the "
        "bailiffs, I can book them in with someone who has the time to sit with them and make the calls.",
        "changed": "Fewer repeat appointments for the same worries, and I go home feeling I actually helped.",
        "hard": "At first we referred too late. We learnt to ask about what matters to people much earlier.",
    },
    {
        "slug": "demo-our-allotment-welcomes-everyone",
        "title": "Our allotment welcomes everyone, whatever brings them",
        "display_name": "Green Shoots Community Garden", "role": "community_group", "referral_route": "other",
        "region": "west_midlands", "activities": ["gardening", "volunteering"], "year": 2027, "featured": True,
        "illustration": "gardening",
        "going_on": "We are a small volunteer-run garden. Link workers started sending people to us a few years ago.",
        "happened": "We now have a buddy for every newcomer, tea on the go from ten, and jobs for every ability: "
        "some people sow seeds at the potting bench, some dig, some just sit with us.",
        "changed": "Last year 40 people came through social prescribing. Several now volunteer with us.",
        "hard": "Funding. Referrals arrive with no money attached, and our shed roof leaks.",
    },
    {
        "slug": "demo-singing-gave-me-my-voice-back", "illustration": "singing",
        "title": "Singing gave me my voice back",
        "display_name": "Dev", "role": "referred", "referral_route": "self", "region": "scotland",
        "activities": ["music-or-choir"], "year": 2026, "featured": True,
        "going_on": "I had a long stretch of anxiety after losing my job. I was avoiding people.",
        "happened": "I saw a poster in the library about a community choir and rang the number. The link worker "
        "who answered said I could come and just listen first.",
        "changed": "I sing tenor now. It is the one place my head goes quiet.",
        "hard": "Walking into a room of strangers. The choir leader met me at the door, which helped.",
    },
    {
        "slug": "demo-a-carers-breathing-space", "illustration": "arts-and-crafts",
        "title": "A carer's breathing space",
        "display_name": "Ayesha", "role": "carer", "referral_route": "social_worker", "region": "yorkshire",
        "activities": ["support-group", "arts-and-crafts"], "year": 2026,
        "going_on": "I care for my mum, who has dementia. I had not done anything just for me in two years.",
        "happened": "Mum's social worker put me in touch with a link worker, who found a carers' craft group that "
        "runs while a sitting service looks after Mum.",
        "changed": "Two hours a week that are mine. I have friends who understand without me explaining.",
        "hard": "Feeling guilty for leaving Mum. The other carers told me they had felt the same.",
    },
    {
        "slug": "demo-from-hospital-to-home-and-back-to-the-bowls-club", "illustration": "volunteering",
        "title": "From hospital to home, and back to the bowls club",
        "display_name": "Ron", "role": "referred", "referral_route": "hospital_discharge", "region": "south_west",
        "activities": ["sport", "volunteering"], "year": 2025,
        "going_on": "I came home from hospital after a fall, worried I would fall again and stuck indoors.",
        "happened": "The discharge team referred me to a link worker. We made a plan together: a strength and "
        "balance class first, then a return to the bowls club I had left years before.",
        "changed": "I am steady on my feet and I help run the club's tea rota.",
        "hard": "Admitting I was frightened. Saying it out loud made it easier to plan around.",
    },
    {
        "slug": "demo-what-a-link-worker-actually-does",
        "title": "What a link worker actually does all day",
        "display_name": "Priya", "role": "link_worker", "referral_route": "gp", "region": "east_midlands",
        "activities": ["advice", "walking-group", "volunteering"], "year": 2025,
        "going_on": "People often think we just hand out leaflets.",
        "happened": "Most of my work is listening: an hour with someone to find out what matters to them, then "
        "going along to the first session with them if they want me to.",
        "changed": "I see people go from 'nothing will help' to telling me about their plans.",
        "hard": "Waiting lists at the services we refer to. We now map what is available every quarter.",
    },
    {
        "slug": "demo-the-job-centre-sent-me-to-a-kitchen", "illustration": "cooking-and-eating",
        "title": "The job centre sent me to a kitchen",
        "display_name": "Sam", "role": "referred", "referral_route": "job_centre", "region": "wales",
        "activities": ["volunteering", "gardening"], "year": 2024,
        "going_on": "I had been out of work for two years and my confidence had gone.",
        "happened": "My work coach suggested a community kitchen that grows its own vegetables. I started "
        "volunteering two mornings a week.",
        "changed": "I got my food hygiene certificate and a part-time job in a café.",
        "hard": "Getting up early again. The team always saved me a cup of tea.",
    },
    {
        "slug": "demo-art-club-after-school", "illustration": "arts-and-crafts",
        "title": "Art club helped our son find his people",
        "display_name": "", "role": "carer", "referral_route": "education", "region": "north_west",
        "activities": ["arts-and-crafts"], "year": 2024,
        "going_on": "Our son was struggling at college and spending all his time in his room.",
        "happened": "His tutor talked to a youth link worker, who introduced him to an evening art group for "
        "young people.",
        "changed": "He has a portfolio and friends who share it. He laughs at dinner again.",
        "hard": "He refused twice. The link worker kept the door open without pushing.",
    },
    {
        "slug": "demo-support-group-for-new-dads", "illustration": "walking-group",
        "title": "A support group for new dads",
        "display_name": "Tom", "role": "referred", "referral_route": "self", "region": "east_of_england",
        "activities": ["support-group", "walking-group"], "year": 2023,
        "going_on": "After our first baby I felt low and did not know who to tell.",
        "happened": "I found a dads' walk-and-talk group through my local social prescribing service's website.",
        "changed": "Talking to other dads made it normal. I now help new members find their feet.",
        "hard": "Asking for help at all. The group's message was: you don't have to have a reason to come.",
    },
]


def _editions() -> dict[int, EditionPage]:
    return {e.year: e for e in EditionPage.objects.all()}


def load(stdout) -> None:
    index = ensure_story_section()
    if index is None:
        stdout.write("Stories: no home page yet, so no demo stories.")
        return
    editions = _editions()
    activities = {a.slug: a for a in StoryActivity.objects.all()}
    existing = set(StoryPage.objects.filter(slug__startswith="demo-").values_list("slug", flat=True))
    created = 0
    # Oldest first, so the listing (newest first) opens with the stories at the top of this list.
    for data in reversed(DEMO_STORIES):
        if data["slug"] in existing:
            continue
        photo = None
        if data.get("illustration"):
            # The illustration is labelled as such in its title, so editors replacing demo
            # content know it is not a photograph of the storyteller.
            drawing = illustrations.get(data["illustration"])
            photo = illustration_image(drawing)
        page = StoryPage(
            title=data["title"], slug=data["slug"], display_name=data["display_name"], role=data["role"],
            referral_route=data["referral_route"], region=data["region"],
            what_was_going_on=data["going_on"], what_happened=data["happened"],
            what_changed=data["changed"], what_was_hard=data["hard"],
            photo=photo, photo_alt_text=illustrations.get(data["illustration"]).alt if photo else "",
            edition=editions.get(data["year"]), featured=data.get("featured", False), is_demo=True,
        )
        page.activities = [activities[slug] for slug in data["activities"] if slug in activities]
        index.add_child(instance=page)
        page.save_revision().publish()
        now = timezone.now()
        StorySubmission.objects.create(
            page=page, display_choice=choices.ANONYMOUS if not data["display_name"] else choices.FIRST_NAME,
            consent_publish=True, consent_campaign_use=True, consent_age=True, consent_own_story=True,
            consent_wording=dict(consent.WORDING), consented_at=now, first_published_at=now,
        )
        created += 1
    if created:
        stdout.write(f"Created {created} demo stories.")

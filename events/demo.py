"""Demo events: webinars, walks, open days and coffee mornings across the UK and beyond.

Every event is marked is_demo (the pages say so), published, and linked to the 2027
edition; a few finished ones belong to 2026 so the past-events page has something to show.
Running it again changes nothing. Organisations and venues are invented (example.org).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from campaign.editions.models import EditionPage
from events import places, regions, times
from events.choices import JOINING_LINK, REGISTRATION_LINK
from events.models import EventPage
from events.setup import ensure_event_index

DAY_2027 = date(2027, 3, 12)
DAY_2026 = date(2026, 3, 12)

# slug, title, type, format, organisation, day offset, start, minutes, zone, venue, address, postcode, place,
# online link, price ("" = free, else (amount, currency, details)), booking, accessibility, description,
# edition year. The address's last line is the town (events.places.split_address).
EVENTS = [
    ("link-worker-webinar-2027", "What link workers wish GPs knew: a webinar", "webinar", "online",
     "National Link Worker Network (demo)", 0, "10:00", 75, "Europe/London", "", "", "", "",
     "https://webinar.example.org/link-workers", "", True, "Live captions; slides sent beforehand.",
     "Four link workers from different parts of the country talk frankly about referrals that work and ones that do not, "
     "followed by questions from GPs and practice staff.\n\nOpen to everyone working in primary care.", 2027),
    ("leeds-canal-walk", "Wellbeing walk along the Leeds and Liverpool Canal", "walk", "in_person",
     "Kirkstall Community Walks (demo)", 0, "11:00", 90, "Europe/London", "Kirkstall Abbey main gate",
     "Abbey Road\nKirkstall, Leeds", "LS5 3EH", "GB-ENG", "", "", False,
     "Flat towpath, suitable for wheelchairs and buggies; toilets at the start.",
     "A gentle walk along the towpath with the walking group that started as a social prescription in 2019. "
     "Tea and cake afterwards at the abbey café.", 2027),
    ("glasgow-open-day", "Community hub open day", "open_day", "in_person",
     "Govan Community Hub (demo)", 0, "12:00", 240, "Europe/London", "Govan Community Hub",
     "100 Govan Road\nGlasgow", "G51 1AA", "GB-SCT", "", "", False, "Step-free; hearing loop in the main hall.",
     "Meet the groups that people are referred to: gardening, choir, men's shed, cooking on a budget and more. "
     "Drop in any time.", 2027),
    ("cardiff-coffee-morning", "Coffee morning with your link workers", "coffee_morning", "in_person",
     "Cardiff and Vale Social Prescribing (demo)", 0, "10:30", 90, "Europe/London", "Canton Library",
     "Library Street\nCardiff", "CF5 1QD", "GB-WLS", "", "", False, "Step-free access; Welsh speakers present.",
     "Pop in for a coffee and a chat with the team, find out what is on near you and how to refer yourself.", 2027),
    ("belfast-arts-on-prescription", "Arts on prescription: a hands-on workshop", "workshop", "in_person",
     "Belfast Arts for Health (demo)", 0, "14:00", 120, "Europe/London", "Crescent Arts Centre",
     "2–4 University Road\nBelfast", "BT7 1NH", "GB-NIR", "", ("5", "GBP", "free for people referred"), True,
     "Lift to all floors; materials provided.",
     "Try printmaking and collage with artists who run arts-on-prescription courses. No experience needed.", 2027),
    ("bristol-green-prescribing-fair", "Green social prescribing fair", "fair", "in_person",
     "Avon Green Health Partnership (demo)", 1, "10:00", 300, "Europe/London", "Bristol Museum front lawn",
     "Queen's Road\nBristol", "BS8 1RL", "GB-ENG", "", "", False, "Accessible toilets; seating area.",
     "Stalls from community gardens, conservation volunteers and walking groups, with taster sessions all day.", 2027),
    ("manchester-hybrid-talk", "Social prescribing and young people: a talk", "talk", "hybrid",
     "Greater Manchester Youth Health (demo)", 0, "18:00", 90, "Europe/London", "Central Library",
     "St Peter's Square\nManchester", "M2 5PD", "GB-ENG", "https://stream.example.org/youth-sp", "", True,
     "BSL interpreter in the room and on the stream.",
     "How link workers in schools and colleges are supporting young people, with two young people who took part.", 2027),
    ("inverness-walk-and-talk", "Walk and talk by the River Ness", "walk", "in_person",
     "Highland Wellbeing Walks (demo)", 0, "13:00", 60, "Europe/London", "Ness Islands car park",
     "Whin Park Road\nInverness", "IV3 5SS", "GB-SCT", "", "", False, "Mostly level paths; some gravel.",
     "An easy hour on the islands with walk leaders and link workers.", 2027),
    ("norwich-library-open-day", "Library open day: more than books", "open_day", "in_person",
     "Norfolk Libraries (demo)", -1, "10:00", 360, "Europe/London", "The Forum",
     "Millennium Plain\nNorwich", "NR2 1TF", "GB-ENG", "", "", False, "Step-free; quiet room available.",
     "Find out about the reading groups, digital help sessions and warm spaces that link workers refer people to.", 2027),
    ("dublin-community-webinar", "Social prescribing in Ireland: what next?", "webinar", "online",
     "Irish Social Prescribing Network (demo)", 0, "13:00", 60, "Europe/Dublin", "", "", "", "",
     "https://webinar.example.org/ireland", "", True, "Captions; recording sent to everyone who registers.",
     "A panel discussion on funding, training and evaluation of social prescribing across Ireland.", 2027),
    ("toronto-lunch-and-learn", "Lunch and learn: prescribing connection", "talk", "hybrid",
     "Canadian Institute for Social Prescribing (demo)", 0, "12:00", 60, "America/Toronto",
     "Community Health Centre, main hall", "168 Bathurst Street\nToronto, ON", "M5V 2R4", "CA",
     "https://stream.example.org/toronto", "", True, "Step-free; ASL on request.",
     "Hear how community health centres in Ontario prescribe arts, nature and social activities.", 2027),
    ("sydney-morning-tea", "Morning tea for Social Prescribing Day", "coffee_morning", "in_person",
     "Inner West Health Connect (demo)", 0, "10:00", 120, "Australia/Sydney", "Marrickville Town Hall",
     "303 Marrickville Road\nMarrickville NSW", "2204", "AU", "", "", False, "Ramp at side entrance.",
     "Morning tea with local community groups and the social prescribing team.", 2027),
    ("auckland-webinar", "Whānau-centred social prescribing: a webinar", "webinar", "online",
     "Aotearoa Wellbeing Network (demo)", 0, "19:00", 60, "Pacific/Auckland", "", "", "", "",
     "https://webinar.example.org/aotearoa", "", True, "Captions.",
     "Practitioners share how whānau-centred approaches shape social prescribing in New Zealand.", 2027),
    ("amsterdam-welzijn-op-recept", "Welzijn op Recept: international exchange", "webinar", "online",
     "Welzijn op Recept Netwerk (demo)", 0, "15:00", 90, "Europe/Amsterdam", "", "", "", "",
     "https://webinar.example.org/wor", "", True, "Captions in English and Dutch.",
     "Link workers from the Netherlands, England and Portugal compare notes.", 2027),
    ("boston-nature-rx", "Nature prescription walk", "walk", "in_person",
     "Boston Parks Health (demo)", 0, "09:30", 90, "America/New_York", "Arnold Arboretum Hunnewell Building",
     "125 Arborway\nBoston, MA", "02130", "US", "", "", True, "Paved main paths.",
     "A guided walk for patients and clinicians exploring nature prescriptions.", 2027),
    ("london-training-workshop", "Supporting people with complex needs: link worker training", "workshop", "online",
     "Link Worker Training Collective (demo)", 3, "09:30", 180, "Europe/London", "", "", "", "",
     "https://training.example.org/complex-needs", ("25", "GBP", ""), True, "Captions; breaks every 45 minutes.",
     "A practical session on safeguarding, boundaries and looking after yourself.", 2027),
    ("sheffield-men-shed", "Men's shed open afternoon", "open_day", "in_person",
     "Hillsborough Men's Shed (demo)", 0, "13:30", 150, "Europe/London", "Hillsborough Men's Shed",
     "Unit 4, Penistone Road\nSheffield", "S6 2GY", "GB-ENG", "", "", False, "Ground floor; accessible toilet.",
     "See what the shed makes, have a brew and find out how to join. Everyone welcome.", 2027),
    ("swansea-choir", "Come and sing: community choir taster", "workshop", "in_person",
     "Swansea Singing for Health (demo)", 0, "19:00", 90, "Europe/London", "Brangwyn Hall",
     "Guildhall\nSwansea", "SA1 4PE", "GB-WLS", "", "", False, "Step-free; seating for everyone.",
     "No auditions, no reading music: just come and sing.", 2027),
    # Finished events from the 2026 Day, for the past-events page.
    ("webinar-2026-measuring-impact", "Measuring what matters in social prescribing", "webinar", "online",
     "Social Prescribing Evaluation Forum (demo)", 0, "11:00", 60, "Europe/London", "", "", "", "",
     "https://webinar.example.org/impact-2026", "", True, "Captions.",
     "How to evaluate social prescribing without losing sight of the people it is for.", 2026),
    ("york-walk-2026", "Social Prescribing Day walk around the city walls", "walk", "in_person",
     "York Walking for Health (demo)", 0, "10:00", 90, "Europe/London", "Bootham Bar", "High Petergate\nYork",
     "YO1 7HH", "GB-ENG", "", "", False, "Steps onto the walls; an alternative street route is offered.",
     "A walk around York's city walls with walk leaders and link workers.", 2026),
    ("edinburgh-fair-2026", "Community wellbeing fair", "fair", "in_person",
     "Edinburgh Third Sector Interface (demo)", 0, "11:00", 300, "Europe/London", "Assembly Rooms",
     "54 George Street\nEdinburgh", "EH2 2LR", "GB-SCT", "", "", False, "Lift to all floors.",
     "Stalls from more than forty community groups.", 2026),
]

# Events whose organisers made the joining link itself public; the others link to a registration page.
JOINING_LINKS = {"manchester-hybrid-talk", "amsterdam-welzijn-op-recept", "toronto-lunch-and-learn"}


def _aware(day: date, hhmm: str, zone_name: str) -> datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return times.make_aware_in_zone(datetime.combine(day, time(hours, minutes)), zone_name)


def load(stdout) -> None:
    index = ensure_event_index(stdout)
    if index is None:
        stdout.write("No home page: skipping demo events.")
        return
    editions = {e.year: e for e in EditionPage.objects.filter(year__in=[2026, 2027])}
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for (slug, title, event_type, fmt, org, offset, start, minutes, zone_name, venue, address, postcode, place,
         online_url, price, booking, accessibility, description, year) in EVENTS:
        if slug in existing:
            continue
        day = (DAY_2027 if year == 2027 else DAY_2026) + timedelta(days=offset)
        start_at = _aware(day, start, zone_name)
        street, town = places.split_address(address)
        amount, currency, details = price or (None, "", "")
        event = EventPage(
            title=title, slug=slug, event_type=event_type, format=fmt, organisation_name=org,
            organisation_website="https://www.example.org/", description=description,
            start=start_at, end=start_at + timedelta(minutes=minutes), time_zone=zone_name,
            venue_name=venue, address=street, town=town, postcode=postcode, country=place, online_url=online_url,
            online_link_kind=JOINING_LINK if slug in JOINING_LINKS else REGISTRATION_LINK,
            is_free=not price, price_amount=Decimal(amount) if amount else None, currency=currency, price=details,
            booking_required=booking, accessibility=accessibility,
            edition=editions.get(year), is_demo=True,
        )
        index.add_child(instance=event)
        event.save_revision(log_action=True).publish()
        created += 1
    if created:
        stdout.write(f"Created {created} demo events.")


# --- Many events at once, for the bench script and the listing's paging tests ---------------

BULK_TYPES = ["webinar", "workshop", "talk", "walk", "open_day", "coffee_morning", "fair", "other"]
BULK_FORMATS = ["in_person", "online", "hybrid"]
BULK_PLACES = ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "CA", "AU"]


def _tree_step(number: int) -> str:
    """The path step of the ``number``-th child in Wagtail's page tree (treebeard's encoding)."""
    alphabet, digits = Page.alphabet, ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(Page.steplen, alphabet[0])


def _tree_number(step: str) -> int:
    number = 0
    for digit in step:
        number = number * len(Page.alphabet) + Page.alphabet.index(digit)
    return number


@transaction.atomic
def bulk_add_events(index, count: int, *, start: datetime | None = None, **overrides) -> None:
    """Add ``count`` live events under ``index`` quickly: tree paths computed here, no revisions.

    Wagtail's add_child locks and re-reads the parent for every page, which takes minutes for
    thousands of events; this writes the same rows directly.
    """
    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(EventPage)
    locale = Locale.get_default()
    last = index.get_last_child()
    next_step = (_tree_number(last.path[-Page.steplen:]) + 1) if last else 1
    start = start or (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    now = timezone.now()
    for n in range(count):
        begins = start + timedelta(hours=7 * n)
        values = {
            "title": f"Event number {n}",
            "event_type": BULK_TYPES[n % len(BULK_TYPES)],
            "format": BULK_FORMATS[n % 3],
            "organisation_name": "Kirkstall Community Walks",
            "organisation_website": "https://walks.example.org/",
            "description": "A gentle walk along the canal.",
            "start": begins,
            "end": begins + timedelta(hours=2),
            "time_zone": "Europe/London",
            "venue_name": "Kirkstall Abbey",
            "address": "Abbey Road",
            "town": "Leeds",
            "postcode": "LS5 3EH",
            "country": BULK_PLACES[n % len(BULK_PLACES)],
            "online_url": "https://meet.example.org/x",
            "is_free": n % 4 != 0,
            "price_amount": None if n % 4 else Decimal("5"),
            "currency": "" if n % 4 else "GBP",
        }
        values.update(overrides)
        values["region"] = regions.english_region(values["postcode"]) if values["country"] == places.ENGLAND else ""
        slug = f"bulk-event-{next_step + n}"
        event = EventPage(
            **values,
            slug=slug,
            draft_title=values["title"],
            path=index.path + _tree_step(next_step + n),
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_type,
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            start_date=times.local_date(values["start"], values["time_zone"]),
            end_date=times.local_date(values["end"], values["time_zone"]),
        )
        models.Model.save_base(event)
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)

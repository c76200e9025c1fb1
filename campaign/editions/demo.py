"""Demo content for the foundation: the page tree and every edition so far.

Facts come from published articles about the Day (dates, themes, hashtags, the first Day's
results); where they are silent the edition is flagged ``is_demo`` and labelled on the page.
The sources disagree on whether the first Day was in 2019 or 2020; the demo follows the
2022 coverage ('the 3rd year in a row') and counts 2020 as the first. Editors can change
any edition number in the admin.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from campaign import illustrations
from campaign.editions.demo_images import demo_logo, illustration_image, wagtail_image
from campaign.editions.models import (
    ContentPage,
    EditionIndexPage,
    EditionPage,
    HomePage,
    SiteSettings,
    Supporter,
)
from campaign.editions.site_record import follow_site_url, public_address

HASHTAGS = "#SocialPrescribingDay #InternationalSocialPrescribingDay"

EDITIONS = [
    {
        "year": 2020,
        "day": date(2020, 3, 12),
        "edition_number": 1,
        "theme": "Celebrating social prescribing",
        "theme_words": "",
        "summary": "The first Social Prescribing Day put link workers and community groups in the "
        "spotlight. The hashtag reached people in 11 countries and trended third in the UK.",
        "results": [
            ("29.5 million", "interactions with #SocialPrescribingDay"),
            ("11", "countries taking part"),
            ("#3", "trending in the UK"),
        ],
        "is_demo": True,
        "colours": ("#0b5d57", "#f2a541"),
        "body": "<p>Social Prescribing Day began as a way to thank the people who make social "
        "prescribing work: link workers, GPs, community groups and the people who take part. "
        "Organisations used the Day to launch reports, run events and share results, and the "
        "conversation on social media went far beyond the health service.</p>"
        "<p>The exact date of this first Day is not in our records, so the date shown is illustrative.</p>",
    },
    {
        "year": 2021,
        "day": date(2021, 3, 18),
        "edition_number": 2,
        "theme": "How communities came together during the pandemic",
        "theme_words": "Listen – Support – Connect",
        "summary": "Three words that sum up what social prescribing holds dear, on a Day that "
        "celebrated the community initiatives set up during COVID-19.",
        "hashtags": "#SocialPrescribingDay #InternationalSocialPrescribingDay",
        "is_demo": False,
        "colours": ("#224f8a", "#f7c948"),
        "body": "<p>After a year in which link workers kept people connected through lockdowns, by "
        "phone, video call and webchat as much as face to face, the 2021 Day was about listening, "
        "supporting and connecting.</p>"
        "<p>Organisations chose 18 March to publish reports and hold webinars, including new work on "
        "link worker and community capacity building, and arts and community groups shared how they "
        "had moved their activities online.</p>",
    },
    {
        "year": 2022,
        "day": date(2022, 3, 10),
        "edition_number": 3,
        "theme": "Supporting communities in their long-term health and wellbeing",
        "theme_words": "",
        "summary": "The third Social Prescribing Day in a row, on Thursday 10 March 2022, looked "
        "at how social prescribing reaches beyond primary care.",
        "is_demo": False,
        "colours": ("#7a2e5c", "#f4b860"),
        "body": "<p>Referrals now come from social workers, college tutors, hospital discharge teams "
        "and job centre staff as well as GPs, and more people refer themselves. The 2022 Day asked "
        "how community groups can be ready for that, and how the voluntary sector can be resourced "
        "fairly for the work it does.</p>",
    },
    {
        "year": 2023,
        "day": date(2023, 3, 9),
        "edition_number": 4,
        "theme": "Ten years of growing together",
        "theme_words": "",
        "summary": "Social prescribing services marked the Day with visits, cakes and thanks for "
        "the community partners they work with.",
        "is_demo": True,
        "colours": ("#2d6a2f", "#f29e4c"),
        "body": "<p>Services across the country visited the community groups they refer people to, "
        "and shared what a decade of social prescribing had taught them.</p>",
    },
    {
        "year": 2024,
        "day": date(2024, 3, 14),
        "edition_number": 5,
        "theme": "Social prescribing for all ages and backgrounds",
        "theme_words": "",
        "summary": "Celebrated during social prescribing week, with webinars and activities, and "
        "people sharing their own social prescribing journeys. Some coverage called it the 6th "
        "annual Day, counting from 2019.",
        "is_demo": True,
        "colours": ("#005a70", "#ffb347"),
        "body": "<p>Five ways to support the Day: use the hashtag before and on the Day, download "
        "the toolkit, organise an event, engage your communities, and share your social prescribing "
        "journey and your goals for next year.</p>",
    },
    {
        "year": 2025,
        "day": date(2025, 3, 13),
        "edition_number": 6,
        "theme": "Communities at the heart of health",
        "theme_words": "",
        "summary": "A Day about the community groups, charities and volunteers who receive "
        "social prescribing referrals.",
        "is_demo": True,
        "colours": ("#3f3d8f", "#f6b352"),
        "body": "<p>Link workers and the groups they work with showed what it takes to welcome "
        "someone new: time, trust and steady funding.</p>",
    },
    {
        "year": 2026,
        "day": date(2026, 3, 12),
        "edition_number": 7,
        "theme": "Every route in",
        "theme_words": "Refer – Welcome – Belong",
        "summary": "GPs, social workers, schools, job centres, hospital teams or people themselves: "
        "every route into social prescribing, celebrated.",
        "is_demo": True,
        "colours": ("#8a2d1f", "#f3c677"),
        "body": "<p>The 2026 Day followed people along the many routes into social prescribing, and "
        "the link workers who meet them at the end of each one.</p>",
    },
    {
        "year": 2027,
        "day": date(2027, 3, 12),
        "edition_number": 8,
        "theme": "Connected communities",
        "theme_words": "Listen – Connect – Thrive",
        "summary": "Join link workers, GPs, community groups and the people they support on "
        "Friday 12 March 2027: list an event, share a story and use the hashtag.",
        "is_demo": True,
        "colours": ("#0b5d57", "#f2a541"),
        "body": "<p>Social prescribing connects people with walking groups, arts, gardening, "
        "volunteering, advice and support groups: the things that help them feel well and belong. "
        "On Social Prescribing Day 2027 we celebrate those connections and the people who make them.</p>"
        "<p>Everything here is demo content until the 2027 programme is announced.</p>",
    },
]

GET_INVOLVED_WAYS = [
    ("Use the hashtag", "Share what social prescribing means to you before and on the Day with "
     "#SocialPrescribingDay.", "/stats/", "Follow the hashtag live"),
    ("Download the toolkit", "Posters, social media graphics, logos and templates ready to use.", "/toolkit/",
     "Get the toolkit"),
    ("Organise an event", "A walk, an open day, a coffee morning or a webinar: list it so people can find it.",
     "/events/submit/", "List your event"),
    ("Engage your communities", "Invite the groups you refer people to, and the people they support, to "
     "take part.", "/events/", "See what's on"),
    ("Share your story", "Tell us how social prescribing made a difference, safely and on your terms.",
     "/stories/share/", "Share your story"),
]


def _rich(html: str) -> list[tuple[str, str]]:
    return [("paragraph", html)]


def _home(stdout) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    # Wagtail's own 'Welcome' page holds the 'home' slug; it goes when ours arrives.
    for welcome in root.get_children().exact_type(Page):
        if welcome.get_children_count() == 0:
            welcome.delete()
    home = HomePage(title="Social Prescribing Day", slug="home", seo_title="Social Prescribing Day")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        address = public_address()
        Site.objects.create(hostname=address.hostname, port=address.port, root_page=home, is_default_site=True,
                            site_name="Social Prescribing Day")
    else:
        site.root_page = home
        site.site_name = "Social Prescribing Day"
        site.save()
    stdout.write("Created the home page.")
    return home


# Made-up organisations (no real body is claimed as a supporter): name, emblem, colour, about.
DEMO_SUPPORTERS = [
    ("Riverside Link Worker Network", "wave", "#0b5d57", "Demo: a regional network of social prescribing link workers."),
    ("Greenway Community Gardens", "leaf", "#1d6b34", "Demo: growing spaces where people referred by their GP garden together."),
    ("Northfield Arts Collective", "hands", "#b33a1f", "Demo: creative groups for people who feel isolated."),
    ("Harbour Walking Friends", "path", "#224f8a", "Demo: weekly walks at an easy pace, open to everyone."),
    ("Oakvale Community Choir", "note", "#5b2a86", "Demo: a choir for people who have never sung before."),
]


def _supporters(stdout) -> None:
    """Demo supporters for every year, each with a drawn logo marked DEMO LOGO."""
    if Supporter.objects.exists():
        return
    for order, (name, emblem, colour, about) in enumerate(DEMO_SUPPORTERS):
        slug = name.lower().replace(" ", "-")
        logo = wagtail_image(f"Demo supporter logo: {name}", f"Made-up logo of {name} (demo)", demo_logo(name, emblem, colour), f"demo-supporter-{slug}.png")
        Supporter.objects.create(
            name=name, logo=logo, url=f"https://{slug}.example/", about=about, is_demo=True, sort_order=order,
        )
    stdout.write(f"Created {len(DEMO_SUPPORTERS)} demo supporters.")


def load(stdout) -> None:
    home = _home(stdout)
    follow_site_url()
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        settings.contact_email = "hello@socialprescribingday.example"
        settings.press_email = "press@socialprescribingday.example"
        settings.x_url = "https://x.com/hashtag/SocialPrescribingDay"
        settings.bluesky_url = "https://bsky.app/hashtag/SocialPrescribingDay"
        settings.footer_note = "Demo site: contact details and social links are examples."
        settings.save()

    if not EditionIndexPage.objects.exists():
        home.add_child(instance=EditionIndexPage(
            title="Every Social Prescribing Day", slug="years",
            intro="Each March since 2020, people across the UK and beyond have marked Social Prescribing Day.",
        )).save_revision().publish()
        stdout.write("Created the editions archive.")
    archive = EditionIndexPage.objects.get()

    if not ContentPage.objects.filter(slug="get-involved").exists():
        ways = {
            "heading": "Five ways to support the Day",
            "ways": [
                {"heading": h, "text": t, "link": {"page": None, "url": None, "text": label}, "_url": url}
                for h, t, url, label in GET_INVOLVED_WAYS
            ],
        }
        for way in ways["ways"]:
            way["link"]["url"] = way.pop("_url")
        page = ContentPage(
            title="Get involved", slug="get-involved", illustration="volunteering",
            intro="Social Prescribing Day belongs to everyone who makes social prescribing happen. "
            "Here is how you can take part.",
            body=[("ways_to_help", ways)],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        stdout.write("Created the Get involved page.")

    for data in EDITIONS:
        if EditionPage.objects.filter(year=data["year"]).exists():
            continue
        primary, accent = data["colours"]
        # Each year leads with a different illustration of social prescribing.
        hero = illustration_image(illustrations.get(illustrations.SLUGS[data["year"] % len(illustrations.SLUGS)]))
        edition = EditionPage(
            title=f"Social Prescribing Day {data['year']}",
            slug=str(data["year"]),
            year=data["year"],
            day=data["day"],
            edition_number=data["edition_number"],
            theme=data["theme"],
            theme_words=data["theme_words"],
            summary=data["summary"],
            hashtags=data.get("hashtags", HASHTAGS),
            primary_colour=primary,
            accent_colour=accent,
            hero_image=hero,
            is_demo=data["is_demo"],
            body=_rich(data["body"]),
            results=[("figure", {"figure": f, "label": label}) for f, label in data.get("results", [])],
        )
        archive.add_child(instance=edition)
        edition.save_revision().publish()
        stdout.write(f"Created the {data['year']} edition.")
    _supporters(stdout)

"""Fuzzing every public form and query parameter with Hypothesis (500 cases each).

Inputs mix arbitrary Unicode, long text, binary-looking text, NUL bytes, and script, HTML
and SQL payloads. A response must never be a 5xx, and the payloads' markup must never come
back unescaped. Forms carry a valid spam-guard stamp so the input reaches validation and,
when valid, the real submission path (moderation, storage); the rate-limit cache is
cleared per example so the limits do not hide the forms.
"""

import os

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.submissions.antispam import signed_form_start

# 500 cases per test; FUZZ_EXAMPLES lowers it for a quick local pass, never in CI.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "500")), deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

MARKER = "zq7x"
DANGEROUS = [
    f"<script>{MARKER}()</script>",
    f'"><img src=x onerror={MARKER}()>',
    f"'><svg/onload={MARKER}()>",
    f"</textarea><script>{MARKER}</script>",
    f"javascript:{MARKER}()",
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    "%' UNION SELECT password FROM auth_user --",
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "\x00\x00nul",
    "\u202etxt.exe",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂 ﷽",
    "2027-02-30",
    "-1",
    "99999999999999999999999",
    "",
]
UNESCAPED = [f"<script>{MARKER}", f"<img src=x onerror={MARKER}", f"<svg/onload={MARKER}"]

plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
long_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1000, max_size=6000)
binary_text = st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
payload = st.one_of(
    st.sampled_from(DANGEROUS),
    plain_text,
    binary_text,
    long_text,
    st.tuples(plain_text, st.sampled_from(DANGEROUS), plain_text).map("".join),
)


def check(response) -> str:
    assert response.status_code < 500, response.status_code
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    for raw in UNESCAPED:
        assert raw not in text, f"unescaped reflection of {raw!r}"
    return text


def form_data(form_class, draw_value, extra=None) -> dict:
    data = {name: draw_value for name in form_class.base_fields}
    data.update(extra or {})
    data["form_started"] = signed_form_start(seconds_ago=30)
    data["website_address"] = ""
    return data


@pytest.fixture
def fuzz_client(demo_site, db, client):
    return client


# --- Query parameters -------------------------------------------------------------------

@FUZZ
@given(q=payload, page=payload)
def test_search(fuzz_client, q, page):
    check(fuzz_client.get("/search/", {"q": q, "page": page}))


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "type", "format", "country", "when", "date", "free",
                                               "edition", "page", "year"]), payload, max_size=6))
def test_event_listing_filters(fuzz_client, params):
    check(fuzz_client.get("/events/", params))


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "type", "format", "country", "date", "page", "edition"]),
                              payload, max_size=6))
def test_past_event_filters_and_feeds(fuzz_client, params):
    check(fuzz_client.get("/events/past/", params))


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "role", "activity", "route", "region", "year", "page"]),
                              payload, max_size=6))
def test_story_listing_filters(fuzz_client, params):
    check(fuzz_client.get("/stories/", params))


TOOLKIT_AND_STATS = ["/toolkit/", "/toolkit/years/", "/stats/", "/stats/data.json", "/stats/export.csv",
                     "/stats/embed/", "/{year}/stats/", "/{year}/stats/data.json", "/{year}/toolkit/"]


@FUZZ
@given(path=st.sampled_from(TOOLKIT_AND_STATS),
       params=st.dictionaries(st.sampled_from(["audience", "year", "page", "format", "hours", "network"]), payload,
                              max_size=3),
       year=st.one_of(st.integers(min_value=0, max_value=10**12), st.sampled_from([2020, 2024, 2027])))
def test_toolkit_and_stats_parameters(fuzz_client, path, params, year):
    check(fuzz_client.get(path.format(year=year), params))


# --- Forms --------------------------------------------------------------------------------

image_upload = st.one_of(
    st.none(),
    st.tuples(st.binary(max_size=2000), st.sampled_from(["photo.jpg", "x.svg", "a.png", "../../evil.php", "é\x00.gif"]))
    .map(lambda pair: SimpleUploadedFile(pair[1].replace("\x00", ""), pair[0])),
)


@FUZZ
@given(value=payload, overrides=st.dictionaries(st.sampled_from(
    ["title", "description", "starts_at", "ends_at", "time_zone", "country", "website", "contact_email",
     "booking_url", "event_type", "format", "postcode", "price"]), payload, max_size=5), image=image_upload)
def test_event_submission(fuzz_client, value, overrides, image):
    from events.forms import EventSubmissionForm

    cache.clear()
    data = form_data(EventSubmissionForm, value, overrides)
    if image is not None:
        data["image"] = image
    check(fuzz_client.post("/events/submit/", data))


@FUZZ
@given(value=payload, overrides=st.dictionaries(st.sampled_from(
    ["title", "what_happened", "what_changed", "name", "contact_email", "role", "activities", "region",
     "display_choice", "photo_alt_text"]), payload, max_size=5), photo=image_upload)
def test_story_sharing(fuzz_client, value, overrides, photo):
    from stories.forms import ShareStoryForm

    cache.clear()
    data = form_data(ShareStoryForm, value, overrides)
    if photo is not None:
        data["photo"] = photo
    check(fuzz_client.post("/stories/share/", data))


@FUZZ
@given(organisation=payload, message=payload, design=payload)
def test_toolkit_graphic_maker(fuzz_client, organisation, message, design):
    cache.clear()
    check(fuzz_client.post("/toolkit/make/", {
        "organisation": organisation, "message": message, "design": design,
        "form_started": signed_form_start(seconds_ago=30), "website_address": "",
    }))

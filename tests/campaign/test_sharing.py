"""Share links (campaign.sharing), the Mastodon share page and the edition page's share links."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from campaign import sharing
from tests.factories import EditionPageFactory

URL = "https://socialprescribingday.example/2027/"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_every_network_gets_the_address_and_the_text():
    links = {link.network: link for link in sharing.share_links(URL, "Social Prescribing Day 2027 #SocialPrescribingDay")}
    assert list(links) == ["x", "bluesky", "mastodon", "linkedin", "facebook", "whatsapp", "email"]
    assert _query(links["x"].url) == {"text": ["Social Prescribing Day 2027 #SocialPrescribingDay"], "url": [URL]}
    both = f"Social Prescribing Day 2027 #SocialPrescribingDay {URL}"
    assert urlsplit(links["bluesky"].url).netloc == "bsky.app" and _query(links["bluesky"].url) == {"text": [both]}
    assert links["mastodon"].url.startswith("/share/mastodon/?") and _query(links["mastodon"].url) == {"text": [both]}
    assert _query(links["linkedin"].url) == {"url": [URL]}
    assert _query(links["facebook"].url) == {"u": [URL]}
    assert _query(links["whatsapp"].url) == {"text": [both]}
    email = links["email"].url
    assert email.startswith("mailto:?") and _query(email) == {"subject": ["Social Prescribing Day 2027 #SocialPrescribingDay"], "body": [both]}
    # The hashtag's # and the address's characters are encoded, not taken as a fragment.
    assert "#" not in links["x"].url and "#" not in email
    assert not links["mastodon"].new_tab and not links["email"].new_tab and links["x"].new_tab


def test_long_text_is_cut_and_spaces_tidied():
    links = sharing.share_links(URL, "word  \n " * 200)
    text = _query(links[0].url)["text"][0]
    assert len(text) <= sharing.MAX_TEXT_LENGTH and "  " not in text


@pytest.mark.parametrize("typed, server", [
    ("mastodon.social", "mastodon.social"),
    ("  Mastodon.Social ", "mastodon.social"),
    ("https://mastodon.social/", "mastodon.social"),
    ("https://mastodon.social/@someone", "mastodon.social"),
    ("@someone@mas.to", "mas.to"),
    ("someone@social.example.org.uk", "social.example.org.uk"),
    ("mastodon.bün.de", "mastodon.xn--bn-xka.de"),
])
def test_the_server_is_found_in_what_people_type(typed, server):
    assert sharing.mastodon_server(typed) == server


@pytest.mark.parametrize("typed", ["", "mastodon", "127.0.0.1", "mastodon.social:8443", "javascript:alert(1)", "evil.com\\@x", "a..b.com", "-bad.example"])
def test_what_is_not_a_server_is_refused(typed):
    with pytest.raises(ValueError):
        sharing.mastodon_server(typed)


def test_mastodon_share_address():
    url = sharing.mastodon_share_url("@me@mastodon.social", f"Hello #SPD {URL}")
    assert url == "https://mastodon.social/share?" + "text=Hello+%23SPD+https%3A%2F%2Fsocialprescribingday.example%2F2027%2F"


@pytest.mark.django_db
def test_mastodon_page_asks_for_the_server_with_the_text_filled_in(client):
    response = client.get("/share/mastodon/", {"text": f"Social Prescribing Day {URL}"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'for="id_server"' in html and 'name="server"' in html and 'method="post"' in html
    assert f"Social Prescribing Day {URL}</textarea>" in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "<script>" not in html
    # The redirect after the form goes to the visitor's server: the policy allows HTTPS there.
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["form-action"] == "'self' https:" and policy["script-src"] == "'self'"
    assert "form-action 'self';" in client.get("/styleguide/")["Content-Security-Policy"] + ";"


@pytest.mark.django_db
def test_mastodon_page_sends_the_visitor_to_their_server(client):
    response = client.post("/share/mastodon/", {"server": "https://mas.to/@me", "text": f"Hi {URL}"})
    assert response.status_code == 302
    assert response["Location"] == "https://mas.to/share?text=Hi+https%3A%2F%2Fsocialprescribingday.example%2F2027%2F"


@pytest.mark.django_db
def test_mastodon_page_says_what_is_wrong_with_the_server(client):
    response = client.post("/share/mastodon/", {"server": "not a server", "text": "Hi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_server"' in html
    assert "That is not a server address" in html and 'aria-invalid="true"' in html
    response = client.post("/share/mastodon/", {"server": "", "text": "Hi"})
    assert "Enter the address of your Mastodon server" in response.content.decode()


@pytest.mark.django_db
def test_a_link_cannot_redirect_anyone(client):
    """Only the posted form redirects: a crafted GET link shows the form."""
    response = client.get("/share/mastodon/", {"server": "evil.example", "text": "Hi"})
    assert response.status_code == 200


@pytest.mark.django_db
@override_settings(SITE_URL="https://socialprescribingday.example")
def test_edition_page_shares_its_public_address(client, home_page):
    edition = EditionPageFactory(parent=home_page, year=2027, day=date(2027, 3, 12), hashtags="#SocialPrescribingDay #SPD27")
    html = client.get("/2027/").content.decode()
    assert 'aria-labelledby="share-' in html and "Share the Day" in html
    assert "https://x.com/intent/post?text=Social+Prescribing+Day+2027+%23SocialPrescribingDay&amp;url=https%3A%2F%2Fsocialprescribingday.example%2F2027%2F" in html
    assert 'value="https://socialprescribingday.example/2027/" readonly' in html
    assert 'data-copy-target="share-' in html and "Copy link</button>" in html
    assert edition.main_hashtag == "#SocialPrescribingDay"

"""The toolkit pages, downloads and the graphic maker, through the Django test client."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaign.submissions import antispam
from tests.toolkit.factories import make_image, make_resource, make_toolkit, png_bytes
from toolkit.models import ResourceDownloadDay, Toolkit

pytestmark = pytest.mark.django_db


def test_current_toolkit_lists_resources_by_category(client, toolkit):
    response = client.get("/toolkit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Campaign toolkit 2040" in html
    assert html.index('id="posters-heading"') < html.index('id="guides-heading"')
    assert "A4 poster" in html and "Guide for link workers" in html
    # The suggested post is text on the page; the copy button only appears with JavaScript.
    assert "We support #SocialPrescribingDay!" in html
    assert 'data-copy-target="post-copy-' in html and " hidden>" in html
    assert "Keep the logo teal." in html
    assert "PDF" in html


def test_audience_filter(client, toolkit):
    response = client.get("/toolkit/?audience=link-workers")
    html = response.content.decode()
    assert "Guide for link workers" in html
    assert "A4 poster" not in html
    assert 'aria-current="true">Link workers' in html
    # An unknown audience shows everything rather than an error.
    assert "A4 poster" in client.get("/toolkit/?audience=nobody").content.decode()


def test_each_year_has_its_own_toolkit_and_a_listing(client, toolkit, past_edition):
    make_resource(make_toolkit(past_edition), "Old poster")
    response = client.get("/2021/toolkit/")
    assert response.status_code == 200
    assert "Old poster" in response.content.decode()
    assert "This is the toolkit from 2021" in response.content.decode()
    listing = client.get("/toolkit/years/").content.decode()
    assert "/2021/toolkit/" in listing and "/2040/toolkit/" in listing
    assert client.get("/2040/toolkit/").status_code == 200


def test_unpublished_toolkit_is_hidden(client, toolkit):
    Toolkit.objects.filter(pk=toolkit.pk).update(live=False)
    assert client.get("/2040/toolkit/").status_code == 404
    response = client.get("/toolkit/")
    assert response.status_code == 200
    assert "is on its way" in response.content.decode()
    resource = toolkit.resources.first()
    assert client.get(f"/toolkit/download/{resource.pk}/").status_code == 404


def test_toolkit_page_query_count_does_not_grow_with_resources(client, edition, audiences, settings):
    from django.db import connection

    settings.PAGE_CACHE_SECONDS = 0  # measure the view, not the page cache
    toolkit = make_toolkit(edition)

    def add(n, start):
        for i in range(start, start + n):
            image = make_image(f"Graphic {i}", png_bytes(), f"g{i}.png") if i % 2 else None
            make_resource(toolkit, f"Resource {i}", ["posters", "social", "guides"][i % 3], image=image,
                          audiences=[audiences["press"], audiences["link-workers"]])

    add(5, 0)
    client.get("/toolkit/")  # renditions are made on the first view
    with CaptureQueriesContext(connection) as few:
        assert client.get("/toolkit/").status_code == 200
    add(25, 5)
    client.get("/toolkit/")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/toolkit/").status_code == 200
    assert len(few) > 3  # the page really ran its queries
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_download_counts_and_streams_an_attachment(client, toolkit):
    resource = toolkit.resources.get(title="A4 poster")
    url = reverse("toolkit:download", args=[resource.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="a4-poster.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.get(url)
    client.head(url)  # a HEAD request is not a download
    counter = ResourceDownloadDay.objects.get(resource=resource)
    assert counter.count == 2
    assert counter.day == date.today() or counter.day is not None


def test_image_only_resource_downloads_the_original(client, toolkit):
    image = make_image("Logo", png_bytes((300, 200)), "logo.png")
    resource = make_resource(toolkit, "Logo", "brand", image=image)
    response = client.get(reverse("toolkit:download", args=[resource.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="logo.png"'
    assert b"".join(response.streaming_content) == image.file.open("rb").read()


def test_zip_link_appears_once_built(client, toolkit):
    from toolkit.archive import build_archive

    assert "being prepared" in client.get("/toolkit/").content.decode()
    assert client.get("/2040/toolkit/download.zip").status_code == 404
    build_archive(toolkit.pk)
    html = client.get("/toolkit/").content.decode()
    assert "/2040/toolkit/download.zip" in html
    response = client.get("/2040/toolkit/download.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="social-prescribing-day-2040-toolkit.zip"'
    assert toolkit.archive_download_days.get().count == 1


def test_home_and_edition_pages_link_to_the_toolkit(client, toolkit, edition):
    assert "/toolkit/make/" in client.get("/").content.decode()
    assert "/2040/toolkit/" in client.get(edition.url).content.decode()


# --- The graphic maker -------------------------------------------------------------------


def post_graphic(client, chosen, **overrides):
    data = {
        "design": chosen.pk,
        "organisation": "Age UK Ynys Môn",
        "message": "We're supporting Social Prescribing Day",
        "form_started": antispam.signed_form_start(seconds_ago=30),
        "website_address": "",
    }
    data.update(overrides)
    return client.post(reverse("toolkit:make"), data)


def test_maker_form_shows_the_designs(client, design):
    response = client.get("/toolkit/make/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{design.pk}"' in html and "checked" in html
    assert 'for="id_organisation"' in html


def test_making_a_graphic_redirects_to_the_results(client, design):
    response = post_graphic(client, design)
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    html = result.content.decode()
    assert "Your graphics are ready" in html
    assert 'alt="Square post: “Age UK Ynys Môn” and “We&#x27;re supporting Social Prescribing Day”' in html
    assert html.count('class="toolkit-result__preview') == 5
    key = response["Location"].rstrip("/").split("/")[-1]
    download = client.get(reverse("toolkit:graphic_download", args=[key, "poster"]))
    assert download["Content-Disposition"] == 'attachment; filename="social-prescribing-day-2040-poster.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("toolkit:graphic_download", args=[key, "nope"])).status_code == 404


@pytest.mark.parametrize("overrides,field,message", [
    ({"organisation": ""}, "organisation", "Enter your organisation&#x27;s name."),
    ({"organisation": "   "}, "organisation", "Enter your organisation&#x27;s name."),
    ({"organisation": "x" * 81}, "organisation", "Use 80 characters or fewer (you used 81)."),
    ({"message": "x" * 161}, "message", "Use 160 characters or fewer (you used 161)."),
    ({"organisation": "Age\x1bUK"}, "organisation", "Remove the hidden control characters"),
    ({"message": "Hi\u202eevil"}, "message", "Remove the hidden control characters"),
    ({"organisation": "😀🎉"}, "organisation", "emoji and symbols are left out"),
    ({"message": "1\n2\n3\n4\n5"}, "message", "Use 4 lines or fewer."),
    ({"design": "999999"}, "design", "Choose one of the designs shown."),
])
def test_bad_input_gets_a_clear_message_on_the_field(client, design, overrides, field, message):
    response = post_graphic(client, design, **overrides)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    if field != "design":
        assert f'id="id_{field}_error"' in html
        assert 'aria-invalid="true"' in html


def test_honeypot_and_speed_checks_apply(client, design):
    assert post_graphic(client, design, website_address="http://spam").status_code == 400
    assert post_graphic(client, design, form_started=antispam.signed_form_start()).status_code == 400


def test_the_form_is_rate_limited_per_visitor(client, design, monkeypatch):
    from toolkit import views

    monkeypatch.setattr(views, "GRAPHIC_RATE_LIMIT", 2)
    assert post_graphic(client, design).status_code == 302
    assert post_graphic(client, design).status_code == 302
    response = post_graphic(client, design)
    assert response.status_code == 429
    assert "Please wait" in response.content.decode()


def test_unknown_graphic_key_is_not_found(client, db):
    response = client.get("/toolkit/make/" + "a" * 64 + "/")
    assert response.status_code == 404
    assert "Make your graphics again" in response.content.decode()


def test_no_designs_yet(client, edition):
    response = client.get("/toolkit/make/")
    assert "no designs to choose from yet" in response.content.decode()


def test_the_current_toolkit_is_kept_until_an_editor_changes_it(client, toolkit, kept_fragments):
    """Which toolkit is current, or a year's, is the same for every visitor: the worker keeps
    it (no query on a warm render), and an editor's change, the zip built and unpublishing
    included, shows at once."""
    from toolkit.archive import build_archive

    client.cookies["sessionid"] = "not-a-real-session"  # renders every time, from kept copies
    assert "Everything for the Day." in client.get("/toolkit/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "Everything for the Day." in client.get("/toolkit/").content.decode()
    assert not [q for q in warm.captured_queries if "toolkit_toolkit" in q["sql"]], warm.captured_queries
    with CaptureQueriesContext(connection) as warm:
        assert "Everything for the Day." in client.get("/2040/toolkit/").content.decode()
        assert "Everything for the Day." in client.get("/2040/toolkit/").content.decode()
    assert len([q for q in warm.captured_queries if 'FROM "toolkit_toolkit"' in q["sql"]]) <= 1
    toolkit.intro = "Posters, guides and graphics."
    toolkit.save()
    assert "Posters, guides and graphics." in client.get("/toolkit/").content.decode()
    assert "Posters, guides and graphics." in client.get("/2040/toolkit/").content.decode()
    build_archive(toolkit.pk)  # the worker's zip, saved when built
    assert "/2040/toolkit/download.zip" in client.get("/toolkit/").content.decode()
    assert "/2040/toolkit/download.zip" in client.get("/2040/toolkit/").content.decode()
    toolkit.live = False
    toolkit.save()
    assert "is on its way" in client.get("/toolkit/").content.decode()
    assert client.get("/2040/toolkit/").status_code == 404

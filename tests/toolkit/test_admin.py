"""Editors manage toolkits and designs in Wagtail; the downloads report needs a login."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from campaign.editions.days import today
from tests.factories import UserFactory
from tests.toolkit.factories import make_resource
from toolkit.downloads import count_resource_download, most_downloaded

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/toolkit-downloads/"


def test_report_requires_login(client, toolkit):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_report_refuses_users_without_toolkit_permissions(client, toolkit):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)


def test_report_lists_most_downloaded_first(admin_client, toolkit):
    poster, guide = toolkit.resources.order_by("sort_order")
    for _ in range(3):
        count_resource_download(guide.pk)
    count_resource_download(poster.pk)
    count_resource_download(poster.pk, on=today() - timedelta(days=60))
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Guide for link workers") < html.index("A4 poster")
    rows = list(most_downloaded("30"))
    assert [(r.title, r.downloads) for r in rows] == [("Guide for link workers", 3), ("A4 poster", 1)]
    assert [(r.title, r.downloads) for r in most_downloaded("all")][0] == ("Guide for link workers", 3)
    assert {r.title: r.downloads for r in most_downloaded("all")}["A4 poster"] == 2
    csv = admin_client.get(REPORT + "?export=csv")
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content) if csv.streaming else csv.content
    assert b"Guide for link workers,2040,guides,3" in body.replace(b"\r\n", b"\n")


def test_report_is_in_the_reports_menu_for_editors(admin_client, toolkit):
    assert REPORT in admin_client.get("/admin/").content.decode()


def test_editors_group_with_toolkit_permissions_sees_the_report(client, toolkit):
    group = Group.objects.create(name="Toolkit editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_toolkit"),
    )
    user = UserFactory()
    user.groups.add(group)
    client.force_login(user)
    assert client.get(REPORT).status_code == 200


def test_snippet_listings_and_edit_forms_load(admin_client, toolkit, design):
    for name in ("toolkit", "graphicdesign", "audience"):
        assert admin_client.get(reverse(f"wagtailsnippets_toolkit_{name}:list")).status_code == 200
    edit = admin_client.get(reverse("wagtailsnippets_toolkit_toolkit:edit", args=[toolkit.pk]))
    assert edit.status_code == 200
    assert "Guide for link workers" in edit.content.decode()
    assert admin_client.get(reverse("wagtailsnippets_toolkit_graphicdesign:edit", args=[design.pk])).status_code == 200


def test_design_rejects_a_text_box_off_the_canvas_or_too_small(edition, design):
    from django.core.exceptions import ValidationError

    design.box_left, design.box_width = 0.5, 0.6
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "right edge" in str(error.value)
    design.box_left, design.box_width, design.box_height = 0.1, 0.8, 0.05
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "at least 0.15 high" in str(error.value)
    design.box_height, design.panel_colour, design.text_colour = 0.3, "#777777", "#888888"
    with pytest.raises(ValidationError) as error:
        design.full_clean()
    assert "4.5:1" in str(error.value)


def test_resource_needs_a_file(toolkit):
    from django.core.exceptions import ValidationError

    from toolkit.models import ToolkitResource

    resource = ToolkitResource(toolkit=toolkit, title="Nothing", category="other")
    with pytest.raises(ValidationError):
        resource.clean()


def test_counting_is_one_row_per_resource_per_day(toolkit):
    from toolkit.models import ResourceDownloadDay

    resource = make_resource(toolkit, "Counted")
    for _ in range(5):
        count_resource_download(resource.pk)
    count_resource_download(resource.pk, on=today() - timedelta(days=1))
    rows = ResourceDownloadDay.objects.filter(resource=resource).order_by("day")
    assert [r.count for r in rows] == [1, 5]


def test_first_download_race_loses_no_count(toolkit, monkeypatch):
    """Two first downloads at once: the second INSERT fails on the unique constraint and updates instead."""
    from toolkit import downloads
    from toolkit.models import ResourceDownloadDay

    resource = toolkit.resources.first()
    ResourceDownloadDay.objects.create(resource=resource, day=today(), count=1)
    real_filter = ResourceDownloadDay.objects.filter
    calls = {"n": 0}

    class StaleFirstUpdate:
        def __init__(self, qs):
            self.qs = qs

        def update(self, **kwargs):
            calls["n"] += 1
            return 0 if calls["n"] == 1 else self.qs.update(**kwargs)

    monkeypatch.setattr(ResourceDownloadDay.objects, "filter", lambda **kw: StaleFirstUpdate(real_filter(**kw)))
    downloads.count_resource_download(resource.pk)
    monkeypatch.undo()
    assert ResourceDownloadDay.objects.get(resource=resource).count == 2


def test_design_preview_in_the_admin_shows_every_size(admin_client, design):
    url = reverse("wagtailsnippets_toolkit_graphicdesign:preview_on_edit", args=[design.pk])
    data = {
        "edition": design.edition_id, "name": design.name, "background": design.background_id,
        "background_description": design.background_description, "box_left": 0.1, "box_top": 0.5,
        "box_width": 0.8, "box_height": 0.28, "text_colour": "#1b1b1f", "panel_colour": "#fffaf3",
        "alignment": "centre", "band_position": "bottom", "band_colour": "#fffaf3", "band_text_colour": "#1b1b1f",
        "sort_order": 0, "live": "on",
    }
    assert admin_client.post(url, data).json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('src="data:image/jpeg;base64,') == 5
    # Framed by the admin itself, so the public site's frame-ancestors 'none' must not apply.
    assert "frame-ancestors 'none'" not in response.get("Content-Security-Policy", "")

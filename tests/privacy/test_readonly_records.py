"""Records only the system writes (tracking runs, organisers' private records) are read-only in the admin:
listed, filtered, inspected and (tracking runs) exported, never added, edited or deleted."""

import pytest
from django.utils import timezone

from campaign.editions.models import EditionPage
from campaign.reach.models import IngestRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(sections):
    edition = EditionPage.objects.get(year=2027)
    return IngestRun.objects.create(edition=edition, network="mastodon", started_at=timezone.now(), status="ok",
                                    posts_new=3)


def test_tracking_runs_are_listed_filtered_and_exported_but_never_added_or_edited(admin_client, run):
    listing = admin_client.get("/admin/snippets/reach/ingestrun/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "/admin/snippets/reach/ingestrun/add/" not in html
    assert f"/admin/snippets/reach/ingestrun/edit/{run.pk}/" not in html
    assert f"/admin/snippets/reach/ingestrun/inspect/{run.pk}/" in html
    assert admin_client.get("/admin/snippets/reach/ingestrun/?status=ok").status_code == 200
    assert admin_client.get(f"/admin/snippets/reach/ingestrun/inspect/{run.pk}/").status_code == 200

    exported = admin_client.get("/admin/snippets/reach/ingestrun/?export=csv")
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    rows = b"".join(exported.streaming_content).decode() if exported.streaming else exported.content.decode()
    assert "mastodon" in rows

    for url in ["/admin/snippets/reach/ingestrun/add/", f"/admin/snippets/reach/ingestrun/edit/{run.pk}/",
                f"/admin/snippets/reach/ingestrun/delete/{run.pk}/"]:
        assert admin_client.get(url).status_code in (302, 403), url
        admin_client.post(url, {"network": "x", "status": "ok"})
    run.refresh_from_db()
    assert IngestRun.objects.count() == 1 and run.network == "mastodon"


def test_organisers_private_records_are_inspected_never_added_or_edited(admin_client, submit_event):
    submission = submit_event()
    listing = admin_client.get("/admin/event_submissions/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "/admin/event_submissions/new/" not in html
    assert f"/admin/event_submissions/edit/{submission.pk}/" not in html
    assert f"/admin/event_submissions/inspect/{submission.pk}/" in html
    assert admin_client.get(f"/admin/event_submissions/inspect/{submission.pk}/").status_code == 200
    for url in ["/admin/event_submissions/new/", f"/admin/event_submissions/edit/{submission.pk}/",
                f"/admin/event_submissions/delete/{submission.pk}/"]:
        assert admin_client.get(url).status_code in (302, 403), url
        admin_client.post(url, {"contact_name": "Someone else", "contact_email": "other@example.org"})
    submission.refresh_from_db()
    assert submission.contact_name != "Someone else"
    assert submission.__class__.objects.filter(pk=submission.pk).exists()

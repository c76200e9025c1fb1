from io import StringIO

import pytest
from django.core.management import call_command

from toolkit.models import GraphicDesign, Toolkit, ToolkitResource

pytestmark = pytest.mark.django_db


def test_demo_toolkit_is_made_once_and_labelled(client):
    from campaign.editions import demo as campaign_demo
    from toolkit import demo

    out = StringIO()
    campaign_demo.load(out)
    demo.load(out)
    counts = (Toolkit.objects.count(), ToolkitResource.objects.count(), GraphicDesign.objects.count())
    assert counts[0] == 2 and counts[1] >= 12 and counts[2] == 3
    assert all(t.is_demo for t in Toolkit.objects.all())
    demo.load(out)
    assert (Toolkit.objects.count(), ToolkitResource.objects.count(), GraphicDesign.objects.count()) == counts
    # Every category is represented, with documents (PDF, text) and images.
    current = Toolkit.objects.get(edition__year=2027)
    assert {r.category for r in current.resources.all()} == {
        "posters", "social", "brand", "slides", "templates", "guides"
    }
    assert current.resources.filter(document__isnull=False).exists()
    assert current.resources.filter(audiences__slug="link-workers").exists()
    call_command("build_toolkit_archives", stdout=out)
    html = client.get("/2027/toolkit/").content.decode()
    assert "demo-label" in html and "download.zip" in html

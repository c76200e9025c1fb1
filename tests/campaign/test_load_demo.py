from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from campaign.editions.models import ContentPage, EditionIndexPage, EditionPage, HomePage


@pytest.mark.django_db
def test_load_demo_is_idempotent(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-demo-password-123")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Admin: http://testserver/admin/" in out.getvalue()
    counts = (HomePage.objects.count(), EditionPage.objects.count(), ContentPage.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (HomePage.objects.count(), EditionPage.objects.count(), ContentPage.objects.count()) == counts
    assert HomePage.objects.count() == 1 and EditionIndexPage.objects.count() == 1
    years = list(EditionPage.objects.order_by("year").values_list("year", flat=True))
    assert years[0] == 2020 and years[-1] == 2027
    assert get_user_model().objects.get(username="admin").check_password("a-long-demo-password-123")


@pytest.mark.django_db
def test_load_demo_uses_the_seeded_facts(client):
    call_command("load_demo", "--no-superuser", stdout=StringIO())
    e2021 = EditionPage.objects.get(year=2021)
    assert e2021.day.isoformat() == "2021-03-18" and e2021.theme_words == "Listen – Support – Connect"
    e2022 = EditionPage.objects.get(year=2022)
    assert e2022.day.isoformat() == "2022-03-10" and e2022.edition_number == 3
    first = EditionPage.objects.get(year=2020)
    figures = [b.value["figure"] for b in first.results]
    assert figures == ["29.5 million", "11", "#3"]
    assert first.is_demo
    html = client.get("/2027/").content.decode()
    assert "Demo" in html
    assert client.get("/").status_code == 200
    assert client.get("/get-involved/").status_code == 200

"""Factories shared by every app's tests."""

from datetime import date

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from campaign.editions.models import ContentPage, EditionIndexPage, EditionPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Social Prescribing Day"
    slug = "home"

    class Meta:
        model = HomePage


class EditionPageFactory(wagtail_factories.PageFactory):
    # Within the model's 2000–2100 range however many editions a test session makes.
    year = factory.Sequence(lambda n: 2030 + n % 70)
    title = factory.LazyAttribute(lambda o: f"Social Prescribing Day {o.year}")
    slug = factory.LazyAttribute(lambda o: str(o.year))
    day = factory.LazyAttribute(lambda o: date(o.year, 3, 12))
    theme = "Connected communities"
    summary = "A day to celebrate social prescribing."

    class Meta:
        model = EditionPage


class EditionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Every Social Prescribing Day"
    slug = "years"

    class Meta:
        model = EditionIndexPage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "An introduction."

    class Meta:
        model = ContentPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def save_after(obj, create, extracted, **kwargs):
        if create:
            obj.save()

from .home import HomePage
from .pages import ContentPage, EditionIndexPage, EditionPage, SharingMixin
from .settings import SiteSettings

__all__ = ["ContentPage", "EditionIndexPage", "EditionPage", "HomePage", "SharingMixin", "SiteSettings"]

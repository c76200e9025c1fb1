from .pages import ContentPage, EditionIndexPage, EditionPage, HomePage, SharingMixin
from .settings import SiteSettings

__all__ = ["ContentPage", "EditionIndexPage", "EditionPage", "HomePage", "SharingMixin", "SiteSettings"]

from .pages import ContentPage, EditionIndexPage, EditionPage, HomePage
from .settings import SiteSettings

__all__ = ["ContentPage", "EditionIndexPage", "EditionPage", "HomePage", "SiteSettings"]

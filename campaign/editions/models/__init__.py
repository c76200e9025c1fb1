from .pages import ContentPage, EditionIndexPage, EditionPage, HomePage, SharingMixin
from .settings import SiteSettings
from .supporters import Supporter, supporters_of

__all__ = ["ContentPage", "EditionIndexPage", "EditionPage", "HomePage", "SharingMixin", "SiteSettings", "Supporter", "supporters_of"]

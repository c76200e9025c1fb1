"""What the editions app adds to the site through campaign.registry: the page tree's demo content first."""

from wagtail import hooks

from campaign import registry
from campaign.editions import demo

# The home page, editions and settings that every other app's demo content hangs from.
hooks.register(registry.DEMO_LOADER, demo.load, order=0)

"""Where events are: counts for the UK's nations and England's regions, as a tile map.

A tile map (each nation or region a square, placed roughly where it lies) is drawn as SVG
on the server: no map tiles, no third-party script, readable at any size, and every tile
links to the listing filtered to it. Online events have no place and are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from urllib.parse import urlencode

from django.db.models import Count, QuerySet

from events import places
from events.choices import ONLINE
from events.regions import REGION_NAMES

TILE_W, TILE_H, GAP, MARGIN = 112, 78, 8, 4
LEVELS = 4

# (key, label, column, row): the place code for nations, the region key in England; "|" breaks the label.
TILES = [
    ("GB-SCT", "Scotland", 2, 0),
    ("GB-NIR", "Northern|Ireland", 0, 1),
    ("north_east", "North|East", 3, 1),
    ("north_west", "North|West", 2, 2),
    ("yorkshire", "Yorkshire &|Humber", 3, 2),
    ("GB-WLS", "Wales", 1, 3),
    ("west_midlands", "West|Midlands", 2, 3),
    ("east_midlands", "East|Midlands", 3, 3),
    ("east", "East of|England", 4, 3),
    ("south_west", "South|West", 1, 4),
    ("south_east", "South|East", 2, 4),
    ("london", "London", 3, 4),
]


@dataclass(frozen=True)
class Tile:
    key: str
    label: tuple[str, ...]
    name: str
    count: int
    url: str
    x: int
    y: int
    level: int


@dataclass(frozen=True)
class Place:
    name: str
    count: int
    url: str


@dataclass(frozen=True)
class EventMap:
    tiles: tuple[Tile, ...]
    england_unplaced: Place | None
    other_countries: tuple[Place, ...]
    online: int
    width: int = 5 * (TILE_W + GAP) - GAP + 2 * MARGIN
    height: int = 5 * (TILE_H + GAP) - GAP + 2 * MARGIN
    tile_w: int = TILE_W
    tile_h: int = TILE_H

    @property
    def placed(self) -> int:
        return sum(t.count for t in self.tiles) + (self.england_unplaced.count if self.england_unplaced else 0) + sum(
            p.count for p in self.other_countries
        )


def _url(base: str, params: dict, **filters) -> str:
    return f"{base}?{urlencode({**params, **filters})}"


def event_map(events: QuerySet, *, listing_url: str = "/events/", params: dict | None = None) -> EventMap:
    """Counts of ``events`` by nation, English region and country, in one query."""
    params = params or {}
    counts: dict[tuple[str, str], int] = {}
    online = 0
    # order_by(): a model ordering would join the GROUP BY and return a row per event.
    for row in events.values("format", "country", "region").annotate(n=Count("pk")).order_by():
        if row["format"] == ONLINE:
            online += row["n"]
        elif row["country"]:
            key = (row["country"], row["region"] if row["country"] == places.ENGLAND else "")
            counts[key] = counts.get(key, 0) + row["n"]
    by_tile = {region: n for (country, region), n in counts.items() if country == places.ENGLAND and region}
    by_tile.update({country: n for (country, _), n in counts.items() if country.startswith("GB-") and country != places.ENGLAND})
    peak = max(by_tile.values(), default=0)
    tiles = tuple(
        Tile(
            key=key, label=tuple(label.split("|")), name=places.PLACE_NAMES.get(key) or REGION_NAMES[key], count=by_tile.get(key, 0),
            url=_url(listing_url, params, country=key) if key.startswith("GB-")
            else _url(listing_url, params, country=places.ENGLAND, region=key),
            x=MARGIN + col * (TILE_W + GAP), y=MARGIN + row * (TILE_H + GAP),
            level=ceil(by_tile.get(key, 0) / peak * LEVELS) if peak else 0,
        )
        for key, label, col, row in TILES
    )
    unplaced = counts.get((places.ENGLAND, ""), 0)
    others = sorted(
        (Place(places.country_name(country), n, _url(listing_url, params, country=country))
         for (country, _), n in counts.items() if not country.startswith("GB-")),
        key=lambda p: (-p.count, p.name),
    )
    return EventMap(
        tiles=tiles,
        england_unplaced=Place("England, region not known", unplaced, _url(listing_url, params, country=places.ENGLAND))
        if unplaced else None,
        other_countries=tuple(others),
        online=online,
    )

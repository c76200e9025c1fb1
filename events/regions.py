"""England's nine regions (ITL1), found from an event's postcode, for the map and its filters.

Organisers choose a country or UK nation; for England the region comes from the postcode's
area (its leading letters: 'LS' in 'LS5 3EH' is Leeds, so Yorkshire and the Humber). A few
areas straddle a regional border, so this is the region most of the area lies in; an event
whose postcode is missing or is a place name has no region and counts as "England".
"""

from __future__ import annotations

import re

REGIONS = [
    ("north_east", "North East"),
    ("north_west", "North West"),
    ("yorkshire", "Yorkshire and the Humber"),
    ("east_midlands", "East Midlands"),
    ("west_midlands", "West Midlands"),
    ("east", "East of England"),
    ("london", "London"),
    ("south_east", "South East"),
    ("south_west", "South West"),
]
REGION_NAMES = dict(REGIONS)

_AREAS = {
    "north_east": "NE SR DH DL TS",
    "north_west": "CA LA PR BB BL FY WN WA M OL SK L CH CW",
    "yorkshire": "YO HU DN S LS BD HX HD HG WF",
    "east_midlands": "DE NG LE LN NN",
    "west_midlands": "B CV DY WS WV ST TF WR HR SY",
    "east": "CB CM CO IP NR PE SG AL LU SS EN WD",
    "london": "E EC N NW SE SW W WC BR CR HA IG RM SM TW UB",
    "south_east": "BN CT GU HP KT ME MK OX PO RG RH SL SO TN DA",
    "south_west": "BA BH BS DT EX GL PL SN SP TA TQ TR",
}
POSTCODE_AREAS = {area: region for region, areas in _AREAS.items() for area in areas.split()}
_OUTWARD = re.compile(r"^([A-Z]{1,2})[0-9]")


def english_region(postcode: str) -> str:
    """The region key of an English postcode, or "" when the postcode does not say."""
    match = _OUTWARD.match(postcode.strip().upper().replace(" ", ""))
    return POSTCODE_AREAS.get(match.group(1), "") if match else ""

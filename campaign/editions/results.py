"""An edition's results report: what each part of the site holds of the Day, in one place.

Comms teams used to rebuild this picture by hand for their board and funders. Each app
knows its own figures, so each registers a builder (``register_results_section`` in
``campaign.registry``) that returns a ``ResultsSection`` of plain data: headline figures
with the note that says how each is counted, breakdowns (a bar chart with its table),
timelines and listings. The page, the PDF, the JSON and the CSV are all drawn from the
same ``Report``, so they can never disagree, and nothing here knows an app's models.

Nothing personal is in a report: counts, public posts and public accounts only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.utils import timezone

from campaign import registry
from campaign.editions import days

NOT_YET, LIVE, FINAL = "not_yet", "live", "final"


@dataclass(frozen=True)
class Figure:
    """One headline number and how it is counted."""

    key: str
    label: str
    value: int | None
    note: str


@dataclass(frozen=True)
class Breakdown:
    """Counts per category, largest first: drawn as bars with the same numbers in a table."""

    key: str
    title: str
    rows: tuple[tuple[str, int], ...]
    note: str
    empty: str = "None."

    @property
    def total(self) -> int:
        return sum(count for _, count in self.rows)

    @property
    def peak(self) -> int:
        return max((count for _, count in self.rows), default=0)


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[int, ...]
    current: bool = False


@dataclass(frozen=True)
class Timeline:
    """Values over time for this edition and earlier ones, at the same offset from each Day."""

    key: str
    title: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    note: str

    @property
    def peak(self) -> int:
        return max((max(s.values, default=0) for s in self.series), default=0)


@dataclass(frozen=True)
class Listing:
    """A ranked table (top posts, top contributors); ``links`` holds each row's public address."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str
    links: tuple[str, ...] = ()
    empty: str = "None."


@dataclass(frozen=True)
class ResultsSection:
    key: str
    title: str
    figures: tuple[Figure, ...] = ()
    timelines: tuple[Timeline, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    listings: tuple[Listing, ...] = ()
    demo: bool = False
    intro: str = ""
    #: An app's own picture of its figures on the page (e.g. the events map), with its stylesheet.
    #: Only the HTML page shows it: its numbers are in the section's breakdowns too.
    extra_template: str = ""
    extra_css: str = ""
    extra_context: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Highlight:
    """One of the editors' highlights (a quote, a trending position, a media mention, a report)."""

    kind: str
    label: str
    text: str
    source: str = ""
    url: str = ""


@dataclass(frozen=True)
class Report:
    year: int
    title: str
    day: date | None
    theme: str
    hashtags: tuple[str, ...]
    state: str
    generated_at: datetime
    sections: tuple[ResultsSection, ...]
    highlights: tuple[Highlight, ...] = field(default_factory=tuple)

    @property
    def demo(self) -> bool:
        return any(section.demo for section in self.sections)

    @property
    def live(self) -> bool:
        return self.state == LIVE


def results_state(day: date | None, on: date) -> str:
    """Not yet before the Day; live on the Day itself; final from the day after.

    Undated editions have no results: there is no Day to report on.
    """
    state = days.day_state(day, on)
    if state == days.TODAY:
        return LIVE
    if state == days.PAST:
        return FINAL
    return NOT_YET


def build_report(edition, *, on: date | None = None) -> Report:
    """Every registered app's part of the edition's report, and the editors' highlights."""
    state = results_state(edition.day, on or days.today())
    sections = tuple(
        section for build in registry.results_providers() if (section := build(edition)) is not None
    )
    return Report(
        year=edition.year,
        title=edition.title,
        day=edition.day,
        theme=edition.theme,
        hashtags=tuple(edition.hashtag_list),
        state=state,
        generated_at=timezone.now(),
        sections=sections,
        highlights=tuple(highlights_of(edition)),
    )


def highlights_of(edition) -> Iterable[Highlight]:
    """The headline results editors entered, then their quotes, trending positions, mentions and reports."""
    for block in edition.results:
        yield Highlight("figure", "Headline result", block.value["figure"], block.value["label"])
    for block in edition.highlights:
        yield block.block.as_highlight(block.value)


def report_as_dict(report: Report) -> dict:
    """The whole report as JSON-ready data, for people who make their own charts."""
    data = asdict(report)
    data["day"] = report.day.isoformat() if report.day else None
    data["generated_at"] = report.generated_at.isoformat()
    data["demo"] = report.demo
    for section, original in zip(data["sections"], report.sections, strict=True):
        for name in ("extra_template", "extra_css", "extra_context"):
            section.pop(name)
        for breakdown, rows in zip(section["breakdowns"], original.breakdowns, strict=True):
            breakdown["rows"] = [{"label": label, "count": count} for label, count in rows.rows]
            breakdown["total"] = rows.total
        for listing in section["listings"]:
            listing["rows"] = [dict(zip(listing["columns"], row, strict=True)) for row in listing["rows"]]
    return data


CSV_HEADER = ("section", "table", "label", "series", "value", "note")


def report_csv_rows(report: Report) -> list[tuple]:
    """One row per number in the report: figures, then each breakdown, timeline and listing."""
    rows: list[tuple] = []
    for section in report.sections:
        for figure in section.figures:
            rows.append((section.title, "Headline figures", figure.label, "", _cell(figure.value), figure.note))
        for breakdown in section.breakdowns:
            for label, count in breakdown.rows:
                rows.append((section.title, breakdown.title, label, "", count, breakdown.note))
        for timeline in section.timelines:
            for series in timeline.series:
                for label, value in zip(timeline.x_labels, series.values, strict=True):
                    rows.append((section.title, timeline.title, label, series.label, value, timeline.note))
        for listing in section.listings:
            for rank, row in enumerate(listing.rows, start=1):
                text = " · ".join(f"{column}: {cell}" for column, cell in zip(listing.columns, row, strict=True))
                rows.append((section.title, listing.title, str(rank), "", text, listing.note))
    for highlight in report.highlights:
        rows.append(("Highlights", highlight.label, highlight.text, highlight.source, highlight.url, ""))
    return rows


def _cell(value: int | None) -> int | str:
    return "" if value is None else value


def counted(pairs: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Rows with a count, largest first, then by label: the order every breakdown uses."""
    return tuple(sorted(((label, n) for label, n in pairs if n), key=lambda row: (-row[1], row[0])))


# --- Chart geometry, shared by the page's SVG and the PDF's vector drawing ------------------


def nice_ceiling(value: int) -> int:
    """The scale's top: the smallest of 1, 2, 2.5, 5 × a power of ten that holds ``value``."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def bar_lengths(breakdown: Breakdown, length: float) -> list[tuple[str, int, float]]:
    """Each row's label, count and bar length on a scale whose top is the largest count."""
    peak = breakdown.peak or 1
    return [(label, count, round(count / peak * length, 2)) for label, count in breakdown.rows]


def line_points(timeline: Timeline, width: float, height: float) -> tuple[int, list[tuple[Series, list[tuple[float, float]]]]]:
    """The scale's top and each series' points in a ``width`` × ``height`` box (y grows downwards)."""
    top = nice_ceiling(timeline.peak)
    steps = max(len(timeline.x_labels) - 1, 1)
    return top, [
        (series, [(round(i * width / steps, 2), round(height - value / top * height, 2)) for i, value in enumerate(series.values)])
        for series in timeline.series
    ]

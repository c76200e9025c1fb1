"""Charts of the results report, drawn as SVG on the server: no script, no inline style."""

from django import template

from campaign.editions.results import Breakdown, Timeline, bar_lengths, line_points

register = template.Library()

BAR_WIDTH, BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 360, 22, 8, 0
LINE_WIDTH, LINE_HEIGHT, LINE_LEFT, LINE_BOTTOM = 640, 220, 56, 28


@register.inclusion_tag("campaign/results/bar_chart.html")
def bar_chart(breakdown: Breakdown) -> dict:
    rows = [
        {"label": label, "count": count, "width": max(width, 1), "y": i * (BAR_HEIGHT + BAR_GAP)}
        for i, (label, count, width) in enumerate(bar_lengths(breakdown, BAR_WIDTH))
    ]
    height = max(len(rows) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return {"breakdown": breakdown, "rows": rows, "width": BAR_WIDTH + 80, "height": height, "bar_height": BAR_HEIGHT}


@register.inclusion_tag("campaign/results/line_chart.html")
def line_chart(timeline: Timeline) -> dict:
    top, lines = line_points(timeline, LINE_WIDTH, LINE_HEIGHT)
    steps = max(len(timeline.x_labels) - 1, 1)
    labels = [
        {"x": round(LINE_LEFT + i * LINE_WIDTH / steps, 1), "text": label.rsplit(" ", 1)[0] if label.endswith("00:00") else ""}
        for i, label in enumerate(timeline.x_labels)
    ]
    return {
        "timeline": timeline,
        "top": top,
        "left": LINE_LEFT,
        "width": LINE_LEFT + LINE_WIDTH + 12,
        "height": LINE_HEIGHT + LINE_BOTTOM + 12,
        "plot_bottom": LINE_HEIGHT + 6,
        "plot_right": LINE_LEFT + LINE_WIDTH,
        "labels": [label for label in labels if label["text"]],
        "lines": [
            {
                "series": series,
                "index": index,
                "points": " ".join(f"{LINE_LEFT + x},{y + 6}" for x, y in points),
            }
            for index, (series, points) in enumerate(lines)
        ],
        "ticks": [{"value": int(top * f), "y": round(6 + LINE_HEIGHT - f * LINE_HEIGHT, 1)} for f in (0, 0.5, 1)],
    }


@register.filter
def figure(value) -> str:
    """A count with thousands separators; a dash where a network does not report it."""
    return "–" if value is None or value == "" else f"{int(value):,}"


@register.filter
def index(sequence, position: int):
    """The item at ``position``, or an empty string past the end."""
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return ""

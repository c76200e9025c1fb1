"""The results report as an A4 PDF, built on the server with fpdf2.

Why fpdf2: it is pure Python (with fontTools and Pillow, which the site already has), so a
plain server needs no Cairo, Pango or browser to build it, and it draws vector lines and
rectangles, so the charts stay sharp when printed. Each chart has the same figures in a
table beside it, as on the page.
"""

from __future__ import annotations

import font_source_sans_pro
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from campaign.editions.results import (
    Breakdown,
    Listing,
    Report,
    ResultsSection,
    Timeline,
    bar_lengths,
    line_points,
)

FONT = "SourceSans"
INK = (27, 27, 31)
SOFT = (69, 70, 79)
BRAND = (11, 93, 87)
LINE = (217, 204, 184)
SERIES = [(11, 93, 87), (138, 45, 31), (91, 42, 134), (107, 90, 0)]
DASHES = [(0, 0), (1.5, 1), (0.5, 0.8), (3, 1)]
ROW = 5.0  # mm per table row


class ReportPDF(FPDF):
    def __init__(self, report: Report):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_font(FONT, "", font_source_sans_pro.font_files_ttf["SourceSansPro"])
        self.add_font(FONT, "B", font_source_sans_pro.font_files_ttf["SourceSansProBold"])
        self.set_title(f"Results of {report.title}")
        self.set_author("Social Prescribing Day")
        self.set_creation_date(report.generated_at)

    @property
    def content_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 8)
        self.set_text_color(*SOFT)
        state = "live figures, still growing" if self.report.live else "final figures"
        self.cell(0, 5, f"{self.report.title} · results report ({state}) · page {self.page_no()}", align="C")

    def room_for(self, height: float) -> None:
        """Start a new page unless ``height`` more millimetres fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def heading(self, text: str, size: float = 16) -> None:
        self.set_font(FONT, "B", size)
        self.set_text_color(*BRAND)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def paragraph(self, text: str, size: float = 9.5, colour=INK) -> None:
        self.set_font(FONT, "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.45, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def fitted(self, text: str, width: float) -> str:
        """``text`` shortened with an ellipsis to fit ``width`` in the current font."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"


def build_pdf(report: Report) -> bytes:
    pdf = ReportPDF(report)
    pdf.add_page()
    _cover(pdf, report)
    for section in report.sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, report: Report) -> None:
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*SOFT)
    pdf.cell(0, 6, "RESULTS REPORT" + (" · LIVE TODAY" if report.live else ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.heading(report.title, 24)
    details = [report.day.strftime("%A %-d %B %Y") if report.day else "", f"Theme: {report.theme}" if report.theme else "",
               " ".join(report.hashtags)]
    pdf.paragraph(" · ".join(d for d in details if d), 11, SOFT)
    if report.live:
        pdf.paragraph(f"The Day is today: figures as of {report.generated_at:%H:%M} UTC, still growing until the "
                      "hashtag's tracking ends.")
    if report.demo:
        pdf.set_fill_color(91, 42, 134)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(FONT, "B", 9.5)
        pdf.multi_cell(0, 6, " Demo: parts of this report are built from demo content and synthetic posts, not real results.",
                       fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    _at_a_glance(pdf, report)
    if report.highlights:
        pdf.ln(2)
        pdf.heading("Highlights", 14)
        for highlight in report.highlights:
            pdf.room_for(14)
            pdf.set_font(FONT, "B", 8.5)
            pdf.set_text_color(*SOFT)
            pdf.cell(0, 4.5, highlight.label.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            text = f"“{highlight.text}”" if highlight.kind == "quote" else highlight.text
            pdf.set_font(FONT, "B", 11)
            pdf.set_text_color(*INK)
            pdf.multi_cell(0, 5.2, text, link=highlight.url or "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if highlight.source:
                pdf.paragraph(highlight.source, 9, SOFT)
            pdf.ln(1.5)
    pdf.paragraph(f"Generated {report.generated_at:%-d %B %Y, %H:%M} UTC from the site's own records. Every figure "
                  "says how it is counted; nothing personal is included.", 8.5, SOFT)


def _at_a_glance(pdf: ReportPDF, report: Report) -> None:
    """Every section's headline figures on the first page, for the reader who reads only that."""
    pdf.ln(3)
    pdf.heading("At a glance", 14)
    rows = [[section.title, figure.label, "–" if figure.value is None else f"{figure.value:,}"]
            for section in report.sections for figure in section.figures]
    bottom = _table(pdf, pdf.l_margin, pdf.get_y(), [45.0, pdf.content_width - 45 - 30, 30.0],
                    ["Section", "Figure", "Count"], rows, numeric={2})
    pdf.set_xy(pdf.l_margin, bottom + 2)
    pdf.paragraph("Each section below says how its figures are counted.", 8.5, SOFT)


def _section(pdf: ReportPDF, section: ResultsSection) -> None:
    pdf.add_page()
    pdf.heading(section.title, 18)
    if section.intro:
        pdf.paragraph(section.intro, 10, SOFT)
    if section.demo:
        pdf.paragraph("Demo content, labelled as such.", 9, (91, 42, 134))
    _figures(pdf, section)
    for timeline in section.timelines:
        _timeline(pdf, timeline)
    for breakdown in section.breakdowns:
        _breakdown(pdf, breakdown)
    for listing in section.listings:
        _listing(pdf, listing)


def _figures(pdf: ReportPDF, section: ResultsSection) -> None:
    columns, gap = 3, 4
    width = (pdf.content_width - gap * (columns - 1)) / columns
    for start in range(0, len(section.figures), columns):
        row = section.figures[start:start + columns]
        pdf.room_for(40)
        top = pdf.get_y()
        bottoms = []
        for i, figure in enumerate(row):
            x = pdf.l_margin + i * (width + gap)
            pdf.set_xy(x, top)
            pdf.set_font(FONT, "B", 17)
            pdf.set_text_color(*BRAND)
            pdf.cell(width, 8, "–" if figure.value is None else f"{figure.value:,}", new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "B", 9.5)
            pdf.set_text_color(*INK)
            pdf.multi_cell(width, 4.5, figure.label, new_x=XPos.LEFT, new_y=YPos.NEXT)
            pdf.set_font(FONT, "", 7)
            pdf.set_text_color(*SOFT)
            pdf.multi_cell(width, 3.1, figure.note, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            bottoms.append(pdf.get_y())
        pdf.set_xy(pdf.l_margin, max(bottoms) + 4)


def _subheading(pdf: ReportPDF, title: str, height: float) -> None:
    pdf.room_for(height + 10)
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12)
    pdf.set_text_color(*INK)
    pdf.cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: ReportPDF, x: float, y: float, widths: list[float], header: list[str], rows: list[list[str]],
           numeric: set[int]) -> float:
    """A simple ruled table at (x, y); returns its bottom."""
    pdf.set_xy(x, y)
    pdf.set_font(FONT, "B", 8)
    pdf.set_text_color(*INK)
    for i, (w, text) in enumerate(zip(widths, header, strict=True)):
        pdf.cell(w, ROW, pdf.fitted(text, w - 1), align="R" if i in numeric else "L")
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(x, y + ROW, x + sum(widths), y + ROW)
    pdf.set_font(FONT, "", 8)
    for r, row in enumerate(rows, start=1):
        pdf.set_xy(x, y + r * ROW)
        for i, (w, text) in enumerate(zip(widths, row, strict=True)):
            pdf.cell(w, ROW, pdf.fitted(text, w - 1), align="R" if i in numeric else "L")
    return y + (len(rows) + 1) * ROW


def _timeline(pdf: ReportPDF, timeline: Timeline) -> None:
    rows = len(timeline.x_labels) + 1
    height = max(rows * ROW, 70)
    _subheading(pdf, timeline.title, height + 12)
    pdf.paragraph(timeline.note, 8, SOFT)
    top = pdf.get_y() + 2
    chart_w, chart_h, left = 92, 60, 12
    scale, lines = line_points(timeline, chart_w - left, chart_h)
    x0 = pdf.l_margin + left
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*SOFT)
    for fraction in (0, 0.5, 1):
        y = top + chart_h - fraction * chart_h
        pdf.line(x0, y, x0 + chart_w - left, y)
        pdf.set_xy(pdf.l_margin, y - 2)
        pdf.cell(left - 1, 4, f"{int(scale * fraction):,}", align="R")
    for index, (series, points) in enumerate(lines):
        pdf.set_draw_color(*SERIES[index % len(SERIES)])
        pdf.set_line_width(0.8 if series.current else 0.4)
        dash, gap = DASHES[index % len(DASHES)]
        pdf.set_dash_pattern(dash=dash, gap=gap)
        pdf.polyline([(x0 + x, top + y) for x, y in points], style="D")
        key_y = top + chart_h + 8 + index * 4.5
        pdf.line(pdf.l_margin + left, key_y, pdf.l_margin + left + 8, key_y)
        pdf.set_xy(pdf.l_margin + left + 10, key_y - 2)
        pdf.set_text_color(*INK)
        pdf.cell(30, 4, series.label)
    pdf.set_dash_pattern()
    steps = max(len(timeline.x_labels) - 1, 1)
    pdf.set_font(FONT, "", 6.5)
    pdf.set_text_color(*SOFT)
    for i, label in enumerate(timeline.x_labels):
        if label.endswith("00:00"):
            pdf.set_xy(x0 + i * (chart_w - left) / steps, top + chart_h + 0.5)
            pdf.cell(20, 3.5, label.rsplit(" ", 1)[0])
    table_x = pdf.l_margin + chart_w + 6
    widths = [30.0] + [max((pdf.content_width - chart_w - 6 - 30) / max(len(timeline.series), 1), 12)] * len(timeline.series)
    bottom = _table(
        pdf, table_x, top, widths, ["Time"] + [s.label for s in timeline.series],
        [[label] + [f"{s.values[i]:,}" for s in timeline.series] for i, label in enumerate(timeline.x_labels)],
        numeric=set(range(1, len(timeline.series) + 1)),
    )
    pdf.set_xy(pdf.l_margin, max(bottom, top + chart_h + 8 + len(lines) * 4.5) + 4)


def _breakdown(pdf: ReportPDF, breakdown: Breakdown) -> None:
    rows = breakdown.rows
    height = max((len(rows) + 1) * ROW, 12)
    _subheading(pdf, breakdown.title, height)
    if not rows:
        pdf.paragraph(breakdown.empty, 9.5, SOFT)
        return
    top = pdf.get_y() + 1
    chart_w = 80
    bar_h = ROW - 1.2
    pdf.set_font(FONT, "", 7.5)
    for i, (_label, count, length) in enumerate(bar_lengths(breakdown, chart_w - 16)):
        y = top + (i + 1) * ROW + 0.6
        pdf.set_fill_color(*BRAND)
        pdf.rect(pdf.l_margin, y, max(length, 0.4), bar_h, style="F")
        pdf.set_xy(pdf.l_margin + max(length, 0.4) + 1, y)
        pdf.set_text_color(*INK)
        pdf.cell(15, bar_h, f"{count:,}")
    bottom = _table(pdf, pdf.l_margin + chart_w + 6, top, [pdf.content_width - chart_w - 6 - 22, 22],
                    [breakdown.title, "Count"], [[label, f"{count:,}"] for label, count in rows], numeric={1})
    pdf.set_xy(pdf.l_margin, bottom + 1)
    pdf.paragraph(f"How this is counted: {breakdown.note}", 7.5, SOFT)


def _listing(pdf: ReportPDF, listing: Listing) -> None:
    _subheading(pdf, listing.title, (min(len(listing.rows), 4) + 1) * ROW)
    if not listing.rows:
        pdf.paragraph(listing.empty, 9.5, SOFT)
        return
    fixed = {"Account": 38.0, "Network": 22.0, "Engagements": 22.0, "Posts": 16.0}
    flexible = pdf.content_width - 8 - sum(fixed.get(c, 0) for c in listing.columns if c in fixed)
    widths = [8.0] + [fixed.get(c, flexible) for c in listing.columns]
    numeric = {i + 1 for i, c in enumerate(listing.columns) if c in ("Engagements", "Posts")}
    rows = [[str(rank)] + list(row) for rank, row in enumerate(listing.rows, start=1)]
    pdf.room_for((len(rows) + 1) * ROW)
    bottom = _table(pdf, pdf.l_margin, pdf.get_y(), widths, ["#"] + list(listing.columns), rows, numeric)
    pdf.set_xy(pdf.l_margin, bottom + 1)
    pdf.paragraph(listing.note, 7.5, SOFT)

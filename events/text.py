"""Plain-text descriptions shown safely: escaped, split into paragraphs, web addresses linked.

Organisers write plain text, so there is no markup to sanitise: everything is escaped, and
only http(s) addresses become links, marked rel="nofollow ugc" so the listings are worth
nothing to link spammers.
"""

from __future__ import annotations

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

URL_PATTERN = re.compile(r"\b(https?://[^\s<>\"']+|www\.[^\s<>\"']+)", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
MAX_LINK_TEXT = 60


def _link(url: str) -> str:
    trailing = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        # Keep a closing bracket that belongs to the address, as in Wikipedia links.
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trailing = url[-1] + trailing
        url = url[:-1]
    href = url if url.lower().startswith(("http://", "https://")) else "https://" + url
    text = url if len(url) <= MAX_LINK_TEXT else url[: MAX_LINK_TEXT - 1] + "…"
    return format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', href, text) + escape(trailing)


def linkify(text: str) -> str:
    """Escaped text with its web addresses as links; nothing else can become markup."""
    out = []
    position = 0
    for match in URL_PATTERN.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(_link(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def render_plain_text(text: str) -> SafeString:
    """Paragraphs at blank lines, line breaks within them, links for web addresses."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return mark_safe("")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    html = "".join("<p>" + "<br>".join(linkify(line) for line in p.split("\n")) + "</p>" for p in paragraphs)
    return mark_safe(html)


def plain_summary(text: str, length: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"

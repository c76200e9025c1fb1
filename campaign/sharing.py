"""Share links: plain addresses each network's own share page reads, no third-party script.

A visitor's browser goes straight to the network with the text and the address filled in;
nothing loads from the networks while our page is open. Mastodon has no single address (each
server is its own site), so its link goes to our ``/share/mastodon/`` page, which asks for
the visitor's server and sends them to that server's share page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.urls import reverse

MAX_TEXT_LENGTH = 280
# A host name as people type it: labels of letters, digits and hyphens, a dot, a top-level
# domain of letters (or punycode). IP addresses and ports are refused: no Mastodon server
# that people would join is known by one, and a redirect to them helps nobody.
HOST_NAME = re.compile(r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")


@dataclass(frozen=True)
class ShareLink:
    network: str  # a short key, used in CSS classes and tests
    label: str  # what the link says: "Share on Bluesky"
    url: str
    new_tab: bool = True


def share_text(text: str, url: str) -> str:
    """The text with the address after it: what networks without a separate URL field get."""
    text = " ".join((text or "").split())[:MAX_TEXT_LENGTH]
    return f"{text} {url}".strip()


def share_links(url: str, text: str) -> list[ShareLink]:
    """Every network's share address for ``url`` (absolute) with ``text``, in the order shown."""
    text = " ".join((text or "").split())[:MAX_TEXT_LENGTH]
    both = share_text(text, url)
    return [
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ShareLink("bluesky", "Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": both})),
        ShareLink("mastodon", "Mastodon", reverse("share_mastodon") + "?" + urlencode({"text": both}), new_tab=False),
        ShareLink("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": both})),
        ShareLink(
            "email", "Email", "mailto:?subject=" + quote(text, safe="") + "&body=" + quote(both, safe=""), new_tab=False
        ),
    ]


def mastodon_server(value: str) -> str:
    """The server's host name from what a visitor typed: ``mastodon.social``,
    ``https://mastodon.social/``, ``@me@mastodon.social`` or ``me@mastodon.social``.

    Raises ``ValueError`` with a sentence for the visitor when it is not a host name.
    """
    value = (value or "").strip().lower()
    if not value:
        raise ValueError("Enter the address of your Mastodon server, for example mastodon.social.")
    if re.match(r"^https?://", value):  # an address: the server is before the path
        value = re.sub(r"^https?://", "", value).split("/", 1)[0]
    if "@" in value:  # a handle: the server is after the last @
        value = value.rsplit("@", 1)[1]
    value = value.split("/", 1)[0].rstrip(".")
    try:
        value = value.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError("That is not a server address. Enter it as it appears in your browser, for example mastodon.social.") from None
    if not HOST_NAME.fullmatch(value):
        raise ValueError("That is not a server address. Enter it as it appears in your browser, for example mastodon.social.")
    return value


def mastodon_share_url(server: str, text: str) -> str:
    """The share page of a Mastodon server (``/share?text=``, which Mastodon has had since 1.x)."""
    return f"https://{mastodon_server(server)}/share?" + urlencode({"text": (text or "")[: MAX_TEXT_LENGTH * 2]})

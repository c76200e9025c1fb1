"""The design tokens of static/css/tokens.css, read from the file itself.

The style guide (/styleguide/) lists them and the tests check their contrast, so neither can
drift from the stylesheet the pages load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from campaign.editions.colours import contrast_ratio

TOKENS_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "tokens.css"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+);")
GROUP = re.compile(r"/\*\s*([^*]+?)\s*\*/")
PAIR = re.compile(r"@pair\s+(--[\w-]+)\s+on\s+(--[\w-]+)")
AA_TEXT = 4.5


@dataclass(frozen=True)
class Token:
    name: str
    value: str
    group: str

    @property
    def is_colour(self) -> bool:
        return bool(HEX.match(self.value))


@dataclass(frozen=True)
class Pair:
    foreground: Token
    background: Token

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground.value, self.background.value)

    @property
    def passes_aa(self) -> bool:
        return self.ratio >= AA_TEXT


def parse(css: str) -> tuple[list[Token], list[tuple[str, str]]]:
    """The tokens in the ``:root`` block (with the comment heading each group) and the
    ``@pair`` lines of the header comment, as written."""
    pairs = PAIR.findall(css)
    root = css[css.index(":root") :]
    tokens, group = [], ""
    for line in root.splitlines():
        heading = GROUP.search(line)
        if heading and not DECLARATION.search(line):
            group = heading.group(1)
        for name, value in DECLARATION.findall(line):
            tokens.append(Token(name, value.strip(), group))
    return tokens, pairs


@cache
def load() -> tuple[dict[str, Token], list[Pair]]:
    tokens, pairs = parse(TOKENS_CSS.read_text())
    by_name = {token.name: token for token in tokens}
    return by_name, [Pair(by_name[fg], by_name[bg]) for fg, bg in pairs]


def groups() -> list[tuple[str, list[Token]]]:
    """The tokens in file order, grouped under their comment headings."""
    result: list[tuple[str, list[Token]]] = []
    for token in load()[0].values():
        if not result or result[-1][0] != token.group:
            result.append((token.group, []))
        result[-1][1].append(token)
    return result

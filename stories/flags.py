"""Flags that help moderators read a story safely: possible personal data and possible risk.

These are plain functions over text, so they are easy to test and to reason about. They are
aids, not filters: a flag asks a moderator to look closely; no flag never means 'safe'.
Each flag carries the words that triggered it so the moderator can find them quickly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stories.choices import STORY_SECTIONS

PERSONAL = "personal"
RISK = "risk"


@dataclass(frozen=True)
class Flag:
    kind: str  # PERSONAL or RISK
    label: str  # what it may be, e.g. "Phone number"
    match: str  # the words that triggered it
    where: str = ""  # which part of the story


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# 0 or +44 (optionally (0)), then 9 or 10 more digits with optional spaces or dashes.
UK_PHONE = re.compile(r"(?<![\d+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d{1,4}\)?(?:[\s-]?\d){6,9}(?!\d)")
NHS_CANDIDATE = re.compile(r"(?<!\d)(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)")
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")
_ROLES = (
    r"GP|doctor|link worker|social prescriber|social worker|nurse|practice nurse|support worker|"
    r"key worker|counsellor|therapist|carer|health visitor|consultant|mentor|coach|befriender|"
    r"volunteer|teacher|tutor|work coach|psychiatrist|psychologist|midwife"
)
_NAME = r"[A-Z][a-z'’-]+(?:[ -][A-Z][a-z'’-]+)?"
NAME_AFTER_ROLE = re.compile(
    rf"(?i:\b(?:my|our|the|his|her|their)\s+(?:{_ROLES}))\b,?\s+(?:(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Nurse)\.?\s+)?(?P<name>{_NAME})"
)
TITLED_NAME = re.compile(rf"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx)\.?\s+(?P<name>{_NAME})")
# Words after the role that are not names ("my GP Surgery", "my link worker And I").
NOT_NAMES = {
    "and", "but", "who", "was", "said", "surgery", "practice", "told", "then", "is", "the", "at",
    "from", "had", "has", "suggested", "referred", "asked", "helped", "i", "we", "she", "he", "they",
    "there", "when", "so", "also", "listened", "got", "gave", "called", "came", "it", "about",
}

RISK_PATTERNS = [
    ("Suicide", r"\bsuicid\w*"),
    ("Suicide", r"\b(?:kill(?:ing|ed)?|end(?:ing|ed)?)\s+(?:myself|my\s+life|it\s+all|things)\b"),
    ("Suicide", r"\btake\s+my\s+(?:own\s+)?life\b"),
    ("Suicide", r"\b(?:want(?:ed)?|wanting)\s+to\s+die\b"),
    ("Suicide", r"\b(?:don['’]?t|didn['’]?t|do\s+not|did\s+not)\s+want\s+to\s+(?:be\s+here|live|go\s+on|wake\s+up)\b"),
    ("Suicide", r"\b(?:no\s+reason\s+to\s+live|better\s+off\s+(?:dead|without\s+me))\b"),
    ("Self-harm", r"\bself[\s-]?harm\w*"),
    ("Self-harm", r"\b(?:hurt(?:ing)?|cut(?:ting)?|harm(?:ing|ed)?)\s+myself\b"),
    ("Self-harm", r"\boverdos\w*"),
    ("Abuse", r"\babus(?:e|ed|es|ing|ive|er)\b"),
    ("Abuse", r"\bdomestic\s+violence\b|\bcoercive\s+control\b"),
    ("Abuse", r"\b(?:assault\w*|rape[ds]?|raping|groom(?:ed|ing))\b"),
    ("Abuse", r"\b(?:beat|hit|hits|hitting)\s+me\b"),
    ("Crisis", r"\bcris[ie]s\b"),
    ("Crisis", r"\b(?:unsafe|in\s+danger|(?:can['’]?t|couldn['’]?t|could\s+not)\s+cope|breaking\s+point|hopeless)\b"),
]
_RISK_COMPILED = [(label, re.compile(pattern, re.IGNORECASE)) for label, pattern in RISK_PATTERNS]


def nhs_number_is_valid(number: str) -> bool:
    """True when ten digits pass the NHS Modulus 11 check digit (so it may be a real NHS number)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


def _unique(flags: list[Flag]) -> list[Flag]:
    seen, out = set(), []
    for flag in flags:
        key = (flag.kind, flag.label, flag.match.lower(), flag.where)
        if key not in seen:
            seen.add(key)
            out.append(flag)
    return out


def personal_data_flags(text: str, where: str = "") -> list[Flag]:
    """Possible identifying details: emails, phones, NHS numbers, postcodes, handles, names."""
    text = text or ""
    flags: list[Flag] = []
    emails = [m.group(0) for m in EMAIL.finditer(text)]
    flags += [Flag(PERSONAL, "Email address", e, where) for e in emails]
    nhs_spans = []
    for m in NHS_CANDIDATE.finditer(text):
        if nhs_number_is_valid(m.group(0)):
            flags.append(Flag(PERSONAL, "NHS number", m.group(0), where))
            nhs_spans.append(m.span())
    for m in UK_PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        inside_nhs = any(a <= m.start() < b for a, b in nhs_spans)
        if len(digits) >= 10 and not inside_nhs:
            flags.append(Flag(PERSONAL, "Phone number", m.group(0).strip(), where))
    flags += [Flag(PERSONAL, "Postcode", m.group(0), where) for m in POSTCODE.finditer(text)]
    without_emails = EMAIL.sub(" ", text)
    flags += [Flag(PERSONAL, "Social media handle", m.group(0), where) for m in HANDLE.finditer(without_emails)]
    name_spans: list[tuple[int, int]] = []
    for pattern in (NAME_AFTER_ROLE, TITLED_NAME):
        for m in pattern.finditer(text):
            first = m.group("name").split()[0].split("-")[0]
            if first.lower() in NOT_NAMES or any(a <= m.start() < b for a, b in name_spans):
                continue
            name_spans.append(m.span())
            flags.append(Flag(PERSONAL, "Possible name", m.group(0), where))
    return _unique(flags)


def risk_flags(text: str, where: str = "") -> list[Flag]:
    """Words about suicide, self-harm, abuse or crisis: a safeguarding read is needed."""
    text = text or ""
    flags = [
        Flag(RISK, label, m.group(0), where)
        for label, pattern in _RISK_COMPILED
        for m in pattern.finditer(text)
    ]
    return _unique(flags)


@dataclass
class StoryFlags:
    personal: list[Flag] = field(default_factory=list)
    risk: list[Flag] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.personal or self.risk)

    def summary(self) -> str:
        """A count-only summary, safe for an email: says what to look at, not what it says."""
        parts = []
        if self.risk:
            parts.append(f"possible risk of harm ({len(self.risk)})")
        if self.personal:
            parts.append(f"possible personal data ({len(self.personal)})")
        return ", ".join(parts) or "no flags"


def flag_texts(parts: list[tuple[str, str]]) -> StoryFlags:
    """Flags for several named pieces of text, e.g. [("Title", ...), ("What happened", ...)]."""
    result = StoryFlags()
    for where, text in parts:
        result.personal += personal_data_flags(text, where)
        result.risk += risk_flags(text, where)
    return result


def story_flags(page) -> StoryFlags:
    """Flags for everything on a story page that will be public once approved."""
    parts = [("Title", page.title), ("Name shown", page.display_name), ("Photo description", page.photo_alt_text)]
    parts += [(label, getattr(page, name)) for name, label in STORY_SECTIONS]
    return flag_texts(parts)

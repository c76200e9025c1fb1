"""Flags that help moderators read a submission safely: possible personal data and possible risk.

Stories and event listings both flag the free text people submit with these functions.

These are plain functions over text, so they are easy to test and to reason about. They are
aids, not filters: a flag asks a moderator to look closely; no flag never means 'safe'.
Each flag carries the words that triggered it so the moderator can find them quickly.

Text is normalised first (``normalise``), so disguises such as a zero-width space inside a
phone number, full-width digits or a letter O for a zero do not hide personal data.
Phone numbers are found by Google's ``phonenumbers`` (UK numbering by default). Names are a
heuristic, measured by ``bench/flags.py`` on ``tests/stories/data/personal_data_sentences.csv``:

* a title before a capitalised word (Dr, Mr, Mrs, Ms, Miss, Mx, Nurse, Sister, Prof…);
* a role, then a capitalised word ("my link worker, Sarah", "my GP Dr Hughes");
* "called", "named" or "my name is" then a capitalised word or two;
* two or more capitalised words in a row ("we met Sarah Jones"), leaving out the first word of
  a sentence and days, months and small words around them ("On Tuesday Mark Evans" gives
  "Mark Evans"), unless a word names a place or an organisation ("Leeds Town Hall", "Age UK":
  ``PLACE_AND_ORGANISATION_WORDS``).

A two-word name that opens a sentence ("Sarah Jones helped me.") is not found: the first word
of a sentence is capitalised anyway, so it gives no clue.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers

PHONE_REGION = "GB"

PERSONAL = "personal"
RISK = "risk"


@dataclass(frozen=True)
class Flag:
    kind: str  # PERSONAL or RISK
    label: str  # what it may be, e.g. "Phone number"
    match: str  # the words that triggered it
    where: str = ""  # which part of the story


EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
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
_TITLES = r"Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Nurse|Sister|Prof|Professor|Rev|Revd|Cllr|Councillor"
NAME_AFTER_ROLE = re.compile(
    rf"(?i:\b(?:my|our|the|his|her|their)\s+(?:{_ROLES}))\b,?\s+(?:(?:{_TITLES})\.?\s+)?(?P<name>{_NAME})"
)
TITLED_NAME = re.compile(rf"\b(?:{_TITLES})\.?\s+(?P<name>{_NAME})")
CALLED_NAME = re.compile(rf"\b(?:called|named|name\s+is|name['’]s)\s+(?P<name>{_NAME})")
# Capitalised words in a row ("Sarah Jones", "On Tuesday Mark Evans"): trimmed, then judged.
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)+\b")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”()\n]\s*|^\s*[-*•]\s*)$")
# Words after the role that are not names ("my GP Surgery", "my link worker And I").
NOT_NAMES = {
    "and", "but", "who", "was", "said", "surgery", "practice", "told", "then", "is", "the", "at",
    "from", "had", "has", "suggested", "referred", "asked", "helped", "i", "we", "she", "he", "they",
    "there", "when", "so", "also", "listened", "got", "gave", "called", "came", "it", "about",
}
# Capitalised words that make a run a place, an organisation or a thing, not a person.
PLACE_AND_ORGANISATION_WORDS = {
    "street", "st", "saint", "road", "lane", "avenue", "way", "close", "park", "gardens", "garden", "square",
    "hill", "bridge", "green", "centre", "center", "hall", "house", "library", "church", "chapel", "mosque",
    "temple", "abbey", "school", "college", "university", "hospital", "infirmary", "general", "surgery",
    "practice", "clinic", "station", "market", "cafe", "café", "pub", "inn", "allotment", "allotments",
    "estate", "village", "town", "city", "county", "north", "south", "east", "west", "greater", "upon",
    "england", "scotland", "wales", "ireland", "northern", "britain", "british", "uk", "london",
    "manchester", "leeds", "bristol", "yorkshire", "midlands", "valley", "district", "borough",
    "nhs", "trust", "council", "group", "club", "society", "shed", "sheds", "association", "network",
    "service", "services", "team", "charity", "foundation", "partnership", "alliance", "federation",
    "community", "health", "care", "mental", "wellbeing", "social", "prescribing", "citizens", "advice",
    "age", "mind", "samaritans", "cross", "red", "job", "jobcentre", "plus", "football", "walking",
    "men's", "mens", "women's", "choir", "art", "arts", "bank", "food", "housing", "primary", "national",
    "royal", "academy", "institute", "department", "ministry", "office", "board", "committee", "fund",
    "day", "week", "month", "year", "morning", "afternoon", "evening", "night", "new", "good",
    "covid", "lockdown", "zoom", "facebook", "whatsapp", "google", "instagram", "twitter", "tiktok",
    "youtube", "internet", "english", "welsh", "scottish", "link", "worker", "workers", "gp",
}
# Words that may stand before or after a name in a capitalised run ("On Tuesday Mark Evans").
LEADING_WORDS = {
    "i", "my", "the", "a", "an", "and", "but", "we", "it", "this", "that", "our", "what", "how", "on", "in",
    "at", "by", "with", "last", "next", "every", "since", "until", "friday", "christmas", "easter", "eid",
    "diwali", "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}
# Characters that show nothing: fillers and variation selectors (format characters, category Cf,
# such as zero-width spaces and joiners, are removed by category in ``normalise``).
INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
                       r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
# A group of digits that may hide look-alike letters: O or o for 0, l, I or | for 1.
DIGIT_GROUP = re.compile(r"(?<![A-Za-z])[\dOoIl|]+(?![A-Za-z])")
LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


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


def _undisguise_digits(match: re.Match) -> str:
    group = match.group(0)
    # Only a group that holds a real digit: "O77OO" is a number, "I" and "lol" are words.
    return group.translate(LOOK_ALIKES) if any(c.isdigit() for c in group) else group


def normalise(text: str) -> str:
    """The text as a reader sees it: compatibility forms folded (NFKC: full-width digits and
    letters, non-breaking spaces), invisible characters removed, look-alike digits made digits."""
    text = unicodedata.normalize("NFKC", text or "")
    text = INVISIBLE.sub("", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return DIGIT_GROUP.sub(_undisguise_digits, text)


def phone_numbers(text: str) -> list[tuple[int, str]]:
    """(position, number as written) for each phone number: UK numbers (national or +44) and international ones (+…).

    ``phonenumbers`` checks the length and shape for the country. Numbers must be dialled in
    full (a leading 0 or +), so short codes (116 123), years and counts are not phone numbers.
    """
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, PHONE_REGION, leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string.strip()
        if raw.lstrip("(")[:1] in ("0", "+") and len(str(match.number.national_number)) >= 9:
            found.append((match.start, raw))
    return found


def _opens_sentence(text: str, start: int) -> bool:
    return bool(SENTENCE_START.search(text[:start]))


def _name_in_run(text: str, run: re.Match) -> tuple[int, str] | None:
    """(position, name) when a run of capitalised words looks like a person's name, else None."""
    words = [(m.start() + run.start(), m.group(0)) for m in re.finditer(r"\S+", run.group(0))]
    if _opens_sentence(text, run.start()):
        words = words[1:]  # its first word is capitalised anyway: no clue either way
    while words and words[0][1].lower() in LEADING_WORDS:
        words = words[1:]
    while words and words[-1][1].lower() in LEADING_WORDS:
        words = words[:-1]
    parts = [part.lower() for _, word in words for part in word.split("-")]
    if len(words) < 2 or parts[0] in NOT_NAMES:
        return None
    if any(part in PLACE_AND_ORGANISATION_WORDS or part in LEADING_WORDS for part in parts):
        return None
    return words[0][0], text[words[0][0]:words[-1][0] + len(words[-1][1])]


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
    text = normalise(text)
    flags: list[Flag] = []
    emails = [m.group(0) for m in EMAIL.finditer(text)]
    flags += [Flag(PERSONAL, "Email address", e, where) for e in emails]
    nhs_spans = []
    for m in NHS_CANDIDATE.finditer(text):
        if nhs_number_is_valid(m.group(0)):
            flags.append(Flag(PERSONAL, "NHS number", m.group(0), where))
            nhs_spans.append(m.span())
    for start, number in phone_numbers(text):
        if not any(a <= start < b for a, b in nhs_spans):
            flags.append(Flag(PERSONAL, "Phone number", number, where))
    flags += [Flag(PERSONAL, "Postcode", m.group(0), where) for m in POSTCODE.finditer(text)]
    without_emails = EMAIL.sub(" ", text)
    flags += [Flag(PERSONAL, "Social media handle", m.group(0), where) for m in HANDLE.finditer(without_emails)]
    flags += _name_flags(text, where)
    return _unique(flags)


def _name_flags(text: str, where: str) -> list[Flag]:
    flags: list[Flag] = []
    spans: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < end and start < b for start, end in spans)

    for pattern in (NAME_AFTER_ROLE, TITLED_NAME, CALLED_NAME):
        for m in pattern.finditer(text):
            first = m.group("name").split()[0].split("-")[0]
            if first.lower() in NOT_NAMES or overlaps(*m.span()):
                continue
            spans.append(m.span())
            flags.append(Flag(PERSONAL, "Possible name", m.group(0), where))
    for run in CAPITALISED_RUN.finditer(text):
        found = _name_in_run(text, run)
        if found and not overlaps(found[0], found[0] + len(found[1])):
            spans.append((found[0], found[0] + len(found[1])))
            flags.append(Flag(PERSONAL, "Possible name", found[1], where))
    return flags


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
class TextFlags:
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


def flag_texts(parts: list[tuple[str, str]]) -> TextFlags:
    """Flags for several named pieces of text, e.g. [("Title", ...), ("What happened", ...)]."""
    result = TextFlags()
    for where, text in parts:
        result.personal += personal_data_flags(text, where)
        result.risk += risk_flags(text, where)
    return result

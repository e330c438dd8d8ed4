"""Time stage: when the article was written and when each statement was made.

Two functions, both pure over the records:

``date_article``
    Keeps a date given by the option or the metadata (filling its precision). Otherwise it
    infers one from the text: a dateline ("LONDON, 4 March 2021 —", "Published: 3 December
    2019", a date alone on its line) is the publication date; failing that, one event the
    text dates twice, by the same doer ("the comments he made five years ago" and "comments
    made by him at a protest in 2014"), gives the year it speaks from (2019); failing that,
    the latest explicit date the text states is a lower bound (an article cannot be older
    than the past dates it reports) and is used with its own precision. Not bounds: a day and month with no
    year ("November 28"), dates in clauses about the future ("will be held in June 2031"),
    dates naming a thing ("the 2016 campaign", often still to come), dates in trailers (other
    stories) and boilerplate (copyright years). Captions and sidebars count: they are
    published with the story. How the date was found is in ``metadata["date_inferred_from"]``.

``date_quotes``
    Gives each statement a ``SaidOn``. In order:

    1. an anchor in the clause that governs the statement (the cue, the clauses above it and
       their participle clauses, "Speaking in 1999, ..."; a clause describing the remarks or
       the document, "the comments he made five years ago when he said", "a report published
       on Monday found"): "in 2014", "on Monday", "as recently as March", "last week", "five
       years ago", "a year before he became leader" or "before her appointment" (resolved
       only when the text dates that event, done by that person); a statement that is itself
       the event ("reopened it today, five years after warning that ...") lies that far before
       its clause. A statement
       inside a clause describing a person ("Smith, who has called for X, said ...") is dated
       by that clause alone, else unknown;
    2. otherwise the *occasion* the narrative is on. A *recalled* occasion ("comments made at
       a protest in 2014", "At a rally in 2016, ...") dates what its speaker says next, until
       another speaker is quoted, a question is put ("Asked whether ..."), the narration turns
       to the present ("today", "this week", "now", a present-tense verb) or another occasion
       is set. A *recent* occasion, the news event itself ("a hearing on Wednesday",
       "marched on Saturday"), dates everyone quoted after it until the narration returns to
       the present or a statement is "in a statement" / "in an interview". A document's date
       ("a report published on Friday") dates only what that document says;
    3. the present is the article date (news is reported on the day it happens).

Precision is kept honestly: a year is "2014" (precision year), never "2014-01-01". Anchors
that cannot be placed ("in the 1990s", "previously", an undated event) give date None with
the words as evidence, and never the article date. Choices made here:

- "last week"/"this week": the calendar week (Monday to Sunday, capped at the article date).
  When that week lies inside one month the date is that month (precision month), otherwise
  the year when it lies inside one year, else unknown.
- "on Monday": the latest Monday not after the article date (so in a Monday article it is
  the article's own day, as US outlets write "said on Monday"); "last Monday" is at least a
  day back.
- A decade ("in the 1990s") or "a decade ago" is unknown precision: a year would be a guess.
- An article date inferred as a lower bound is not a day the article speaks from: present
  and relative statements are then unknown (absolute anchors, "in 2014", still date).
- Time words inside quotation marks or inside the reported words never date the statement.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from onrecord.quotes.marks import quoted_regions
from onrecord.models import Article, Precision, Quote, Removed, SaidOn, Span
from onrecord.parse import doc_text
from onrecord.speakers import lead_end

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# ---------------------------------------------------------------------------------------------
# Calendar values with a precision
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A calendar value known to a precision: month and day are None when not known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def as_date(self) -> date | None:
        return self.first_day() if self.day is not None else None


def when_of(value: date) -> When:
    return When(value.year, value.month, value.day)


def parse_iso(value: str | None) -> When | None:
    """Read "2019", "2019-12", "2019-12-03" or an ISO timestamp; other formats via dateparser."""
    if not value:
        return None
    value = value.strip()
    match = re.fullmatch(
        r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value[:10] if "T" in value else value
    )
    if match:
        year, month, day = match.groups()
        try:
            when = When(int(year), int(month) if month else None, int(day) if day else None)
            when.first_day()  # validates month and day
            return when
        except ValueError:
            return None
    return _parse_free_date(value)


def _parse_free_date(value: str) -> When | None:
    # Metadata dates come in many formats ("Tue, 03 Dec 2019 10:00:00 GMT"); dateparser reads
    # them. A free-form value is only trusted when it names a day of a year.
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True})
    return when_of(parsed.date()) if parsed else None


# ---------------------------------------------------------------------------------------------
# Time expressions in the text
# ---------------------------------------------------------------------------------------------

ExprKind = Literal[
    "date",  # an absolute calendar value: 2014, March 2014, 3 December 2019
    "month_day",  # "December 2": the year comes from the article date
    "month",  # "in March": the latest such month not after the article date
    "weekday",  # "on Monday"
    "offset",  # n units before the article date: yesterday, last year, five years ago
    "present",  # today, this afternoon, now: the article's own day
    "vague",  # a past that cannot be dated: "in the 1990s", "previously"
    "event",  # n units before/after an event: "a year before he became leader"
]
Period = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class TimeExpr:
    """A time expression found in the article text."""

    start: int
    end: int
    kind: ExprKind
    when: When | None = None  # date
    month: int | None = None  # month_day, month
    day: int | None = None  # month_day
    weekday: int | None = None  # weekday (Monday == 0)
    strict_past: bool = False  # weekday: "last Monday" is never the article's own day
    unit: Period | None = None  # offset, event
    count: int = 0  # offset, event (negative for "after")
    frames: bool = True  # may set the occasion of the narrative (vague adverbs do not)


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTH_ABBREVIATIONS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MON = r"(?:" + _MONTH + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMBER = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"

# Longest forms first: a position taken by one pattern is not matched again by a later one.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>" + _YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "dmy",
        re.compile(
            r"\b(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?(?P<d>" + _DAY + r")\s+(?:of\s+)?"
            r"(?P<m>" + _MON + r"),?\s+(?P<y>" + _YEAR + r")\b"
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b(?:" + _WEEKDAY + r",?\s+)?(?P<m>" + _MON + r")\s+(?P<d>" + _DAY + r"),?\s+"
            r"(?P<y>" + _YEAR + r")\b"
        ),
    ),
    ("my", re.compile(r"\b(?P<m>" + _MONTH + r"),?\s+(?P<y>" + _YEAR + r")\b")),
    (
        "dm",
        re.compile(
            r"\b(?:" + _WEEKDAY + r",?\s+)?(?P<d>" + _DAY + r")\s+(?:of\s+)?(?P<m>" + _MON + r")\b"
        ),
    ),
    (
        "md",
        re.compile(
            r"\b(?:" + _WEEKDAY + r",?\s+)?(?P<m>" + _MON + r")\s+(?P<d>" + _DAY + r")\b(?!,?\s*\d)"
        ),
    ),
    (
        "decade",
        re.compile(
            r"\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?(?:(?:1[89]|20)\d0s|'\d0s)"
            r"|\b(?:a|one|two|three|several)\s+decades?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    ("year", re.compile(r"(?<![\d,.£$€©/-])\b(?P<y>" + _YEAR + r")\b(?![\d%/]|-\d|\s?per\s?cent)")),
    (
        "month",
        re.compile(
            r"\b(?:(?:[Ii]n|[Ll]ast|[Ss]ince|[Dd]uring|[Uu]ntil|[Tt]his|[Ee]arly|[Ll]ate|[Bb]ack in"
            r"|[Ii]n (?:early|late)|[Aa]s (?:recently|early|late) as)\s+|[Mm]id-)(?P<m>"
            + _MONTH + r")\b(?![’']s)"  # "In May's absence": a person
        ),
    ),
    (
        "weekday",
        re.compile(
            r"(?<!Good )(?<!Black )(?<!Cyber )(?<!Super )(?<!Ash )(?<!Holy )"
            r"\b(?:(?P<last>last)\s+|on\s+)?(?P<w>" + _WEEKDAY + r")\b(?!\s+[A-Z])"
            r"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
    ),
    (
        "event",
        re.compile(
            r"\b(?P<n>"
            + _NUMBER
            + r"|the)\s+(?P<u>day|week|month|year)s?\s+(?P<dir>before|after)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?:just\s+|some\s+|about\s+|nearly\s+|almost\s+|only\s+)?(?P<n>" + _NUMBER + r")\s+"
            r"(?P<u>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    (
        "last",
        re.compile(r"\b(?P<rel>last|this|earlier this)\s+(?P<u>week|month|year)\b", re.IGNORECASE),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night)\b", re.IGNORECASE)),
    (
        "present",
        re.compile(
            r"\b(?:earlier\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"
            r"|\bnow\b(?!-)",
            re.IGNORECASE,
        ),
    ),
    (
        "vague",
        re.compile(r"\b(?:previously|formerly|in\s+the\s+past|years\s+ago)\b", re.IGNORECASE),
    ),
]


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _expr_from_match(name: str, match: re.Match[str]) -> TimeExpr | None:
    """The time expression a pattern match stands for, or None when the match is not a date."""
    start, end = match.span()
    groups = match.groupdict()
    try:
        if name in ("iso", "dmy", "mdy"):
            month = int(groups["m"]) if name == "iso" else _month_number(groups["m"])
            when = When(int(groups["y"]), month, _day_number(groups["d"]))
            when.first_day()
            return TimeExpr(start, end, "date", when=when)
        if name == "my":
            return TimeExpr(
                start, end, "date", when=When(int(groups["y"]), _month_number(groups["m"]))
            )
        if name in ("dm", "md"):
            month, day = _month_number(groups["m"]), _day_number(groups["d"])
            date(2000, month, day)  # a leap year accepts every real day
            return TimeExpr(start, end, "month_day", month=month, day=day)
    except ValueError:
        return None
    if name == "decade":
        return TimeExpr(start, end, "vague")
    if name == "year":
        return TimeExpr(start, end, "date", when=When(int(groups["y"])))
    if name == "month":
        # "in May" is the month; "by May", "from May" may be a person named May.
        return TimeExpr(start, end, "month", month=_month_number(groups["m"]))
    if name == "weekday":
        weekday = WEEKDAYS[groups["w"].lower()]
        return TimeExpr(start, end, "weekday", weekday=weekday, strict_past=bool(groups["last"]))
    if name == "event":
        count = 1 if groups["n"].lower() == "the" else _count(groups["n"])
        sign = 1 if groups["dir"].lower() == "before" else -1
        return TimeExpr(start, end, "event", unit=groups["u"].lower(), count=sign * count)  # type: ignore[arg-type]
    if name == "ago":
        return TimeExpr(start, end, "offset", unit=groups["u"].lower(), count=_count(groups["n"]))  # type: ignore[arg-type]
    if name == "last":
        count = 1 if groups["rel"].lower() == "last" else 0
        return TimeExpr(start, end, "offset", unit=groups["u"].lower(), count=count)  # type: ignore[arg-type]
    if name == "yesterday":
        return TimeExpr(start, end, "offset", unit="day", count=1)
    if name == "present":
        return TimeExpr(start, end, "present")
    if name == "vague":
        return TimeExpr(start, end, "vague", frames=False)
    return None


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Every time expression in ``text``, in reading order, longest forms winning overlaps."""
    return list(_time_expressions(text))


@lru_cache(maxsize=4)  # the article date and the statement dates read the same text
def _time_expressions(text: str) -> tuple[TimeExpr, ...]:
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            expr = _expr_from_match(name, match)
            if expr is None:
                continue
            taken.append((start, end))
            found.append(expr)
    return tuple(sorted(found, key=lambda e: e.start))


# ---------------------------------------------------------------------------------------------
# Resolving an expression against the article date
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """The date an expression gives: ``when`` None means a past that cannot be placed."""

    when: When | None
    present: bool = False


def _months_back(base: When, count: int) -> When:
    assert base.month is not None
    index = base.year * 12 + (base.month - 1) - count
    return When(index // 12, index % 12 + 1)


def _week_value(monday: date, last_day: date) -> When | None:
    """A week as the widest calendar value that holds it all (see the module docstring)."""
    if (monday.year, monday.month) == (last_day.year, last_day.month):
        return When(monday.year, monday.month)
    if monday.year == last_day.year:
        return When(monday.year)
    return None


def resolve(expr: TimeExpr, base: When | None) -> Resolved | None:
    """The date ``expr`` names, relative to the article date ``base`` where it needs one.

    Returns None when the expression needs more of the article date than is known (a weekday
    in an article known only to its year): the caller treats that as unknown.
    """
    if expr.kind == "date":
        return Resolved(expr.when)
    if expr.kind == "vague":
        return Resolved(None)
    if expr.kind == "present":
        return Resolved(base, present=True) if base else None
    if base is None:
        return None
    base_day = base.as_date()
    if expr.kind == "month_day" and base.month is not None:
        assert expr.month is not None and expr.day is not None
        later = (expr.month, expr.day) > (base.month, base.day or 31)
        return Resolved(When(base.year - int(later), expr.month, expr.day))
    if expr.kind == "month" and base.month is not None:
        assert expr.month is not None
        return Resolved(When(base.year - int(expr.month > base.month), expr.month))
    if expr.kind == "weekday" and base_day is not None:
        assert expr.weekday is not None
        back = (base_day.weekday() - expr.weekday) % 7
        if back == 0 and expr.strict_past:
            back = 7
        return Resolved(when_of(base_day - timedelta(days=back)))
    if expr.kind == "offset":
        return _resolve_offset(expr.unit, expr.count, base)
    return None


def _resolve_offset(unit: Period | None, count: int, base: When) -> Resolved | None:
    base_day = base.as_date()
    if unit == "year":
        return Resolved(When(base.year - count))
    if unit == "month" and base.month is not None:
        return Resolved(_months_back(base, count))
    if unit == "day" and base_day is not None:
        return Resolved(when_of(base_day - timedelta(days=count)))
    if unit == "week" and base_day is not None:
        monday = base_day - timedelta(days=base_day.weekday() + 7 * count)
        last_day = min(monday + timedelta(days=6), base_day)
        return Resolved(_week_value(monday, last_day))
    return None


def shift(when: When, unit: Period, count: int) -> When | None:
    """``when`` moved ``count`` units back (forward when negative), keeping its precision."""
    if unit == "year":
        return replace(when, year=when.year - count)
    if unit == "month" and when.month is not None:
        moved = _months_back(when, count)
        return moved if when.day is None else None
    day = when.as_date()
    if unit in ("day", "week") and day is not None:
        return when_of(day - timedelta(days=count * (7 if unit == "week" else 1)))
    return None


# ---------------------------------------------------------------------------------------------
# The text's units: sentences cut at paragraph breaks, and what is quoted
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextUnit:
    """A sentence inside one paragraph (the parser sometimes runs sentences across them)."""

    start: int
    end: int
    first_token: int
    last_token: int  # inclusive


UNITS_KEY = "onrecord.time.units"


def text_units(doc: Doc) -> list[TextUnit]:
    """Sentences of ``doc``, cut again wherever a paragraph break (a newline) falls (read
    once per document)."""
    cached = doc.user_data.get(UNITS_KEY)
    if not isinstance(cached, list):
        cached = doc.user_data[UNITS_KEY] = _text_units(doc)
    return cached


def _text_units(doc: Doc) -> list[TextUnit]:
    units: list[TextUnit] = []
    for sent in doc.sents:
        first: int | None = None
        for token in sent:
            breaks = "\n" in token.text or "\n" in token.whitespace_
            if token.is_space:
                if first is not None:
                    units.append(_unit(doc, first, token.i - 1))
                    first = None
                continue
            if first is None:
                first = token.i
            if breaks:
                units.append(_unit(doc, first, token.i))
                first = None
        if first is not None:
            units.append(_unit(doc, first, sent.end - 1))
    return units


def _unit(doc: Doc, first: int, last: int) -> TextUnit:
    return TextUnit(doc[first].idx, doc[last].idx + len(doc[last]), first, last)


def _inside(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


# ---------------------------------------------------------------------------------------------
# Expressions placed in the parse
# ---------------------------------------------------------------------------------------------

SPEECH_VERBS = frozenset(
    """say tell ask claim insist add reply answer state declare argue suggest warn accuse
    demand call urge admit deny announce explain note write tweet respond continue describe
    question grill press promise pledge vow predict believe think want complain acknowledge
    concede confirm maintain contend charge allege boast joke recall reveal testify speak""".split()
)
SPEECH_NOUNS = frozenset(
    """comment remark speech statement word claim interview address speech remark
    testimony tweet post letter op-ed article essay question answer pledge promise vow
    call demand warning""".split()
)
# Written things that say something ("a report published last month found ...").
DOCUMENT_NOUNS = frozenset(
    """report study survey document letter paper review analysis assessment manifesto
    plan audit memo memorandum filing ruling judgment judgement white strategy poll
    resolution bill motion order decree""".split()
)
# Verbs that put a question: a question put in the narrative is put now, unless dated.
QUESTION_VERBS = frozenset("ask press question grill quiz challenge".split())
# Nouns for occasions at which things are said ("at a rally in 2016", "a protest in 2014").
OCCASION_NOUNS = frozenset(
    """rally protest march meeting conference congress convention summit debate hearing markup
    interview event speech address session briefing campaign visit hustings vigil ceremony
    lecture broadcast programme show podcast inquiry trial""".split()
)
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# Words of clauses that look ahead; their dates are no lower bound for the article. Losing a
# bound costs little, a future date taken as one makes the article date wrong.
FUTURE_WORDS = frozenset(
    """will 'll shall would next upcoming scheduled due expected expects expect planned plans
    intends intended aims hopes""".split()
)


@dataclass(frozen=True)
class Placed:
    """A time expression with where it sits in the parse."""

    expr: TimeExpr
    unit: int  # index into the units
    root: Token  # the expression's head token
    attached: Token  # the verb (or speech noun) it modifies
    depth: int  # distance from ``attached`` to its unit's root
    embedded: bool  # inside the reported words of a speech verb ("asked if ... in 2014")


def _unit_of(units: Sequence[TextUnit], token_i: int) -> int | None:
    low, high = 0, len(units) - 1
    while low <= high:
        mid = (low + high) // 2
        unit = units[mid]
        if token_i < unit.first_token:
            high = mid - 1
        elif token_i > unit.last_token:
            low = mid + 1
        else:
            return mid
    return None


def _in_unit(token: Token, unit: TextUnit) -> bool:
    return unit.first_token <= token.i <= unit.last_token


def _unit_root(token: Token, unit: TextUnit) -> Token:
    """The main word of the unit ``token`` is in.

    The parser sometimes runs a sentence over a paragraph break (a headline into the first
    line), leaving several fragments in one unit whose heads lie outside it; the main word is
    the first such fragment head that is a verb, else the first one.
    """
    doc = token.doc
    roots: dict[TextUnit, int] = doc.user_data.setdefault(ROOTS_KEY, {})
    if unit not in roots:
        tops = [
            doc[i]
            for i in range(unit.first_token, unit.last_token + 1)
            if not doc[i].is_space and (doc[i].head.i == i or not _in_unit(doc[i].head, unit))
        ]
        verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
        roots[unit] = (verbs or tops or [token])[0].i if (verbs or tops) else -1
    found = roots[unit]
    return doc[found] if found >= 0 else token


ROOTS_KEY = "onrecord.time.unit_roots"


def _chain(token: Token, unit: TextUnit) -> list[Token]:
    """``token`` and its heads up to the main word of its unit."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and _in_unit(chain[-1].head, unit):
        chain.append(chain[-1].head)
    top = _unit_root(token, unit)
    if chain[-1].i != top.i:
        chain.extend(_chain_to_top(top, unit, {t.i for t in chain}))
    return chain


def _chain_to_top(top: Token, unit: TextUnit, seen: set[int]) -> list[Token]:
    # A fragment cut off from its unit joins the unit's main word (and that word's heads).
    rest = [top]
    while rest[-1].head.i != rest[-1].i and _in_unit(rest[-1].head, unit):
        rest.append(rest[-1].head)
    return [t for t in rest if t.i not in seen]


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def _attachment(root: Token, unit: TextUnit) -> Token:
    """The verb, or the speech noun ("comments made in 2014"), an expression modifies."""
    for token in _chain(root, unit)[1:]:
        if token.pos_ in ("VERB", "AUX") or token.lemma_.lower() in SPEECH_NOUNS:
            return token
    return root


def _is_embedded(attached: Token, unit: TextUnit) -> bool:
    """True when the expression sits inside what a speech verb reports (its complement)."""
    chain = _chain(attached, unit)
    for token in chain:
        if (
            token.dep_ in ("ccomp", "xcomp")
            and _is_speech_verb(token.head)
            and _in_unit(token.head, unit)
        ):
            return True
    return False


def place_expressions(
    doc: Doc, units: Sequence[TextUnit], exprs: Iterable[TimeExpr]
) -> list[Placed]:
    placed: list[Placed] = []
    for expr in exprs:
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        index = _unit_of(units, span.root.i)
        if index is None:
            continue
        unit = units[index]
        attached = _attachment(span.root, unit)
        if expr.kind == "event":
            # "a year before he became leader": the clause it modifies is above the event.
            event = _event_head(span)
            attached = _attachment(event, unit) if event is not None else attached
        depth = len(_chain(attached, unit)) - 1
        embedded = _is_embedded(attached, unit) or _is_topic(span.root, attached, unit)
        placed.append(Placed(expr, index, span.root, attached, depth, embedded))
    return placed


def _is_topic(root: Token, attached: Token, unit: TextUnit) -> bool:
    """True when the expression is inside what someone is asked or speaks about ("asked about
    the future of the alliance after its summit in December")."""
    for token in _chain(root, unit)[1:]:
        if token.i == attached.i:
            return False
        if token.dep_ == "prep" and token.lower_ in ("about", "over", "regarding", "concerning"):
            return True
    return False


def _is_date_token(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME")


_TEMPORAL_PREPOSITIONS = frozenset(
    """in since during of by from until till before after early late mid the
    summer winter spring autumn""".split()
)


def _credible(expr: TimeExpr, doc: Doc) -> bool:
    """A bare year must look like a date ("in 2014", NER DATE), not a count ("2000 people")."""
    if expr.kind != "date" or expr.when is None or expr.when.month is not None:
        return True
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    previous = doc[span.start - 1] if span.start > 0 else None
    if previous is not None and previous.pos_ == "PROPN" and previous.text[:1].isupper() \
            and span.text.strip().isdigit():
        return False  # "Halverton 2040", "Vision 2030": a year in a name dates nothing
    if any(_is_date_token(token) for token in span):
        return True
    before = previous.lower_ if previous is not None else ""
    return before in _TEMPORAL_PREPOSITIONS


# ---------------------------------------------------------------------------------------------
# The article date
# ---------------------------------------------------------------------------------------------


def _dateline_rank(text: str, expr: TimeExpr) -> int | None:
    """How strongly a full date reads as the publication date (lower is stronger), or None."""
    line_start = text.rfind("\n", 0, expr.start) + 1
    line_end = text.find("\n", expr.end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start : expr.start]
    after = text[expr.end : line_end]
    lead = before.strip().lower()
    if re.match(r"(first\s+)?(published|posted|dated?)\b", lead):
        return 0
    if re.fullmatch(r"[A-Z][A-Z .'’-]+,\s*", before.strip() + " ") and re.match(r"\s*[—–-]", after):
        return 1  # "LONDON, 4 March 2021 —"
    if re.match(r"(last\s+)?updated\b", lead):
        return 2
    rest = re.sub(r"[\s|,·•:.0-9]|GMT|BST|UTC|EST|ET|[AaPp]\.?[Mm]\.?", "", after)
    if not before.strip() and not rest:
        return 3  # a date alone on its line
    return None


def _skip_ranges(removed: Sequence[Removed], reasons: set[str]) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in removed if r.reason in reasons]


def _is_future(root: Token, unit: TextUnit) -> bool:
    """True when a clause a date belongs to looks ahead ("will leave, starting in 2031")."""
    return any(
        token.lower_ in FUTURE_WORDS or any(c.lower_ in FUTURE_WORDS for c in token.children)
        for token in _chain(root, unit)
    )


def _names_a_thing(span: SpacySpan) -> bool:
    """A date before a noun names it ("the 2016 presidential contest", "the April 2027 vote").

    Such names are often of things still to come, so they are no lower bound for the article.
    """
    root = span.root
    return (
        root.dep_ in ("compound", "nummod", "amod", "nmod")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
    )


# "a ban from 2030", "12,000 jobs by 2032", "until 2040": a deadline or the start of a plan,
# which news states long before it comes; never a bound on when the article was written.
PLAN_EDGES = frozenset({"by", "from", "until", "till"})


def _told_in_the_past(doc: Doc, expr: TimeExpr) -> bool:
    """A quoted date in a clause in the past tense ("I said it in 2014"), which bounds the
    article; speakers' other dates are as often their targets."""
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    return head.tag_ in {"VBD", "VBN"} and not any(
        c.lower_ in {"will", "would", "has", "have", "'ve", "’ve"} for c in head.children)


def _edge_of_a_plan(span: SpacySpan) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in PLAN_EDGES


def _infer_date(
    doc: Doc, removed: Sequence[Removed]
) -> tuple[When, TimeExpr, Literal["dateline", "latest_stated_date",
                                   "offset_from_stated_date"]] | None:
    text = doc_text(doc)
    exprs = [e for e in find_time_expressions(text) if e.kind == "date" and _credible(e, doc)]
    # Datelines may sit in a header line the clean stage marked as boilerplate; a sidebar's or
    # trailer's "Published" line belongs to another story.
    not_other_story = _skip_ranges(removed, {"sidebar", "trailer"})
    datelines = [
        (rank, e)
        for e in exprs
        if e.when is not None
        and e.when.day is not None
        and not _inside(e.start, e.end, not_other_story)
        for rank in [_dateline_rank(text, e)]
        if rank is not None
    ]
    if datelines:
        rank, expr = min(datelines, key=lambda pair: (pair[0], pair[1].start))
        assert expr.when is not None
        return expr.when, expr, "dateline"
    # Lower bound. Captions and sidebars are published with the story, so their past dates bound
    # it too; trailers (other stories) and boilerplate (copyright years, cookie notices) do not.
    # Dates in sentences about the future ("will meet in June 2025") are not bounds.
    ignored = _skip_ranges(removed, {"trailer", "boilerplate"})
    units = text_units(doc)
    quoted = quoted_regions(text)
    bounds: list[TimeExpr] = []
    for expr in exprs:
        if _inside(expr.start, expr.end, ignored):
            continue
        if _inside(expr.start, expr.end, quoted) and not _told_in_the_past(doc, expr):
            continue  # "everyone has known about 2030 for years": a speaker's target date
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        index = _unit_of(units, span.root.i) if span is not None else None
        if (
            span is not None
            and index is not None
            and (_is_future(span.root, units[index]) or _names_a_thing(span)
                 or _edge_of_a_plan(span))
        ):
            continue
        bounds.append(expr)
    if not bounds:
        return None
    # The latest start of the stated periods; at equal starts the more precise value.
    precision_rank = {"year": 0, "month": 1, "day": 2}
    best = max(
        bounds,
        key=lambda e: (e.when.first_day(), precision_rank[e.when.precision]),  # type: ignore[union-attr]
    )
    assert best.when is not None
    anchored = _dated_by_an_offset(doc, units, ignored, best.when)
    if anchored is not None:
        return anchored
    return best.when, best, "latest_stated_date"


def _dated_by_an_offset(
    doc: Doc, units: Sequence[TextUnit], ignored: Sequence[tuple[int, int]], bound: When
) -> tuple[When, TimeExpr, Literal["offset_from_stated_date"]] | None:
    """The year the article speaks from, when it dates one event twice: "the comments he made
    five years ago" and "comments made at a protest in 2014" give 2019. Years only, and never
    before the latest date the text states."""
    text = doc_text(doc)
    quoted = quoted_regions(text)
    exprs = [e for e in find_time_expressions(text) if _credible(e, doc)
             and not _inside(e.start, e.end, ignored) and not _inside(e.start, e.end, quoted)]
    placed = place_expressions(doc, units, exprs)
    dated = [p for p in placed if p.expr.kind == "date" and p.expr.when is not None]
    for offset in placed:
        if offset.expr.kind != "offset" or offset.expr.unit != "year" or not offset.expr.count:
            continue
        for other in dated:
            if other.unit != offset.unit and _same_event(offset.attached, other.attached):
                year = other.expr.when.year + offset.expr.count  # type: ignore[union-attr]
                if year >= bound.year:
                    return When(year), offset.expr, "offset_from_stated_date"
    return None


def _same_event(a: Token, b: Token) -> bool:
    """Two mentions of one event: the same verb describing the same kind of thing ("the
    comments he made" / "comments made by him"), or with the same object."""
    if a.i == b.i or a.lemma_.lower() != b.lemma_.lower():
        return False
    (names_a, _), (names_b, _) = _doers(a), _doers(b)
    if names_a and names_b and not names_a & names_b:
        return False  # Ms Venn's visit three years ago is not Mr Arkwright's in 2009
    clauses = ("relcl", "acl")
    if a.dep_ in clauses and b.dep_ in clauses:
        return a.head.lemma_.lower() == b.head.lemma_.lower()
    objects = ("dobj", "attr")
    return bool({c.lemma_.lower() for c in a.children if c.dep_ in objects}
                & {c.lemma_.lower() for c in b.children if c.dep_ in objects})


def date_article(article: Article, doc: Doc, removed: Sequence[Removed]) -> Article:
    """The article with its date: given dates are kept, missing ones inferred from the text."""
    if article.date:
        known = parse_iso(article.date)
        if known and article.date_precision == "unknown":
            return replace(article, date_precision=known.precision)
        return article
    inferred = _infer_date(doc, removed)
    if inferred is None:
        return replace(article, date=None, date_source="unknown", date_precision="unknown")
    when, expr, rule = inferred
    evidence = Span.of(article.text, expr.start, expr.end)
    logger.debug("article %s dated %s from %r (%s)", article.id, when.iso(), evidence.text, rule)
    return replace(
        article,
        date=when.iso(),
        date_source="inferred",
        date_precision=when.precision,
        metadata={**article.metadata, "date_inferred_from": {"rule": rule, **evidence.to_json()}},
    )


# ---------------------------------------------------------------------------------------------
# Statement dates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Occasion:
    """What the narrative is on: the present, or a past occasion (dated or not).

    A *recent* occasion is the news event itself ("a hearing on Wednesday", "marched on
    Saturday"): everyone quoted after it spoke there, questions were put there. A *recalled*
    occasion ("at a rally in 2014") is someone's: ``people`` are the name words of who spoke
    at it, and a statement by someone else, or a question put now, means the narrative has
    moved on.
    """

    present: bool
    when: When | None = None
    evidence: TimeExpr | None = None
    people: frozenset[str] = frozenset()
    recent: bool = False
    # A recent occasion where many speak ("a hearing on Wednesday", "marched on Saturday"):
    # everyone quoted after it spoke there. Other news events ("voted on Monday") are the
    # speakers' who did them: someone else quoted next is speaking now.
    gathering: bool = False


PRESENT = Occasion(present=True)


def _event_date(
    doc: Doc, units: Sequence[TextUnit], placed: Placed, exprs: Sequence[Placed]
) -> When | None:
    """The date of the event in "a year before he became leader", when the text gives it.

    The event is the clause or noun after before/after; another sentence that has the same
    head word with the same key words ("became ... leader in 2015") and an absolute date
    attached to it dates the event.
    """
    span = doc.char_span(placed.expr.start, placed.expr.end, alignment_mode="expand")
    head = _event_head(span) if span is not None else None
    if head is None:
        return None
    keys = {c.lemma_.lower() for c in head.children if c.dep_ in ("attr", "dobj", "pobj", "oprd")}
    # "his appointment" is dated by "became minister in 2020" or "was appointed in 2020".
    lemmas = {head.lemma_.lower()} | EVENT_VERBS.get(head.lemma_.lower(), frozenset())
    for other in exprs:
        if other is placed or other.expr.kind != "date" or other.expr.when is None:
            continue
        unit = units[other.unit]
        words = [doc[i] for i in range(unit.first_token, unit.last_token + 1)]
        matches = [t for t in words if t.lemma_.lower() in lemmas and t.i != head.i
                   and (t.lemma_.lower() == head.lemma_.lower() or _done_by_the_owner(head, t))]
        for candidate in matches:
            found = {c.lemma_.lower() for c in candidate.subtree}
            if keys <= found and other.attached.i == candidate.i:
                return other.expr.when
    return None


# Nouns of career events and the verbs that report them.
EVENT_VERBS: dict[str, frozenset[str]] = {
    "appointment": frozenset({"appoint", "become", "name"}),
    "election": frozenset({"elect", "become", "win"}),
    "promotion": frozenset({"promote", "become"}),
    "resignation": frozenset({"resign", "quit", "step"}),
    "retirement": frozenset({"retire"}),
    "defeat": frozenset({"lose", "defeat"}),
    "victory": frozenset({"win"}),
    "arrival": frozenset({"arrive", "join"}),
    "departure": frozenset({"leave", "depart", "quit"}),
    "sacking": frozenset({"sack", "fire", "dismiss"}),
}


def _doers(token: Token) -> tuple[frozenset[str], bool]:
    """Who does an event: the name words of the subject or "by" agent of a verb, or of the
    owner of a noun ("her appointment"), with appositions ("Her predecessor, Tom Arkwright");
    and whether that doer is a person pronoun."""
    if token.pos_ in ("NOUN", "PROPN"):
        doers = [c for c in token.children if c.dep_ == "poss"]
    else:
        doers = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        doers += [g for c in token.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        if not doers and token.dep_ in ("relcl", "acl"):
            doers = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"]
            doers = [g for c in doers for g in c.children if g.dep_ == "pobj"]
    names = frozenset(
        t.lower_ for d in doers for t in d.subtree if t.pos_ == "PROPN" and t.is_alpha
    )
    pronoun = any(d.pos_ == "PRON" for d in doers)
    return names, pronoun


def _done_by_the_owner(noun: Token, verb: Token) -> bool:
    """"a year before her appointment" / "Mr Glaisher became minister in 2020": the verb's doer
    is a person (a name or a pronoun) and, where both are named, the noun's owner."""
    owner, _ = _doers(noun)
    doer, pronoun = _doers(verb)
    if not doer and not pronoun:
        return False  # "Her brother became a doctor": not the owner's event
    return not (owner and doer) or bool(owner & doer)


def _event_head(span: SpacySpan) -> Token | None:
    """The event of "a year before he became leader" (became) or "after the election" (election)."""
    if len(span) == 0:
        return None
    word = span[-1]  # "before" / "after"
    if word.dep_ == "mark":
        return word.head
    return next((c for c in word.children if c.dep_ in ("pobj", "pcomp")), None)


def _resolve_placed(
    doc: Doc, units: Sequence[TextUnit], placed: Placed, exprs: Sequence[Placed], base: When | None
) -> Resolved | None:
    if placed.expr.kind == "event":
        event = _event_date(doc, units, placed, exprs)
        if event is None or placed.expr.unit is None:
            return Resolved(None)
        return Resolved(shift(event, placed.expr.unit, placed.expr.count))
    return resolve(placed.expr, base)


def _is_present(expr: TimeExpr) -> bool:
    """Today, now, and this week/month/year: the narrative is back in the present."""
    return expr.kind == "present" or (expr.kind == "offset" and expr.count == 0)


def _sets_occasion(placed: Placed, unit: TextUnit) -> bool:
    """True when a past anchor dates a speaking occasion, not some other fact.

    "in 2014 he claimed", "comments made ... in 2014", "at a rally in 2016" set an occasion;
    "a poll on November 26" or "she moved to Leeds in 2010" do not.
    """
    words = SPEECH_NOUNS | OCCASION_NOUNS
    root = placed.root
    if root.dep_ in ("compound", "nummod", "amod", "nmod") and root.head.i > root.i:
        # A date naming a thing dates that thing: "the 2016 campaign" is an occasion, "the
        # league's 2019 strategy document" is not (it dates what the document says, only).
        return root.head.lemma_.lower() in OCCASION_NOUNS
    chain = _chain(placed.root, unit)
    upto = chain[
        : next((k for k, t in enumerate(chain) if t.i == placed.attached.i), len(chain) - 1) + 1
    ]
    if any(t.lemma_.lower() in words or _is_speech_verb(t) for t in upto):
        return True
    attached = placed.attached
    if attached.dep_ in ("relcl", "acl") and attached.head.lemma_.lower() in words:
        return True
    return any(
        c.lemma_.lower() in words
        for c in attached.children
        if c.dep_ in ("dobj", "nsubj", "nsubjpass")
    )


def _is_background(placed: Placed, unit: TextUnit) -> bool:
    """True for an anchor in a clause describing someone or something ("Smith, who in 2009
    called for ...", "a senator who has backed the deal since 2015"): background, not the
    occasion of the narrative. A clause describing remarks ("comments made in 2014") is not."""
    words = SPEECH_NOUNS | OCCASION_NOUNS
    for token in _chain(placed.root, unit):
        if token.dep_ in ("relcl", "appos") or (token.dep_ == "acl" and token.head.pos_ == "PROPN"):
            if token.head.lemma_.lower() not in words:
                return True
    return False


def _main_word_is_present(doc: Doc, unit: TextUnit, quoted: Sequence[tuple[int, int]]) -> bool:
    """A narrative sentence in the present tense ("Not everyone is convinced", "Smith says")."""
    root = _unit_root(doc[unit.first_token], unit)
    if _inside(root.idx, root.idx + len(root), quoted):
        return False
    return root.tag_ in PRESENT_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in PRESENT_TAGS and c.lemma_ != "have"
        for c in root.children
    )


def _occasion_of(
    doc: Doc,
    units: Sequence[TextUnit],
    index: int,
    candidates: Sequence[Placed],
    all_placed: Sequence[Placed],
    base: When | None,
    current: Occasion,
    quoted: Sequence[tuple[int, int]],
) -> Occasion:
    """The occasion after reading unit ``index``, given the occasion before it."""
    unit = units[index]
    framing = [
        p
        for p in candidates
        if p.unit == index
        and p.expr.frames
        # "under plans confirmed yesterday by the minister": in the lead, the news event's
        # day dates the story's occasion even from inside a clause.
        and (not p.embedded or (_is_recent(p.expr) and _in_the_lead(doc, unit)))
        and not _is_background(p, unit)
        and (_is_present(p.expr) or _is_recent(p.expr) or _sets_occasion(p, unit))
    ]
    # A document's date dates what it says, unless the lead names who did the news with it
    # ("plans confirmed yesterday by the minister, Ciaran Maguire").
    framing = [p for p in framing if not _dates_a_document(p, unit)
               or (_is_recent(p.expr) and _in_the_lead(doc, unit) and _people_in(doc, unit, quoted))]
    if framing:
        top = min(framing, key=lambda p: (p.depth, p.expr.start))
        if _is_present(top.expr):
            return Occasion(present=True, evidence=top.expr)
        resolved = _resolve_placed(doc, units, top, all_placed, base)
        people = _people_in(doc, unit, quoted)
        if resolved is not None and resolved.when is not None:
            recent = _is_recent(top.expr)
            return Occasion(False, resolved.when, top.expr, people, recent=recent,
                            gathering=recent and _in_the_lead(doc, unit) and _is_gathering(doc, unit))
        if top.expr.kind in ("event", "vague") and not current.present and current.when:
            # An undated past ("a year before he became leader") elaborates the dated
            # occasion already in view.
            return current
        # Otherwise an occasion we cannot date ("on Thursday" in an article known to its year).
        return Occasion(present=False, when=None, evidence=top.expr, people=people)
    if _main_word_is_present(doc, unit, quoted) or _in_a_statement(doc, unit):
        return PRESENT
    if not current.recent and _puts_a_question(doc, unit, quoted):
        return PRESENT
    return current


def _dates_a_document(placed: Placed, unit: TextUnit) -> bool:
    """ "A report published on Friday", "the 2019 strategy document": the date is the
    document's, and dates only what the document says, not the narrative after it."""
    chain = _chain(placed.root, unit)
    upto = chain[
        : next((k for k, t in enumerate(chain) if t.i == placed.attached.i), len(chain) - 1) + 1
    ]
    if any(t.lemma_.lower() in DOCUMENT_NOUNS for t in upto):
        return True
    attached = placed.attached
    return attached.dep_ in ("relcl", "acl") and attached.head.lemma_.lower() in DOCUMENT_NOUNS


def _is_recent(expr: TimeExpr) -> bool:
    """Days counted back from the article's own day ("on Wednesday", "yesterday", "last
    night"): the news event the article reports."""
    return expr.kind == "weekday" or (expr.kind == "offset" and expr.unit == "day")


STATEMENT_NOUNS = frozenset(
    "statement interview letter post tweet email release op-ed article".split()
)


def _in_a_statement(doc: Doc, unit: TextUnit) -> bool:
    """ "X said in a statement", "told the Courier in an interview": a new occasion with no date
    of its own, which news reports of the day put in the present."""
    root = _unit_root(doc[unit.first_token], unit)
    if not _is_speech_verb(root):
        return False
    return any(
        prep.lower_ == "in"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in STATEMENT_NOUNS for o in prep.children)
        for prep in root.children
    )


def _puts_a_question(doc: Doc, unit: TextUnit, quoted: Sequence[tuple[int, int]]) -> bool:
    """ "He was asked whether ...", "Pressed on whether ...": a question put in the interview
    the article reports, so the narrative is back in the present (the unit has no date of its
    own, or it would have set one)."""
    root = _unit_root(doc[unit.first_token], unit)
    heads = [root] + [c for c in root.children if _is_participle_clause(c)]
    return (
        any(
            t.lemma_.lower() in QUESTION_VERBS and not _inside(t.idx, t.idx + len(t), quoted)
            for t in heads
        )
        and "at the time" not in doc_text(doc)[unit.start : unit.end].lower()
    )


_TITLES = frozenset("mr mrs ms miss dr sir dame lord lady sen rep gov prof rev the".split())


def _name_words(name: str) -> frozenset[str]:
    words = re.findall(r"[\w’'-]+", name.lower())
    return frozenset(w.rstrip(".") for w in words if len(w) > 1 and w.rstrip(".") not in _TITLES)


def _people_in(doc: Doc, unit: TextUnit, quoted: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Name words of the people a unit mentions outside quotation marks."""
    words: set[str] = set()
    tokens = doc[unit.first_token : unit.last_token + 1]
    for ent in tokens.ents:
        if ent.label_ == "PERSON" and not _inside(ent.start_char, ent.end_char, quoted):
            words |= _name_words(ent.text)
    # "confirmed by the Minister for Housing, Ciarán Maguire": the tagger may miss a name in
    # a long title; a proper noun that is an appositive or an agent's head is a person named.
    for token in tokens:
        if token.pos_ == "PROPN" and token.dep_ == "appos" and not _inside(token.idx, token.idx + 1, quoted):
            words |= _name_words(" ".join(t.text for t in token.subtree if t.pos_ == "PROPN"))
    return frozenset(words)


def _speaker_words(quote: Quote) -> frozenset[str]:
    return _name_words(quote.speaker.name) if quote.speaker.name else frozenset()


# A statement in a background clause with no date of its own: unknown, not the narrative's.
BACKGROUND = Placed(TimeExpr(0, 0, "vague", frames=False), -1, None, None, 0, False)  # type: ignore[arg-type]


def _quote_anchor(
    quote: Quote,
    doc: Doc,
    units: Sequence[TextUnit],
    candidates: Sequence[Placed],
) -> Placed | None:
    """A time expression in the clause that governs the statement, if there is one."""
    if quote.cue is not None:
        span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    else:
        # No cue: the clause that governs the content is above the content's head word.
        span = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
        if span is not None and len(span) > 0 and span.root.head.i != span.root.i:
            span = doc[span.root.head.i : span.root.head.i + 1]
        else:
            return None
    if span is None or len(span) == 0:
        return None
    cue = span.root
    index = _unit_of(units, cue.i)
    if index is None:
        return None
    unit = units[index]
    chain = _chain(cue, unit)
    own = [
        p
        for p in candidates
        if p.unit == index
        and not _inside(p.expr.start, p.expr.end, [(quote.content.start, quote.content.end)])
    ]
    if _is_trailing_participle(cue):
        # "..., saying X": the participle belongs to the main clause, even when the parser
        # hangs it on a relative clause ("lifted the ban that he imposed in 2019, saying").
        chain = [t for t in chain if t.dep_ not in ("relcl", "acl")]
    else:
        background = _background_clause(chain)
        if background is not None:
            # "Vance, who has called for X, said ...": a statement in a clause describing
            # someone is dated by that clause alone, else not at all.
            inside = {t.i for t in background.subtree}
            chain = [t for t in chain if t.i in inside]
            own = [p for p in own if p.attached.i in inside]
            if not own:
                return BACKGROUND
    # The cue and the clauses above it, with their participle clauses ("Speaking in 1999, ...").
    for token in chain:
        heads = {token.i} | {c.i for c in token.children if _is_participle_clause(c)}
        on_token = [p for p in own if p.attached.i in heads]
        if on_token:
            return min(on_token, key=lambda p: abs(p.root.i - cue.i))
    # A clause describing the remarks: "the comments he made five years ago when he said ...".
    described = [p for p in own if _describes_remarks(p.attached)]
    if described:
        return min(described, key=lambda p: abs(p.root.i - cue.i))
    return None


def _background_clause(chain: Sequence[Token]) -> Token | None:
    """The relative clause describing a person or thing that the cue sits in, if any."""
    for token in chain[:-1]:
        if (
            token.dep_ == "relcl"
            and token.head.lemma_.lower() not in SPEECH_NOUNS | DOCUMENT_NOUNS | OCCASION_NOUNS
        ):
            return token
    return None


def _is_trailing_participle(token: Token) -> bool:
    return (
        token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and token.i > 0
        and token.doc[token.i - 1].text == ","
    )


def _is_participle_clause(token: Token) -> bool:
    # "Speaking in 1999", "Asked on Monday", "Addressing a rally in 2014": no subject of its own.
    return (
        token.dep_ == "advcl"
        and token.tag_ in ("VBG", "VBN", "VBD")  # the tagger often reads "Asked" as VBD
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )


def _describes_remarks(attached: Token) -> bool:
    # "the comments he made in 2014", "a report published last month"
    return (
        attached.dep_ in ("relcl", "acl")
        and attached.head.lemma_.lower() in SPEECH_NOUNS | DOCUMENT_NOUNS
    )


def _said_on(text: str, resolved: Resolved | None, expr: TimeExpr | None) -> SaidOn:
    evidence = Span.of(text, expr.start, expr.end) if expr else None
    if resolved is None or resolved.when is None:
        return SaidOn(date=None, precision="unknown", evidence=evidence)
    return SaidOn(date=resolved.when.iso(), precision=resolved.when.precision, evidence=evidence)


def article_base(article: Article) -> When | None:
    """The article date statements are dated from.

    A date inferred as a lower bound (the latest date the text states) is not the day the
    article speaks from, so "today" and "five years ago" are not dated from it; a dateline,
    or a year read off one event dated twice, is.
    """
    inferred = (
        article.metadata.get("date_inferred_from") if article.date_source == "inferred" else None
    )
    if isinstance(inferred, dict) and inferred.get("rule") not in ("dateline",
                                                                   "offset_from_stated_date"):
        return None
    return parse_iso(article.date)


def date_quotes(
    doc: Doc, quotes: Sequence[Quote], article: Article, removed: Sequence[Removed]
) -> list[Quote]:
    """Each statement with ``said_on``: its own anchor, else the occasion, else the article date."""
    if not quotes:
        return []
    text = doc_text(doc)
    base = article_base(article)
    units = text_units(doc)
    removed_ranges = [(r.start, r.end) for r in removed]
    quoted = quoted_regions(text)  # the quotes stage's pairing of marks
    contents = [(q.content.start, q.content.end) for q in quotes]
    exprs = [e for e in find_time_expressions(text) if _credible(e, doc)]
    placed = place_expressions(doc, units, exprs)
    # What the narrative says about time: not the quoted words, not what was removed.
    narrative = [
        p
        for p in placed
        if not _inside(p.expr.start, p.expr.end, quoted)
        and not _inside(p.expr.start, p.expr.end, removed_ranges)
    ]
    framing = [p for p in narrative if not _inside(p.expr.start, p.expr.end, contents)]

    # Statements by the unit their cue is in (the content's start when there is no cue).
    by_unit: dict[int | None, list[int]] = {}
    for number, quote in enumerate(quotes):
        by_unit.setdefault(_unit_at(doc, units, _cue_at(quote)), []).append(number)

    said_on: dict[int, SaidOn] = {}
    current = PRESENT
    for index, unit in enumerate(units):
        if not _inside(unit.start, unit.end, removed_ranges):
            current = _occasion_of(doc, units, index, framing, narrative, base, current, quoted)
        for number in sorted(by_unit.get(index, []), key=lambda n: _cue_at(quotes[n])):
            quote = quotes[number]
            own = _own_anchor(quote, doc, units, narrative, contents, base, current)
            if own is not None:
                said_on[number] = own
                if _set_by(current, own):  # "At a rally in 2014, Smith said": Smith's occasion
                    current = replace(current, people=current.people | _speaker_words(quote))
                continue
            current = _carry(current, quote, doc)
            said_on[number] = _from_occasion(text, current, base)
    for number in by_unit.get(None, []):  # outside every unit (e.g. in whitespace): the present
        said_on[number] = _from_occasion(text, PRESENT, base)
    return [replace(q, said_on=said_on[n]) for n, q in enumerate(quotes)]


def _cue_at(quote: Quote) -> int:
    return quote.cue.start if quote.cue else quote.content.start


def _unit_at(doc: Doc, units: Sequence[TextUnit], offset: int) -> int | None:
    span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _unit_of(units, span[0].i)


def _set_by(occasion: Occasion, said_on: SaidOn) -> bool:
    evidence = occasion.evidence
    return (
        not occasion.present
        and evidence is not None
        and said_on.evidence is not None
        and (said_on.evidence.start, said_on.evidence.end) == (evidence.start, evidence.end)
    )


def _subject_words(quote: Quote) -> frozenset[str]:
    """Name words of the speaker's mention when the speakers stage gave no name ("Sen. Rob
    Tiller, a Republican from Kansas"); pronouns and common nouns give none."""
    mention = quote.speaker.mention
    if mention is None:
        return frozenset()
    names = re.findall(r"\b[A-Z][a-z’'-]+\b", mention.text)
    return _name_words(" ".join(names)) - PRONOUN_WORDS


PRONOUN_WORDS = frozenset("he she they it we his her their its the a an this that".split())


# Gatherings where many people speak, as the news event: who is quoted after one spoke there.
GATHERING_NOUNS = frozenset(
    "rally protest march hearing debate conference summit hustings vigil inquiry".split()
)
GATHERING_VERBS = frozenset("march protest rally testify hear".split())
# Whom a speaker addresses at a gathering: "told the crowd", "told the committee".
AUDIENCE_NOUNS = frozenset(
    """crowd audience panel committee hearing meeting conference rally delegates inquiry
    members mps senators councillors protesters marchers supporters""".split()
)


# The news event a speaker spoke just after ("said after the vote").
AFTERMATH_NOUNS = frozenset({"vote", "announcement", "decision", "ruling", "verdict", "result"})


def _is_gathering(doc: Doc, unit: TextUnit) -> bool:
    """The unit sets a gathering ("heard on Wednesday from ...", "at a rally on Saturday")."""
    tokens = doc[unit.first_token : unit.last_token + 1]
    return any((t.pos_ == "NOUN" and t.lemma_.lower() in GATHERING_NOUNS)
               or (t.pos_ == "VERB" and t.lemma_.lower() in GATHERING_VERBS) for t in tokens)


def _in_the_lead(doc: Doc, unit: TextUnit) -> bool:
    """The unit is in the headline or the story's first paragraph: the news event itself
    ("A review heard on Wednesday from ..."), not a debate a later paragraph mentions."""
    return unit.start < lead_end(doc_text(doc))


def _addresses_an_audience(doc: Doc, quote: Quote) -> bool:
    """The statement's cue names whom it was told to at the occasion ("told the crowd"), or
    the occasion itself ("said during the markup", "at the same session", "replying in the
    same debate")."""
    if quote.cue is None:
        return False
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verbs = {t.i: t for t in span}
    for t in list(verbs.values()):
        verbs.update({c.i: c for c in t.children if _is_participle_clause(c)})
        if t.dep_ == "advcl" or _is_participle_clause(t):
            verbs[t.head.i] = t.head  # "Replying in the same debate, she said"
        verbs.update({c.i: c for c in t.head.children if _is_participle_clause(c)})
    for verb in verbs.values():
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"} and child.lemma_.lower() in AUDIENCE_NOUNS:
                return True
            if child.dep_ == "prep" and child.lower_ in {"at", "during", "in", "after", "following"}:
                if any(g.dep_ == "pobj" and g.lemma_.lower() in OCCASION_NOUNS | AUDIENCE_NOUNS
                       | AFTERMATH_NOUNS for g in child.children):
                    return True
            if child.dep_ == "advmod" and child.lower_ in {"afterwards", "afterward"}:
                return True  # "she said afterwards"
    return False


def _carry(current: Occasion, quote: Quote, doc: Doc | None = None) -> Occasion:
    """The occasion a statement without its own anchor belongs to.

    A past occasion is someone's: a statement by another named speaker means the narrative
    has moved on to the present; the first named speaker of an occasion nobody was named at
    becomes its speaker. A recent gathering is everyone's who is quoted after it, and so is
    any recent occasion for a speaker who told its audience ("told the crowd").
    """
    if current.present or current.gathering:
        return current
    if current.recent and doc is not None and _addresses_an_audience(doc, quote):
        return current
    speaker = _speaker_words(quote) or _subject_words(quote)
    if not speaker:
        return current
    if not current.people:
        # Nobody named at a recalled occasion: its first named speaker spoke there. A recent
        # event done by a body ("the cabinet voted on Monday"): who is quoted next reacts now.
        return PRESENT if current.recent else replace(current, people=speaker)
    if speaker & current.people:
        return current
    return PRESENT


def _from_occasion(text: str, occasion: Occasion, base: When | None) -> SaidOn:
    if occasion.present:
        return _said_on(text, Resolved(base, present=True) if base else None, occasion.evidence)
    return _said_on(text, Resolved(occasion.when), occasion.evidence)


def _is_the_event(doc: Doc, anchor: Placed, quote: Quote) -> bool:
    """Is the event of "N years after <event>" this statement's own cue ("after warning")?"""
    span = doc.char_span(anchor.expr.start, anchor.expr.end, alignment_mode="expand")
    head = _event_head(span) if span is not None else None
    return head is not None and quote.cue is not None and \
        quote.cue.start <= head.idx < quote.cue.end


def _before_the_clause(
    text: str, doc: Doc, anchor: Placed, narrative: Sequence[Placed], base: When | None,
    current: Occasion,
) -> SaidOn:
    """The statement's date: the time of the clause "N years after <statement>" hangs on (its
    own date word, else the occasion, else the article date), moved N units back."""
    on_clause = [p for p in narrative if p.attached.i == anchor.attached.i
                 and p.expr.kind != "event"]
    clause: When | None = None
    for placed in on_clause:
        resolved = resolve(placed.expr, base)
        if resolved is not None and resolved.when is not None:
            clause = resolved.when
            break
    if clause is None:
        clause = base if current.present else current.when
    unit, count = anchor.expr.unit, anchor.expr.count
    if clause is None or unit is None or count is None:
        return _said_on(text, None, anchor.expr)
    if unit == "year":
        clause = When(clause.year)  # "five years after": a year, not a day
    elif unit == "month" and clause.month is not None:
        clause = When(clause.year, clause.month)  # "six months after": a month
    return _said_on(text, Resolved(shift(clause, unit, -count)), anchor.expr)


def _own_anchor(
    quote: Quote,
    doc: Doc,
    units: Sequence[TextUnit],
    narrative: Sequence[Placed],
    contents: Sequence[tuple[int, int]],
    base: When | None,
    current: Occasion,
) -> SaidOn | None:
    """The date from an anchor in the statement's own clause, or None when it has none."""
    text = doc_text(doc)
    # Reported words (this statement's or another's) are not the clause that governs it, unless
    # the cue itself is inside them ("asked if he stood by what he said in 2014").
    cue_at = _cue_at(quote)
    reported = [(a, b) for a, b in contents if not a <= cue_at < b]
    candidates = [p for p in narrative if not _inside(p.expr.start, p.expr.end, reported)]
    anchor = _quote_anchor(quote, doc, units, candidates)
    if anchor is None:
        return None
    if anchor is BACKGROUND:
        return SaidOn(date=None, precision="unknown", evidence=None)
    if anchor.expr.kind == "event" and _is_the_event(doc, anchor, quote):
        # "unveiled the bill today, five years after warning that ...": the statement is the
        # event, so it lies that far before the time of the clause the expression is on.
        return _before_the_clause(text, doc, anchor, narrative, base, current)
    resolved = _resolve_placed(doc, units, anchor, narrative, base)
    unplaced = resolved is None or resolved.when is None
    if (
        anchor.expr.kind == "event"
        and unplaced
        and not current.present
        and current.when is not None
    ):
        # "Speaking a year before he became leader" inside a dated occasion: that occasion.
        return _said_on(text, Resolved(current.when), current.evidence)
    return _said_on(text, resolved, anchor.expr)

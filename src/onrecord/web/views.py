"""Pure functions that turn record data into what the pages draw.

Nothing here builds HTML from strings except ``highlight``, which escapes every piece of
text before it adds its own ``<mark>`` tags. Everything else returns plain records that the
autoescaping templates render: article text cut into segments at quote and boilerplate
edges, a speaker's colour slot, and the geometry of a timeline chart.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from onrecord.compare import Change, Statement, position_label

SPEAKER_SLOTS = 8  # colours in the stylesheet: .speaker-0 ... .speaker-7
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


# --- links ------------------------------------------------------------------------------------


def article_href(article_id: str, quote_id: str | None = None) -> str:
    """The article page (at one quote); ids are percent-encoded, never trusted as paths."""
    href = f"/articles/{quote(article_id, safe='')}"
    return f"{href}#{quote(quote_id, safe='')}" if quote_id else href


def speaker_href(name: str) -> str:
    return f"/speakers/{quote(name, safe='')}"


# --- article text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of the article text with one look: inside at most one quote (the innermost)
    and at most one removed span."""

    start: int
    end: int
    text: str
    quote_id: str | None = None
    speaker_slot: int | None = None
    removed: str | None = None
    opens_removed: bool = False  # the first segment of a removed span carries its label
    closes_quote: bool = False  # the last segment of a quote carries its reference


def speaker_slots(quotes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """A colour slot per named speaker, in order of first appearance."""
    slots: dict[str, int] = {}
    for q in sorted(quotes, key=lambda q: q["content"]["start"]):
        name = q["speaker"]["name"]
        if name and name not in slots:
            slots[name] = len(slots) % SPEAKER_SLOTS
    return slots


def article_segments(
    text: str, quotes: Sequence[Mapping[str, Any]], removed: Sequence[Mapping[str, Any]]
) -> list[Segment]:
    """Cut ``text`` at every quote and removed-span edge; every character is in exactly one
    segment, so the page shows the whole text and nothing else from it."""
    size = len(text)

    def clamp(value: int) -> int:
        return max(0, min(size, int(value)))

    spans = [(clamp(q["content"]["start"]), clamp(q["content"]["end"]), q) for q in quotes]
    spans = [(s, e, q) for s, e, q in spans if s < e]
    cuts = [(clamp(r["start"]), clamp(r["end"]), str(r["reason"])) for r in removed]
    cuts = [(s, e, reason) for s, e, reason in cuts if s < e]
    edges = sorted({0, size} | {p for s, e, _ in spans for p in (s, e)}
                   | {p for s, e, _ in cuts for p in (s, e)})
    slots = speaker_slots([q for _, _, q in spans])
    segments: list[Segment] = []
    for a, b in zip(edges, edges[1:], strict=False):
        covering = [(e - s, s, e, q) for s, e, q in spans if s <= a and b <= e]
        cut = next(((s, reason) for s, e, reason in cuts if s <= a and b <= e), None)
        segment = Segment(a, b, text[a:b])
        if covering:
            _, _, end, q = min(covering, key=lambda c: (c[0], c[1]))
            name = q["speaker"]["name"]
            segment = Segment(a, b, text[a:b], quote_id=str(q["id"]),
                              speaker_slot=slots.get(name) if name else None,
                              closes_quote=b == end)
        if cut:
            segment = Segment(segment.start, segment.end, segment.text, segment.quote_id,
                              segment.speaker_slot, removed=cut[1], opens_removed=a == cut[0],
                              closes_quote=segment.closes_quote)
        segments.append(segment)
    return segments


# --- search results ---------------------------------------------------------------------------


def query_terms(query: str | None) -> list[str]:
    """The words of a search, as the full-text index sees them (punctuation is not a word)."""
    return re.findall(r"\w+", query or "")


def highlight(text: str, query: str | None) -> Markup:
    """``text`` escaped, with each whole-word match of the query's words in ``<mark>``.

    Matches are found in the raw text and every piece is escaped on its own, so a match can
    never split or create an HTML entity or tag."""
    terms = sorted({t.casefold() for t in query_terms(query)}, key=len, reverse=True)
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(str(escape(text[last : match.start()])))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))


# --- timelines --------------------------------------------------------------------------------


def date_value(said_on: str | None) -> float | None:
    """A date as a fractional year; a year or month alone sits in its middle."""
    match = DATE.match(said_on or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    y = int(year)
    if not month:
        return y + 0.5
    m = int(month)
    if not 1 <= m <= 12:
        return y + 0.5
    if not day:
        return y + (m - 0.5) / 12
    days = calendar.monthrange(y, m)[1]
    d = min(max(int(day), 1), days)
    year_days = 366 if calendar.isleap(y) else 365
    before = sum(calendar.monthrange(y, k)[1] for k in range(1, m))
    return y + (before + d - 1) / year_days


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    stance: str
    shape: str  # an SVG path: the shape says the stance as well as the colour does
    said_on: str
    text: str  # the statement's words, shortened
    label: str
    href: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class ChangeMark:
    x_before: float
    x_after: float
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    topic: str
    width: int
    height: int
    axis_y: float
    x0: float
    x1: float
    ticks: tuple[Tick, ...]
    points: tuple[Point, ...]
    changes: tuple[ChangeMark, ...]
    undated: tuple[Statement, ...]


WIDTH, HEIGHT, LEFT, RIGHT, AXIS_Y, STACK = 720, 120, 30, 30, 80, 16


def shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marker_path(stance: str, x: float, y: float) -> str:
    """Favour: a triangle pointing up; against: pointing down; neutral: a diamond."""
    if stance == "favor":
        return f"M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y + 6:.1f} L{x - 8:.1f},{y + 6:.1f} Z"
    if stance == "against":
        return f"M{x:.1f},{y + 8:.1f} L{x + 8:.1f},{y - 6:.1f} L{x - 8:.1f},{y - 6:.1f} Z"
    return f"M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z"


def domain(statements: Sequence[Statement]) -> tuple[float, float]:
    """The years a set of charts spans, padded so no marker sits on the edge."""
    values = [v for s in statements if (v := date_value(s.said_on)) is not None]
    if not values:
        return (0.0, 1.0)
    low, high = min(values), max(values)
    if high - low < 1:
        return (low - 1, high + 1)
    pad = (high - low) * 0.08
    return (low - pad, high + pad)


def year_ticks(low: float, high: float, x: Any) -> tuple[Tick, ...]:
    """One tick per year, thinned to at most ten."""
    first, last = int(low) + (1 if low > int(low) else 0), int(high)
    years = list(range(first, last + 1))
    step = max(1, -(-len(years) // 10))
    return tuple(Tick(x(year), str(year)) for year in years[::step])


def timeline_chart(
    topic: str,
    statements: Sequence[Statement],
    changes: Sequence[Change],
    span: tuple[float, float],
) -> Chart:
    """Place each dated statement at its date on a shared axis (statements said on the same
    date are stacked), and mark each position change between its two statements."""
    low, high = span
    x0, x1 = float(LEFT), float(WIDTH - RIGHT)

    def x(value: float) -> float:
        return round(x0 + (value - low) / (high - low) * (x1 - x0), 1)

    points: list[Point] = []
    stacked: dict[str, int] = {}
    for s in statements:
        value = date_value(s.said_on)
        if value is None or s.said_on is None:
            continue
        level = stacked.get(s.said_on, 0)
        stacked[s.said_on] = level + 1
        px, py = x(value), AXIS_Y - 22 - STACK * (level % 3)
        text = shorten(s.content)
        label = f"{s.said_on}, {position_label(s)}: {text}"
        points.append(Point(px, py, s.stance, marker_path(s.stance, px, py), s.said_on, text,
                            label, article_href(s.article_id, s.quote_id)))
    marks = []
    for c in changes:
        before, after = date_value(c.before.said_on), date_value(c.after.said_on)
        if before is None or after is None:
            continue
        xb, xa = x(before), x(after)
        marks.append(ChangeMark(xb, xa, round((xb + xa) / 2, 1),
                                f"changed: {c.from_position} to {c.to_position}"))
    undated = tuple(s for s in statements if date_value(s.said_on) is None)
    return Chart(topic, WIDTH, HEIGHT, AXIS_Y, x0, x1, year_ticks(low, high, x), tuple(points),
                 tuple(marks), undated)

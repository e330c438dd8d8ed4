"""Compare stage: the record over time, across articles.

Pure functions over ``Statement`` records read from the store:

- speakers merged across articles ("Corbyn" in one article and "Jeremy Corbyn" in another are
  one person; "Jeremy Corbyn" and "Piers Corbyn" are not), with user merges and splits;
- topics merged across articles through the names an article gives them (a topic's aliases
  that name one thing: "breakaway Elite League", not "25 percent tariffs");
- the same statement reported by many outlets kept once, with every source, and an article's
  own repeat of a quote (a headline, a pull quote) kept once in its fuller copy;
- per speaker and topic, statements ordered by when they were said, and the points where the
  position changed: favor <-> against is full; to or from neutral is partial, and a neutral
  statement counts only when its words say the speaker takes no side yet; the same side in
  another voice is no change; conflicts that cannot be ordered are reported apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

ChangeKind = Literal["full", "partial"]

HONORIFICS = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof professor rev sen senator rep gov governor "
    "president pm mp cllr councillor judge justice".split()
)


@dataclass(frozen=True)
class Statement:
    """One (statement, topic) pair from the record."""

    article_id: str
    quote_id: str
    speaker: str
    topic: str
    stance: str
    confidence: float
    voice: str
    said_on: str | None
    precision: str
    content: str
    start: int
    end: int
    article_date: str | None = None
    sources: tuple[str, ...] = ()
    named: bool = True  # the statement's words name the topic (not only the article's theme)
    aliases: tuple[str, ...] = ()  # the topic's other names, in this article or another

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "quote_id": self.quote_id, "speaker": self.speaker,
            "topic": self.topic, "stance": self.stance, "confidence": round(self.confidence, 3),
            "voice": self.voice, "said_on": self.said_on, "precision": self.precision,
            "content": {"start": self.start, "end": self.end, "text": self.content},
            "article_date": self.article_date, "sources": list(self.sources or (self.article_id,)),
        }


@dataclass(frozen=True)
class Change:
    speaker: str
    topic: str
    before: Statement
    after: Statement
    kind: ChangeKind
    strength: float

    @property
    def from_position(self) -> str:
        return position_label(self.before)

    @property
    def to_position(self) -> str:
        return position_label(self.after)

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker, "topic": self.topic, "kind": self.kind,
            "from": self.from_position, "to": self.to_position,
            "strength": round(self.strength, 3),
            "before": self.before.to_json(), "after": self.after.to_json(),
        }


@dataclass(frozen=True)
class Conflict:
    """Two statements that disagree but cannot be put in order (a date is unknown)."""

    speaker: str
    topic: str
    first: Statement
    second: Statement

    def to_json(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "topic": self.topic, "kind": "unordered",
                "statements": [self.first.to_json(), self.second.to_json()]}


@dataclass(frozen=True)
class Overrides:
    """User decisions that survive re-ingest: names to merge, names to keep apart."""

    merges: Mapping[str, str] = field(default_factory=dict)  # alias -> canonical
    splits: frozenset[frozenset[str]] = frozenset()


def overrides_from(rows: Iterable[tuple[str, str, str]]) -> Overrides:
    """Stored user decisions (kind, name, other), later ones winning."""
    merges: dict[str, str] = {}
    splits: set[frozenset[str]] = set()
    for kind, name, other in rows:
        pair = frozenset({name, other})
        if kind == "merge":
            merges[name] = other
            splits.discard(pair)
        else:
            splits.add(pair)
            merges = {k: v for k, v in merges.items() if frozenset({k, v}) != pair}
    return Overrides(merges=merges, splits=frozenset(splits))


# --- speakers across articles -------------------------------------------------------------------


def name_parts(name: str) -> list[str]:
    words = [w for w in re.findall(r"[^\W\d_][^\s]*", name) if w.strip(".").casefold() not in HONORIFICS]
    return [w.strip(".,") for w in words]


def compatible(short: str, full: str) -> bool:
    """Could ``short`` ("Corbyn", "J. Corbyn", "Jeremy Corbyn") name the person ``full``?"""
    a, b = name_parts(short), name_parts(full)
    if not a or not b or len(a) > len(b):
        return False
    if a[-1].casefold() != b[-1].casefold():
        return False
    firsts_a, firsts_b = a[:-1], b[:-1]
    if not firsts_a:
        return True
    first_a, first_b = firsts_a[0].casefold(), firsts_b[0].casefold() if firsts_b else ""
    if not first_b:
        return False
    if len(first_a.rstrip(".")) == 1:
        return first_b.startswith(first_a.rstrip("."))
    return first_a == first_b


def merge_speakers(names: Iterable[str], overrides: Overrides = Overrides()) -> dict[str, str]:
    """Map every speaker name to the canonical name of the person it refers to.

    A name joins the fullest compatible name when exactly one such name exists (two full
    names sharing a surname keep a bare surname apart: it is ambiguous). User merges win;
    user splits keep two names apart.
    """
    unique = sorted(set(names), key=lambda n: (-len(name_parts(n)), -len(n), n))
    mapping: dict[str, str] = {}
    for name in unique:
        if name in overrides.merges:
            mapping[name] = overrides.merges[name]
            continue
        candidates = {
            mapping.get(other, other) for other in unique
            if other != name and len(name_parts(other)) > len(name_parts(name))
            and compatible(name, other)
            and frozenset({name, other}) not in overrides.splits
        }
        mapping[name] = candidates.pop() if len(candidates) == 1 else name
    return {name: overrides.merges.get(target, target) for name, target in mapping.items()}


def aliases(mapping: Mapping[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for name, canonical in mapping.items():
        grouped[canonical].append(name)
    return {k: sorted(v) for k, v in sorted(grouped.items())}


# --- one statement, many sources ---------------------------------------------------------------


def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in re.findall(r"[^\W_]+", text.replace("’", "'")))


def same_statement(a: Statement, b: Statement, shortest: int = 6) -> bool:
    """Word for word, or one a trimmed copy of the other (at least ``shortest`` words)."""
    wa, wb = words_of(a.content), words_of(b.content)
    if wa == wb:
        return True
    short, long = sorted((wa, wb), key=len)
    if len(short) < shortest:
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def echo(a: Statement, b: Statement) -> bool:
    """One article repeating its own quote elsewhere (a headline, a pull quote): the shorter
    copy has less context to be read by, so the two are one statement even when read
    otherwise. A partial quote nested in a reported statement is no copy: it overlaps it."""
    apart = a.end <= b.start or b.end <= a.start
    short = min((a, b), key=lambda x: len(x.content))
    long = b if short is a else a
    # A copy is of the same moment: undated, on the article's own date (a headline's), or on
    # the fuller copy's date; "Years ago I called it a disgrace" is no echo of the 2015 words.
    same_moment = short.said_on in (None, short.article_date, long.said_on)
    return a.article_id == b.article_id and apart and same_moment and same_statement(a, b, 4)


def date_key(said_on: str | None) -> str:
    return said_on or "9999"


def dedupe(statements: Sequence[Statement]) -> list[Statement]:
    """One statement per (speaker, topic, words), keeping every source article and the
    earliest date any source gives."""
    kept: list[Statement] = []
    for s in sorted(statements, key=lambda s: (date_key(s.said_on), s.article_id, s.start)):
        for i, k in enumerate(kept):
            if k.speaker != s.speaker or k.topic != s.topic:
                continue
            if echo(k, s):
                # The fuller copy is the statement (its words, reading and date).
                kept[i] = k if len(k.content) >= len(s.content) else replace(s, sources=k.sources)
                break
            same_reading = k.stance == s.stance  # a trimmed copy that reads otherwise is not it
            if same_reading and same_statement(k, s):
                sources = tuple(dict.fromkeys((k.sources or (k.article_id,)) + (s.article_id,)))
                kept[i] = replace(k, sources=sources)
                break
        else:
            kept.append(replace(s, sources=s.sources or (s.article_id,)))
    return kept


# --- positions and changes --------------------------------------------------------------------


def position_label(s: Statement) -> str:
    return f"{s.stance} (party)" if s.voice == "party" and s.stance != "neutral" else s.stance


def change_kind(a: Statement, b: Statement) -> ChangeKind | None:
    """favor <-> against is a full change; to or from neutral, or a change of side spoken only
    for the party, is partial; the same side restated is none, in either voice (reciting
    the party line one also holds is no change)."""
    if a.stance == b.stance:
        return None
    if {a.stance, b.stance} == {"favor", "against"}:
        party = "party" in (a.voice, b.voice)
        return "partial" if party else "full"
    return "partial"


def timeline(statements: Sequence[Statement]) -> list[Statement]:
    """Statements in the order they were said (undated ones last, in article order)."""
    return sorted(dedupe(statements), key=lambda s: (date_key(s.said_on), s.article_id, s.start))


# A statement takes part in change detection only when its stance is read with at least this
# confidence; a neutral one, only when its words say the speaker takes no side yet: most
# neutral statements only report facts, and "the plant closed in May" is no move to neutral
# from "I oppose the tax".
MIN_CONFIDENCE = 0.5

NONCOMMITTAL = re.compile(
    r"\b(?:"
    r"(?:not|\w+n't|yet to|still to|never)\s+(?:\w+\s+)?(?:made|make|making)\s+up\s+\w+\s+mind"
    r"|undecided|open mind|on the fence|neither for nor against"
    r"|too (?:early|soon) to (?:say|tell|judge|decide)|wait and see|remains to be seen"
    r"|ask me (?:again|later|in)|(?:listen\w*|hear\w*|consult\w*) (?:to |from |with )?(?:all|both) sides"
    r"|weigh(?:ing)? (?:up )?(?:the )?(?:evidence|options)"
    r"|(?:look|looking) at (?:the evidence|every option|all (?:the )?options)"
    r"|(?:await\w*|pending|until|before|while) (?:the |a |an )?(?:\w+ )?(?:review|inquiry) (?:is |was |has |had )?(?:report|complet|finish|carried|conclud|publish)\w*"
    r"|(?:await\w*|pending) (?:the |a |an )?(?:\w+ )?(?:review|inquiry|evidence|report|results)"
    r"|under review|(?:not|\w+n't) (?:yet )?(?:decided|taken a (?:view|position|side))"
    r"|no (?:fixed )?(?:view|position) (?:yet|on)"
    r"|reserve (?:my|his|her|their|our)? ?judg(?:e)?ment|keep(?:ing)? (?:\w+ )?options open"
    r"|a matter for (?:employers|each|individual|the courts|parliament|members|voters)"
    r"|not for (?:me|us|ministers|the government) to|it depends|depends on the evidence"
    r"|listen(?:ing)? to (?:everyone|all views|the evidence)"
    r"|(?:not|\w+n't|yet to) (?:yet )?(?:taken|reached|formed|made) (?:a|any) (?:final |firm )?"
    r"(?:view|position|decision|stand)"
    r"|before (?:taking|(?:i|we|he|she|they) (?:take|took)) (?:a|any) (?:position|view|stand)"
    r"|before (?:i|we) (?:say anything(?: more)?|commit)(?=[,.;]|$)"
    r"|(?:not|\w+n't) (?:yet )?(?:seen|read|studied) the (?:full |final )?"
    r"(?:text|order|detail|details|report|plans?)"
    r"|(?:not|\w+n't) (?:going to |want to )?speculate"
    r"|(?:wrong|inappropriate|premature) (?:for (?:me|us|him|her) )?to comment"
    r"|still (?:working through|considering (?:whether|our position|the options|(?:my|his|her|their) position))"
    r")\b",
    re.IGNORECASE,
)


def takes_no_side(content: str) -> bool:
    """The words say the speaker has not taken a side: undecided, waiting, weighing up."""
    return bool(NONCOMMITTAL.search(content.replace("’", "'")))


def is_position(s: Statement) -> bool:
    if s.confidence < MIN_CONFIDENCE:
        return False
    return s.stance != "neutral" or takes_no_side(s.content)


PERSONAL_WEIGHT = 2.0


def periods(statements: Sequence[Statement]) -> list[Statement]:
    """One representative statement per date: the side with the most confidence behind it
    (the speaker's personal statements counting double against party lines; neutral only when
    nobody takes a side), and its most confident statement."""
    by_date: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        by_date[s.said_on or ""].append(s)
    chosen = []
    for date in sorted(by_date):
        group = by_date[date]
        # The speaker's own view counts double against the party line they recite.
        weight: dict[str, float] = defaultdict(float)
        for s in group:
            if s.stance != "neutral":
                weight[position_label(s)] += s.confidence * (PERSONAL_WEIGHT
                                                             if s.voice == "personal" else 1.0)
        if weight:
            label = max(weight, key=lambda k: (weight[k], k))
            side = [s for s in group if position_label(s) == label]
        else:
            side = group
        chosen.append(max(side, key=lambda s: (s.confidence, -s.start)))
    return without_blips(chosen)


def without_blips(ordered: list[Statement]) -> list[Statement]:
    """A neutral moment between two statements of the same side is a description, not a
    position: favor -> neutral -> favor is no change at all."""
    kept = list(ordered)
    i = 1
    while i < len(kept) - 1:
        before, middle, after = kept[i - 1], kept[i], kept[i + 1]
        if middle.stance == "neutral" and before.stance == after.stance:
            del kept[i]
        else:
            i += 1
    return kept


def find_changes(statements: Sequence[Statement]) -> tuple[list[Change], list[Conflict]]:
    """Position changes per (speaker, topic), and conflicts that cannot be ordered."""
    changes: list[Change] = []
    conflicts: list[Conflict] = []
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in dedupe(statements):
        if is_position(s):
            groups[(s.speaker, s.topic)].append(s)
    for (speaker, topic), group in sorted(groups.items()):
        ordered = periods([s for s in group if s.said_on])
        for before, after in zip(ordered, ordered[1:], strict=False):
            if comparable(before.said_on, after.said_on) and (kind := change_kind(before, after)):
                strength = min(before.confidence, after.confidence) * (1.0 if kind == "full" else 0.5)
                changes.append(Change(speaker, topic, before, after, kind, strength))
        for i, s in enumerate(group):
            for other in group[i + 1 :]:
                opposed = {s.stance, other.stance} == {"favor", "against"}
                if opposed and not (s.said_on and other.said_on):
                    conflicts.append(Conflict(speaker, topic, s, other))
    return changes, conflicts


def comparable(a: str | None, b: str | None) -> bool:
    """Two dates can be ordered when neither is a prefix of the other (2019 vs 2019-12-03
    could be the same moment)."""
    return bool(a and b) and not (a.startswith(b) or b.startswith(a))


# --- from stored rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteRecord:
    """A stored quote (an ``onrecord.article/1`` quote object) and the article it is in."""

    article_id: str
    article_date: str | None
    quote: Mapping[str, Any]


def statements_from_records(
    records: Iterable[QuoteRecord], overrides: Overrides = Overrides()
) -> list[Statement]:
    """One statement per (quote, topic), speakers merged across articles and topics under one
    name. Quotes with no speaker name cannot be part of anyone's record and are left out."""
    from onrecord.topics import canonical_topic

    pairs = [(r, topic) for r in records if r.quote["speaker"]["name"]
             for topic in r.quote["topics"]]
    speakers = merge_speakers((r.quote["speaker"]["name"] for r, _ in pairs), overrides)
    group = topic_groups(topic for _, topic in pairs)
    surfaces: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    other_names: dict[str, set[str]] = defaultdict(set)
    for _, topic in pairs:
        key = group[canonical_topic(topic["name"])]
        surfaces[key][topic["name"]] += 1
        other_names[key].update([topic["name"], *topic.get("aliases", ())])
    topic_name = {key: max(names, key=lambda n: (names[n], n)) for key, names in surfaces.items()}
    statements = []
    for record, topic in pairs:
        q = record.quote
        key = group[canonical_topic(topic["name"])]
        statements.append(Statement(
            article_id=record.article_id, quote_id=q["id"],
            speaker=speakers[q["speaker"]["name"]],
            topic=topic_name[key], stance=topic["stance"],
            confidence=float(topic["confidence"]), voice=q["voice"],
            said_on=q["said_on"]["date"], precision=q["said_on"]["precision"],
            content=q["content"]["text"], start=q["content"]["start"], end=q["content"]["end"],
            article_date=record.article_date, named=topic.get("evidence") is not None,
            aliases=tuple(sorted(other_names[key] - {topic_name[key]})),
        ))
    return statements


def names_one_thing(alias: str) -> bool:
    """A proper name past its first word ("breakaway Elite League", "Elm Road scheme") or an
    acronym ("NATO"): such an alias names one thing. "25 percent tariffs", "the new plan" or a
    capitalised first word ("Tax") could name many."""
    words = alias.replace("’", "'").split()
    acronym = any(len(w) > 1 and w.isalpha() and w.isupper() for w in words)
    return acronym or any(w[:1].isupper() for w in words[1:])


def topic_groups(topics: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each topic key mapped to the key of its group: two names are one topic when an article
    gives them to the same topic (its name and aliases). Only aliases that name one thing
    join groups, not a "25 percent tariffs" two different tariffs share."""
    from onrecord.topics import canonical_topic

    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for topic in topics:
        key = root(canonical_topic(topic["name"]))
        for alias in topic.get("aliases", ()):
            alias_key = canonical_topic(alias)
            if alias_key and names_one_thing(alias):
                other = root(alias_key)
                if other != key:
                    parent[max(key, other)] = min(key, other)
                    key = min(key, other)
    return {key: root(key) for key in list(parent)}


def load_record(store: Any) -> tuple[list[Statement], dict[str, str]]:
    """Every statement of a store, speakers merged (with the user's overrides), and the
    mapping of each stored speaker name to its merged name."""
    overrides = overrides_from(store.overrides())
    mapping = merge_speakers((name for name, _ in store.speaker_names()), overrides)
    records = [QuoteRecord(*row) for row in store.quote_records()]
    return statements_from_records(records, overrides), mapping


def matches(value: str, wanted: str | None) -> bool:
    """Filter by a user's spelling: case-insensitive, a substring of the name is enough."""
    return wanted is None or wanted.casefold() in value.casefold()


def about(statement: Statement, wanted: str | None) -> bool:
    """Filter by topic: the user's spelling matches the topic's name or one of its aliases."""
    return wanted is None or any(matches(name, wanted)
                                 for name in (statement.topic, *statement.aliases))

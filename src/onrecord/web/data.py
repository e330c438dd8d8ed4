"""What each page shows, as data: the JSON twins of the HTML pages.

Each function reads a read-only store and returns records whose ``to_json`` is what the API
serves; the HTML routes render the same records, so a page and its twin cannot disagree.
Shapes reuse ``onrecord.article/1`` (quotes and questions) and ``onrecord.compare``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from onrecord.compare import (
    Change,
    Conflict,
    Statement,
    about,
    aliases,
    find_changes,
    load_record,
    matches,
    timeline,
)
from onrecord.web.queries import Counts, ReadOnlyStore

HOME_ITEMS = 5


@dataclass(frozen=True)
class Record:
    """Everything the comparison knows, read once per request."""

    statements: list[Statement]
    mapping: dict[str, str]  # stored speaker name -> merged name
    counts: dict[str, int]  # stored speaker name -> statements


def read_record(store: ReadOnlyStore) -> Record:
    statements, mapping = load_record(store)
    return Record(statements, mapping, dict(store.speaker_names()))


def canonical(record: Record, name: str) -> str | None:
    """The merged name a user's exact spelling (a merged name or an alias) stands for."""
    if name in record.mapping.values():
        return name
    return record.mapping.get(name)


def speaker_list(record: Record) -> list[dict[str, Any]]:
    """Speakers with their aliases, the most quoted first."""
    items = [
        {"speaker": name, "aliases": names,
         "statements": sum(record.counts.get(n, 0) for n in names)}
        for name, names in aliases(record.mapping).items()
    ]
    return sorted(items, key=lambda i: (-i["statements"], i["speaker"]))


def questions_for(
    rows: Sequence[Mapping[str, Any]], record: Record, speaker: str | None = None,
    outcome: str | None = None,
) -> list[dict[str, Any]]:
    """Stored questions with the addressee under its merged name, filtered."""
    items = []
    for row in rows:
        addressee = row["addressee"]
        merged = record.mapping.get(addressee, addressee) if addressee else None
        item = {**row, "addressee": merged}
        if outcome == "dodged" and row["outcome"] == "answered":
            continue
        if outcome not in (None, "dodged") and row["outcome"] != outcome:
            continue
        if speaker is not None and not matches(merged or "", speaker):
            continue
        items.append(item)
    return items


def latest_first(changes: Sequence[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (c.after.said_on or "", c.speaker), reverse=True)


@dataclass(frozen=True)
class Home:
    counts: Counts
    speakers: int
    changes: list[Change]
    dodged: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": {**self.counts.__dict__, "speakers": self.speakers},
            "recent_changes": [c.to_json() for c in self.changes],
            "dodged_questions": self.dodged,
        }


def home(store: ReadOnlyStore) -> Home:
    record = read_record(store)
    changes, _ = find_changes(record.statements)
    dodged = questions_for(store.question_rows(), record, outcome="dodged")
    dodged.sort(key=lambda q: q["article_date"] or "", reverse=True)
    return Home(store.counts(), len(set(record.mapping.values())),
                latest_first(changes)[:HOME_ITEMS], dodged[:HOME_ITEMS])


@dataclass(frozen=True)
class TopicLine:
    topic: str
    statements: list[Statement]
    changes: list[Change]

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "timeline": [s.to_json() for s in self.statements],
                "changes": [c.to_json() for c in self.changes]}


@dataclass(frozen=True)
class SpeakerPage:
    speaker: str
    aliases: list[str]
    statements: int
    topics: list[TopicLine]
    conflicts: list[Conflict]
    questions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [c for t in self.topics for c in t.changes]

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker, "aliases": self.aliases, "statements": self.statements,
            "topics": [t.to_json() for t in self.topics],
            "changes": [c.to_json() for c in self.changes],
            "unordered_conflicts": [c.to_json() for c in self.conflicts],
            "questions": self.questions,
        }


def speaker_page(store: ReadOnlyStore, name: str, topic: str | None = None) -> SpeakerPage | None:
    """A speaker's topics, each with its timeline and changes: topics with a change first,
    then the most talked about."""
    record = read_record(store)
    merged = canonical(record, name)
    if merged is None:
        return None
    own = [s for s in record.statements if s.speaker == merged and about(s, topic)]
    changes, conflicts = find_changes(own)
    by_topic: dict[str, list[Statement]] = defaultdict(list)
    for s in own:
        by_topic[s.topic].append(s)
    changed = Counter(c.topic for c in changes)
    lines = [
        TopicLine(t, timeline(group), [c for c in changes if c.topic == t])
        for t, group in sorted(by_topic.items(),
                               key=lambda item: (-changed[item[0]], -len(item[1]), item[0]))
    ]
    names = aliases(record.mapping).get(merged, [merged])
    questions = [q for q in questions_for(store.question_rows(), record)
                 if q["addressee"] == merged]
    return SpeakerPage(merged, names, sum(record.counts.get(n, 0) for n in names), lines,
                       conflicts, questions)


@dataclass(frozen=True)
class Changes:
    changes: list[Change]
    conflicts: list[Conflict]

    def to_json(self) -> dict[str, Any]:
        return {"changes": [c.to_json() for c in self.changes],
                "unordered_conflicts": [c.to_json() for c in self.conflicts]}


def changes(store: ReadOnlyStore, speaker: str | None, topic: str | None) -> Changes:
    record = read_record(store)
    chosen = [s for s in record.statements
              if matches(s.speaker, speaker) and about(s, topic)]
    found, conflicts = find_changes(chosen)
    return Changes(latest_first(found), conflicts)


def questions(store: ReadOnlyStore, speaker: str | None, outcome: str | None
              ) -> list[dict[str, Any]]:
    return questions_for(store.question_rows(), read_record(store), speaker, outcome)

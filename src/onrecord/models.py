"""The records that flow through the pipeline.

Every stage takes records and returns new ones (frozen dataclasses, changed with
``dataclasses.replace``). Every offset is a Python ``str`` index into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "onrecord.article/1"

RemovedReason = Literal["caption", "duplicate", "sidebar", "trailer", "boilerplate"]
QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerType = Literal["person", "organization", "document", "unknown"]
Precision = Literal["day", "month", "year", "unknown"]
StanceLabel = Literal["favor", "against", "neutral"]
DateSource = Literal["option", "metadata", "inferred", "unknown"]
Outcome = Literal["answered", "evaded", "declined", "unknown"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        return cls(start, end, source[start:end])

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Article:
    """One decoded input document. ``text`` is what every offset indexes into."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    date_source: DateSource = "unknown"
    date_precision: Precision = "unknown"
    url: str | None = None
    source: str | None = None
    author: str | None = None
    origin: str | None = None  # where it was read from (path, "-", path:line)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "date_precision": self.date_precision,
            "url": self.url,
            "source": self.source,
            "author": self.author,
            "metadata": self.metadata,
            "text": self.text,
        }


@dataclass(frozen=True)
class Removed:
    """A span that is not part of the story (caption, sidebar, ...)."""

    start: int
    end: int
    reason: RemovedReason

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    type: SpeakerType = "unknown"
    mention: Span | None = None
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "mention": self.mention.to_json() if self.mention else None,
            "confidence": round(self.confidence, 3),
        }


UNKNOWN_SPEAKER = Speaker(name=None)


@dataclass(frozen=True)
class SaidOn:
    date: str | None
    precision: Precision = "unknown"
    evidence: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


UNKNOWN_DATE = SaidOn(date=None)


@dataclass(frozen=True)
class TopicStance:
    name: str
    stance: StanceLabel = "neutral"
    confidence: float = 0.0
    evidence: Span | None = None
    # Other names the article gives the same topic ("breakaway league" for "Elite League"),
    # so a search by any of them finds it.
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "stance": self.stance,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_json() if self.evidence else None,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class Quote:
    id: str
    kind: QuoteKind
    content: Span
    cue: Span | None
    speaker: Speaker = UNKNOWN_SPEAKER
    voice: Literal["personal", "party"] = "personal"
    said_on: SaidOn = UNKNOWN_DATE
    topics: tuple[TopicStance, ...] = ()
    confidence: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_json(),
            "cue": self.cue.to_json() if self.cue else None,
            "speaker": self.speaker.to_json(),
            "voice": self.voice,
            "said_on": self.said_on.to_json(),
            "topics": [t.to_json() for t in self.topics],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Question:
    id: str
    text: Span
    asker: str | None
    addressee: str | None
    outcome: Outcome
    answer_quote_ids: tuple[str, ...] = ()
    evidence: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text.to_json(),
            "asker": self.asker,
            "addressee": self.addressee,
            "outcome": self.outcome,
            "answer_quote_ids": list(self.answer_quote_ids),
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True)
class AnalyzedArticle:
    """An article with everything the pipeline found in it."""

    article: Article
    removed: tuple[Removed, ...] = ()
    quotes: tuple[Quote, ...] = ()
    questions: tuple[Question, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_json(),
            "removed": [r.to_json() for r in self.removed],
            "quotes": [q.to_json() for q in self.quotes],
            "questions": [q.to_json() for q in self.questions],
        }

"""Evaluate the speakers stage on a labelled set (``evalsets/speakers.jsonl``).

Each line is one article: ``{"id", "text", "mentions": [{"mention", "occurrence", "name",
"type"}]}``. For every gold mention we build a ``Quote`` whose speaker mention is that span
(content: a dummy span right after it; no cue), run ``resolve_speakers`` and compare the
canonical name (case-insensitive, exact; ``null`` must stay ``null``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from onrecord.models import Quote, Span, Speaker
from onrecord.parse import load_nlp
from onrecord.speakers import resolve_speakers

MentionClass = Literal["name", "role", "pronoun", "org"]
CLASSES: tuple[MentionClass, ...] = ("name", "role", "pronoun", "org")
PRONOUN_WORDS = {"he", "she", "it", "they", "we", "him", "her", "them", "i", "you"}


@dataclass(frozen=True)
class GoldMention:
    article: str
    span: Span
    name: str | None
    type: str


@dataclass(frozen=True)
class Miss:
    article: str
    mention: str
    start: int
    gold: str | None
    found: str | None


@dataclass(frozen=True)
class SpeakersReport:
    total: int
    correct: int
    by_class: dict[str, tuple[int, int]]  # class -> (correct, total)
    misses: tuple[Miss, ...] = field(default=())

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def class_accuracy(self, name: str) -> float:
        correct, total = self.by_class.get(name, (0, 0))
        return correct / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "correct": self.correct,
            "total": self.total,
            "by_class": {
                name: {
                    "accuracy": round(self.class_accuracy(name), 4),
                    "correct": correct,
                    "total": total,
                }
                for name, (correct, total) in self.by_class.items()
            },
            "misses": [miss.__dict__ for miss in self.misses],
        }


def mention_class(mention: str, type_: str) -> MentionClass:
    """name ('Mr Holt'), role ('the minister'), pronoun ('she') or org (bodies, documents)."""
    if mention.lower() in PRONOUN_WORDS:
        return "pronoun"
    if type_ in ("organization", "document"):
        return "org"
    words = mention.split()
    if words and all(w[:1].isupper() for w in words) and words[0].lower() not in ("the", "its"):
        return "name"
    return "role"


def _nth(text: str, needle: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            raise ValueError(f"occurrence {occurrence} of {needle!r} not in text")
    return at


def read_gold(path: Path) -> Iterator[tuple[str, str, list[GoldMention]]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            mentions = []
            for item in record["mentions"]:
                start = _nth(text, item["mention"], item["occurrence"])
                span = Span.of(text, start, start + len(item["mention"]))
                mentions.append(GoldMention(record["id"], span, item["name"], item["type"]))
            yield record["id"], text, mentions


def _quote_for(text: str, index: int, mention: GoldMention) -> Quote:
    end = min(len(text), mention.span.end + 1)
    return Quote(
        id=f"g{index}",
        kind="indirect",
        content=Span.of(text, mention.span.end, end),
        cue=None,
        speaker=Speaker(name=None, mention=mention.span),
    )


def _same(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is found
    return gold.casefold() == found.casefold()


def evaluate_speakers(path: str | Path) -> SpeakersReport:
    """Resolve every gold mention of the set and score canonical names."""
    nlp = load_nlp()
    counts = {name: [0, 0] for name in CLASSES}
    misses: list[Miss] = []
    for article_id, text, gold in read_gold(Path(path)):
        doc = nlp(text)
        quotes = [_quote_for(text, i, m) for i, m in enumerate(gold)]
        resolved = resolve_speakers(doc, quotes, [])
        for mention, quote in zip(gold, resolved, strict=True):
            cls = mention_class(mention.span.text, mention.type)
            counts[cls][1] += 1
            if _same(mention.name, quote.speaker.name):
                counts[cls][0] += 1
            else:
                misses.append(
                    Miss(article_id, mention.span.text, mention.span.start, mention.name,
                         quote.speaker.name)
                )
    total = sum(t for _, t in counts.values())
    correct = sum(c for c, _ in counts.values())
    return SpeakersReport(
        total=total,
        correct=correct,
        by_class={name: (c, t) for name, (c, t) in counts.items()},
        misses=tuple(misses),
    )


def render_report(report: SpeakersReport, show_misses: bool = True) -> str:
    """The report as plain text for the terminal."""
    lines = [
        f"speakers: canonical name accuracy {report.accuracy:.3f} "
        f"({report.correct}/{report.total})"
    ]
    for name, (correct, total) in report.by_class.items():
        lines.append(f"  {name:<8} {report.class_accuracy(name):.3f} ({correct}/{total})")
    if show_misses and report.misses:
        lines.append("misses:")
        for miss in report.misses:
            lines.append(
                f"  {miss.article} @{miss.start} {miss.mention!r}: "
                f"gold {miss.gold!r}, found {miss.found!r}"
            )
    return "\n".join(lines)

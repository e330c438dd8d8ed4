"""Evaluation of the topics and stance stages on the team's gold statements.

For each gold (statement, topic): is the topic found among the statement's topics (names
compared with ``canonical_topic``), and is its stance right? A topic that is not found counts
as a neutral prediction, so missing a topic costs stance accuracy too. Voice is scored per
statement. Each statement is analysed as the pipeline would see it: the gold content span,
with the cue and speaker mention of the extracted quote that overlaps it when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord import clean, quotes, stance, topics
from onrecord.evaluate.statements import GoldArticle, GoldStatement, load_statements
from onrecord.models import Quote, Speaker
from onrecord.parse import load_nlp
from onrecord.topics import canonical_topic

LABELS = ("favor", "against", "neutral")


def topics_match(gold: str, predicted: str) -> bool:
    """Same canonical name, or one name's words contained in the other's ("tax" / "sugar tax")."""
    a, b = canonical_topic(gold), canonical_topic(predicted)
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


@dataclass
class StanceReport:
    """Counts and scores; ``confusion[gold][predicted]``."""

    statements: int = 0
    voice_correct: int = 0
    gold_topics: int = 0
    topics_found: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: {p: 0 for p in LABELS} for g in LABELS}
    )
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def topic_recall(self) -> float:
        return self.topics_found / self.gold_topics if self.gold_topics else 0.0

    @property
    def stance_accuracy(self) -> float:
        total = sum(sum(row.values()) for row in self.confusion.values())
        right = sum(self.confusion[label][label] for label in LABELS)
        return right / total if total else 0.0

    def f1(self, label: str) -> float:
        tp = self.confusion[label][label]
        predicted = sum(self.confusion[g][label] for g in LABELS)
        gold = sum(self.confusion[label].values())
        if tp == 0:
            return 0.0
        precision, recall = tp / predicted, tp / gold
        return 2 * precision * recall / (precision + recall)

    @property
    def macro_f1(self) -> float:
        present = [label for label in LABELS if sum(self.confusion[label].values())]
        return sum(self.f1(label) for label in present) / len(present) if present else 0.0

    @property
    def voice_accuracy(self) -> float:
        return self.voice_correct / self.statements if self.statements else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "statements": self.statements,
            "gold_topics": self.gold_topics,
            "topic_recall": round(self.topic_recall, 4),
            "stance_accuracy": round(self.stance_accuracy, 4),
            "stance_macro_f1": round(self.macro_f1, 4),
            "f1": {label: round(self.f1(label), 4) for label in LABELS},
            "confusion": self.confusion,
            "voice_accuracy": round(self.voice_accuracy, 4),
            "errors": self.errors,
        }

    def render(self) -> str:
        lines = [
            f"statements {self.statements}, gold (statement, topic) pairs {self.gold_topics}",
            f"topic recall     {self.topic_recall:.3f}",
            f"stance accuracy  {self.stance_accuracy:.3f}",
            f"stance macro-F1  {self.macro_f1:.3f}  "
            + "  ".join(f"{label} {self.f1(label):.3f}" for label in LABELS),
            f"voice accuracy   {self.voice_accuracy:.3f}",
            "",
            "gold \\ predicted " + "".join(f"{p:>9}" for p in LABELS),
        ]
        for gold in LABELS:
            lines.append(f"{gold:<17}" + "".join(f"{self.confusion[gold][p]:>9}" for p in LABELS))
        return "\n".join(lines)


def quote_for(gold: GoldStatement, extracted: Sequence[Quote], number: int) -> Quote:
    """The gold content with the cue and mention of the extracted quote overlapping it most."""
    best: Quote | None = None
    best_overlap = 0
    for found in extracted:
        overlap = min(found.content.end, gold.content.end) - max(found.content.start, gold.content.start)
        if overlap > best_overlap:
            best, best_overlap = found, overlap
    if best is None:
        return Quote(id=f"g{number}", kind=gold.kind, content=gold.content, cue=None)  # type: ignore[arg-type]
    return Quote(id=f"g{number}", kind=best.kind, content=gold.content, cue=best.cue,
                 speaker=best.speaker if best.speaker.mention else Speaker(name=None))


def score_article(article: GoldArticle, report: StanceReport) -> None:
    doc = load_nlp()(article.text)
    removed = clean.find_boilerplate(article.text)
    extracted = quotes.extract_quotes(doc, removed)
    built = [quote_for(g, extracted, n) for n, g in enumerate(article.statements)]
    analysed = stance.assign_stance(doc, topics.assign_topics(doc, built, removed))
    for gold, predicted in zip(article.statements, analysed, strict=True):
        report.statements += 1
        report.voice_correct += predicted.voice == gold.voice
        for topic in gold.topics:
            report.gold_topics += 1
            match = next((t for t in predicted.topics if topics_match(topic.name, t.name)), None)
            label = match.stance if match is not None else "neutral"
            report.topics_found += match is not None
            report.confusion[topic.stance][label] += 1
            if match is None or label != topic.stance:
                report.errors.append({
                    "article": article.id, "content": gold.content.text[:120], "topic": topic.name,
                    "gold": topic.stance, "predicted": label,
                    "found_topics": [t.name for t in predicted.topics],
                })


def evaluate_stance(path: Path | str | None = None) -> StanceReport:
    """Score topics, stance and voice on ``statements.jsonl`` (default: the checkout's)."""
    report = StanceReport()
    for article in load_statements(path):
        score_article(article, report)
    return report

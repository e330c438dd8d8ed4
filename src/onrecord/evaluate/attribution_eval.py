"""End-to-end attribution on our own labelled corpus (evalsets/statements.jsonl).

The corpus was written and labelled by a teammate who did not write the extractors, so this is
the independent check of quotes + speakers together: is each labelled statement found, and
is it given to the right person (the canonical name, whatever the mention: "he", "the
minister", "Ms Okafor")?

A prediction matches a gold statement when their letters and digits overlap with Jaccard
>= 0.5, or when the gold content lies inside the prediction (the corpus labels only the quoted
fragment of a partial quote, while onrecord reports the whole reported clause).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.evaluate.polnear import alnum_positions, jaccard
from onrecord.evaluate.statements import GoldArticle, GoldStatement, load_statements
from onrecord.models import AnalyzedArticle, Quote

MIN_OVERLAP = 0.5


def agreement(text: str, gold: GoldStatement, quote: Quote) -> float:
    g = alnum_positions(text, [(gold.content.start, gold.content.end)])
    p = alnum_positions(text, [(quote.content.start, quote.content.end)])
    if g and g <= p:
        return 1.0 if p == g else 0.99  # inside: a match, but an exact one ranks first
    return jaccard(g, p)


def match(text: str, golds: Sequence[GoldStatement], quotes: Sequence[Quote]
          ) -> list[tuple[GoldStatement, Quote]]:
    """One-to-one, best agreement first."""
    pairs = sorted(
        ((agreement(text, g, q), i, j) for i, g in enumerate(golds) for j, q in enumerate(quotes)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g: set[int] = set()
    used_q: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score < MIN_OVERLAP:
            break
        if i not in used_g and j not in used_q:
            used_g.add(i)
            used_q.add(j)
            matched.append((golds[i], quotes[j]))
    return matched


def same_name(gold: str | None, found: str | None) -> bool:
    return (gold or "").casefold().strip() == (found or "").casefold().strip()


@dataclass(frozen=True)
class Miss:
    article: str
    content: str
    gold: str
    found: str | None
    mention: str


@dataclass(frozen=True)
class AttributionReport:
    gold: int
    predicted: int
    matched: int
    speaker_right: int
    type_right: int
    by_class: dict[str, tuple[int, int]]  # mention class -> (right, matched)
    misses: tuple[Miss, ...]

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "statement_recall": round(self.recall, 3),
            "speaker_accuracy": round(self.speaker_accuracy, 3),
            "speaker_type_accuracy": round(self.type_right / self.matched, 3) if self.matched else 0,
            "speaker_accuracy_by_mention": {
                k: round(r / n, 3) if n else 0.0 for k, (r, n) in sorted(self.by_class.items())},
            "misses": [m.__dict__ for m in self.misses],
        }


PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}


def mention_class(mention: str) -> str:
    words = mention.split()
    if mention.casefold() in PRONOUNS:
        return "pronoun"
    if words and words[0].casefold() in {"the", "a", "an", "its", "his", "her", "their"}:
        return "description"
    return "name"


def score(golds: Iterable[GoldArticle], analyzed: Iterable[AnalyzedArticle]) -> AttributionReport:
    by_id = {a.article.id: a for a in analyzed}
    totals: Counter[str] = Counter()
    classes: dict[str, list[int]] = {}
    misses: list[Miss] = []
    for gold in golds:
        result = by_id[gold.id]
        totals["gold"] += len(gold.statements)
        totals["predicted"] += len(result.quotes)
        for g, q in match(gold.text, gold.statements, result.quotes):
            totals["matched"] += 1
            right = same_name(g.speaker, q.speaker.name)
            totals["speaker_right"] += right
            totals["type_right"] += g.speaker_type == q.speaker.type
            tally = classes.setdefault(mention_class(g.mention.text), [0, 0])
            tally[0] += right
            tally[1] += 1
            if not right:
                misses.append(Miss(gold.id, g.content.text[:60], g.speaker, q.speaker.name,
                                   g.mention.text))
    return AttributionReport(
        gold=totals["gold"], predicted=totals["predicted"], matched=totals["matched"],
        speaker_right=totals["speaker_right"], type_right=totals["type_right"],
        by_class={k: (v[0], v[1]) for k, v in classes.items()}, misses=tuple(misses),
    )


def evaluate_attribution(path: Path | str) -> AttributionReport:
    from onrecord.pipeline import analyze_articles

    golds = load_statements(Path(path))
    return score(golds, analyze_articles(g.to_article() for g in golds))


def render(report: AttributionReport, misses: int = 15) -> str:
    data = report.to_json()
    lines = [
        f"statements {data['gold']}, found {data['matched']} "
        f"(recall {data['statement_recall']:.3f}); predictions {data['predicted']}",
        f"canonical speaker accuracy on found statements {data['speaker_accuracy']:.3f}"
        f" (type {data['speaker_type_accuracy']:.3f})",
    ]
    for name, value in data["speaker_accuracy_by_mention"].items():
        lines.append(f"  {name:<12} {value:.3f}")
    for miss in report.misses[:misses]:
        lines.append(f"  miss [{miss.article}] {miss.mention!r} -> {miss.found!r}, "
                     f"gold {miss.gold!r}: {miss.content}")
    return "\n".join(lines)

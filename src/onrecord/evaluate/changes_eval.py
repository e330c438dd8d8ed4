"""Evaluation of position changes on our labelled cases (evalsets/changes.jsonl).

Each case names a speaker, a topic and the articles (from evalsets/statements.jsonl) to read;
the expected answer is a change (with its direction), no change, or an unordered conflict.
The articles go through the real pipeline and the compare stage, exactly as `ingest` and
`onrecord changes` would treat them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from onrecord.compare import (
    QuoteRecord,
    Statement,
    compatible,
    find_changes,
    statements_from_records,
)
from onrecord.evaluate.statements import (
    GoldChange,
    default_evalset_dir,
    load_changes,
    load_statements,
)
from onrecord.models import AnalyzedArticle

LABELS = ("change", "no_change", "unordered")


def records_of(analyzed: AnalyzedArticle) -> list[QuoteRecord]:
    """The quote records the store would hold for one article."""
    a = analyzed.article
    return [QuoteRecord(a.id, a.date, q.to_json()) for q in analyzed.quotes]


def same_person(predicted: str, gold: str) -> bool:
    return predicted.casefold() == gold.casefold() or compatible(predicted, gold) \
        or compatible(gold, predicted)


def predict_case(case: GoldChange, statements: Sequence[Statement]) -> tuple[str, Any]:
    """The case's speaker and topic as the labeller names them: statements whose topic, or one
    of its aliases, names the same issue ("four-day week trial" for "four-day week") count as
    one topic."""
    from onrecord.evaluate.stance_eval import topics_match

    chosen = [replace(s, topic=case.topic) for s in statements
              if same_person(s.speaker, case.speaker)
              and any(topics_match(case.topic, name) for name in (s.topic, *s.aliases))]
    changes, conflicts = find_changes(chosen)
    if changes:
        return "change", changes[0]
    if conflicts:
        return "unordered", conflicts[0]
    return "no_change", None


@dataclass(frozen=True)
class CaseResult:
    id: str
    expected: str
    predicted: str
    direction_right: bool | None
    note: str


@dataclass(frozen=True)
class ChangesReport:
    results: tuple[CaseResult, ...]

    def counts(self) -> Counter[tuple[str, str]]:
        return Counter((r.expected, r.predicted) for r in self.results)

    def precision_recall(self) -> tuple[float, float]:
        """Of the change class: a predicted change is right when a change was expected."""
        tp = sum(1 for r in self.results if r.predicted == "change" == r.expected)
        predicted = sum(1 for r in self.results if r.predicted == "change")
        gold = sum(1 for r in self.results if r.expected == "change")
        return (tp / predicted if predicted else 0.0, tp / gold if gold else 0.0)

    def accuracy(self) -> float:
        return sum(r.expected == r.predicted for r in self.results) / max(len(self.results), 1)

    def direction_accuracy(self) -> float:
        judged = [r.direction_right for r in self.results if r.direction_right is not None]
        return sum(judged) / len(judged) if judged else 0.0

    def to_json(self) -> dict[str, Any]:
        precision, recall = self.precision_recall()
        return {
            "cases": len(self.results), "precision": round(precision, 3),
            "recall": round(recall, 3), "accuracy": round(self.accuracy(), 3),
            "direction_accuracy": round(self.direction_accuracy(), 3),
            "confusion": {f"{e}->{p}": n for (e, p), n in sorted(self.counts().items())},
            "errors": [r.__dict__ for r in self.results if r.expected != r.predicted],
        }


def evaluate_changes(
    directory: Path | None = None, analyzed: Iterable[AnalyzedArticle] | None = None
) -> ChangesReport:
    directory = directory or default_evalset_dir()
    articles = load_statements(directory / "statements.jsonl")
    cases = load_changes(directory / "changes.jsonl")
    if analyzed is None:
        from onrecord.pipeline import analyze_articles

        analyzed = analyze_articles(a.to_article() for a in articles)
    by_id: Mapping[str, AnalyzedArticle] = {a.article.id: a for a in analyzed}
    results = []
    for case in cases:
        records = [r for article_id in case.articles for r in records_of(by_id[article_id])]
        predicted, found = predict_case(case, statements_from_records(records))
        direction = None
        if predicted == "change" == case.expected and case.from_stance and case.to_stance:
            direction = (found.before.stance, found.after.stance) == (case.from_stance,
                                                                      case.to_stance)
        results.append(CaseResult(case.id, case.expected, predicted, direction, case.note))
    return ChangesReport(tuple(results))


def format_report(report: ChangesReport) -> str:
    data = report.to_json()
    lines = [f"position changes on {data['cases']} labelled cases",
             f"  change precision {data['precision']:.3f}  recall {data['recall']:.3f}",
             f"  accuracy (change / no change / unordered) {data['accuracy']:.3f}",
             f"  direction right on found changes {data['direction_accuracy']:.3f}",
             "  confusion (expected->predicted): "
             + ", ".join(f"{k} {v}" for k, v in data["confusion"].items())]
    for error in data["errors"]:
        lines.append(f"  miss {error['id']}: expected {error['expected']}, "
                     f"got {error['predicted']} ({error['note']})")
    return "\n".join(lines)

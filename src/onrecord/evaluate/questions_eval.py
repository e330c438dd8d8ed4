"""Evaluate the questions stage against labelled articles.

The corpus is JSON Lines, one article a line, as in ``evalsets/statements.jsonl``::

    {"id": "...", "date": "2021-03-04" | null, "text": "...",
     "questions": [{"text": "<exact substring>", "asker": str | null, "addressee": str,
                    "outcome": "answered|evaded|declined", "evidence": "<exact substring>"}]}

Every article goes through the real pipeline (``onrecord.pipeline.analyze_articles``). A
predicted question matches a gold one when their spans contain each other or overlap by at
least half (Jaccard over the positions of letters and digits); matching is one-to-one, best
overlap first. Reported: detection precision/recall/F1, outcome accuracy on matched
questions, precision/recall per outcome (and for "dodged" = evaded or declined), addressee
and asker accuracy on matched questions, and every miss and false alarm.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.models import Article, Question

OUTCOMES = ("answered", "evaded", "declined", "unknown")  # gold never says unknown
DODGED = frozenset({"evaded", "declined"})
FLOORS = {"precision": 0.80, "recall": 0.80}
MIN_JACCARD = 0.5


@dataclass(frozen=True)
class GoldQuestion:
    article_id: str
    start: int
    end: int
    text: str
    asker: str | None
    addressee: str | None
    outcome: str
    evidence: str | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    date: str | None
    questions: tuple[GoldQuestion, ...]


@dataclass(frozen=True)
class Scores:
    """Precision and recall for one label (or for detection)."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Pair:
    """A gold question and the predicted question matched to it."""

    gold: GoldQuestion
    predicted: Question


@dataclass(frozen=True)
class QuestionsReport:
    articles: int
    detection: Scores
    outcome_correct: int
    addressee_correct: int
    asker_correct: int
    matched: int
    per_outcome: dict[str, Scores]
    misses: tuple[GoldQuestion, ...] = ()
    false_alarms: tuple[tuple[str, Question], ...] = ()
    confusions: tuple[Pair, ...] = field(default=())  # matched, wrong outcome
    wrong_people: tuple[Pair, ...] = field(default=())  # matched, wrong addressee or asker

    @property
    def precision(self) -> float:
        return self.detection.precision

    @property
    def recall(self) -> float:
        return self.detection.recall

    @property
    def outcome_accuracy(self) -> float:
        return self.outcome_correct / self.matched if self.matched else 0.0

    @property
    def addressee_accuracy(self) -> float:
        return self.addressee_correct / self.matched if self.matched else 0.0

    @property
    def asker_accuracy(self) -> float:
        return self.asker_correct / self.matched if self.matched else 0.0

    def failed_floors(self) -> list[str]:
        """The floors this report falls below (empty when the gate passes)."""
        values = {"precision": self.precision, "recall": self.recall}
        return [f"{name} {values[name]:.3f} < {floor:.2f}" for name, floor in FLOORS.items()
                if values[name] < floor]

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "detection": self.detection.to_json(),
            "matched": self.matched,
            "outcome_accuracy": round(self.outcome_accuracy, 4),
            "addressee_accuracy": round(self.addressee_accuracy, 4),
            "asker_accuracy": round(self.asker_accuracy, 4),
            "per_outcome": {name: s.to_json() for name, s in self.per_outcome.items()},
            "floors": FLOORS,
            "failed_floors": self.failed_floors(),
            "misses": [
                {"article": g.article_id, "text": g.text, "outcome": g.outcome} for g in self.misses
            ],
            "false_alarms": [
                {"article": a, "text": q.text.text, "outcome": q.outcome}
                for a, q in self.false_alarms
            ],
            "outcome_confusions": [
                {"article": p.gold.article_id, "text": p.gold.text, "gold": p.gold.outcome,
                 "predicted": p.predicted.outcome}
                for p in self.confusions
            ],
            "people_errors": [
                {"article": p.gold.article_id, "text": p.gold.text,
                 "gold": [p.gold.asker, p.gold.addressee],
                 "predicted": [p.predicted.asker, p.predicted.addressee]}
                for p in self.wrong_people
            ],
        }


def load_gold(path: Path | str) -> list[GoldArticle]:
    """Read the labelled articles; each question's text must occur in its article."""
    articles: list[GoldArticle] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            article_id = str(record.get("id") or f"line-{number}")
            text = record["text"]
            questions = tuple(
                _gold_question(article_id, text, q) for q in record.get("questions", [])
            )
            articles.append(GoldArticle(article_id, text, record.get("date"), questions))
    return articles


def _gold_question(article_id: str, text: str, record: dict[str, Any]) -> GoldQuestion:
    wanted = record["text"]
    start = text.find(wanted, 0)
    for _ in range(int(record.get("occurrence", 0))):
        start = text.find(wanted, start + 1)
    if start < 0:
        raise ValueError(f"article {article_id!r}: question text {wanted!r} is not in the text")
    return GoldQuestion(
        article_id=article_id,
        start=start,
        end=start + len(wanted),
        text=wanted,
        asker=record.get("asker"),
        addressee=record.get("addressee"),
        outcome=record["outcome"],
        evidence=record.get("evidence"),
    )


def alnum_positions(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


def span_agreement(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    """1.0 when one span contains the other, else the Jaccard of their letters and digits."""
    if (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1]):
        return 1.0
    left, right = alnum_positions(text, *a), alnum_positions(text, *b)
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def match(
    text: str, gold: Sequence[GoldQuestion], predicted: Sequence[Question]
) -> list[Pair]:
    """One-to-one matches, best agreement first, each at least ``MIN_JACCARD``."""
    candidates = sorted(
        (
            (span_agreement(text, (g.start, g.end), (p.text.start, p.text.end)), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[Pair] = []
    for score, gi, pi in candidates:
        if score < MIN_JACCARD or gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        pairs.append(Pair(gold[gi], predicted[pi]))
    return pairs


def same_person(gold: str | None, predicted: str | None) -> bool:
    """Names agree when equal ignoring case, or when one is the other's surname form
    ("Ms Okafor" vs "Grace Okafor")."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    a, b = gold.strip().lower(), predicted.strip().lower()
    return a == b or a.split()[-1:] == b.split()[-1:]


def score(
    articles: Sequence[GoldArticle], predictions: Iterable[Sequence[Question]]
) -> QuestionsReport:
    """Score predicted questions (one sequence per article, in order) against the gold."""
    tp = n_pred = n_gold = 0
    outcome_ok = addressee_ok = asker_ok = 0
    label_tp = dict.fromkeys((*OUTCOMES, "dodged"), 0)
    label_pred = dict.fromkeys((*OUTCOMES, "dodged"), 0)
    label_gold = dict.fromkeys((*OUTCOMES, "dodged"), 0)
    misses: list[GoldQuestion] = []
    alarms: list[tuple[str, Question]] = []
    confusions: list[Pair] = []
    wrong_people: list[Pair] = []
    for article, predicted in zip(articles, predictions, strict=True):
        pairs = match(article.text, article.questions, predicted)
        tp += len(pairs)
        n_pred += len(predicted)
        n_gold += len(article.questions)
        for question in predicted:
            for label in _labels(question.outcome):
                label_pred[label] += 1
        for gold in article.questions:
            for label in _labels(gold.outcome):
                label_gold[label] += 1
        for pair in pairs:
            for label in set(_labels(pair.gold.outcome)) & set(_labels(pair.predicted.outcome)):
                label_tp[label] += 1
            if pair.gold.outcome == pair.predicted.outcome:
                outcome_ok += 1
            else:
                confusions.append(pair)
            right_addressee = same_person(pair.gold.addressee, pair.predicted.addressee)
            right_asker = same_person(pair.gold.asker, pair.predicted.asker)
            addressee_ok += right_addressee
            asker_ok += right_asker
            if not (right_addressee and right_asker):
                wrong_people.append(pair)
        matched_gold = {id(p.gold) for p in pairs}
        matched_pred = {id(p.predicted) for p in pairs}
        misses += [g for g in article.questions if id(g) not in matched_gold]
        alarms += [(article.id, q) for q in predicted if id(q) not in matched_pred]
    return QuestionsReport(
        articles=len(articles),
        detection=Scores(tp, n_pred, n_gold),
        outcome_correct=outcome_ok,
        addressee_correct=addressee_ok,
        asker_correct=asker_ok,
        matched=tp,
        per_outcome={k: Scores(label_tp[k], label_pred[k], label_gold[k]) for k in label_tp},
        misses=tuple(misses),
        false_alarms=tuple(alarms),
        confusions=tuple(confusions),
        wrong_people=tuple(wrong_people),
    )


def _labels(outcome: str) -> tuple[str, ...]:
    return (outcome, "dodged") if outcome in DODGED else (outcome,)


def evaluate_questions(path: Path | str) -> QuestionsReport:
    """Run the real pipeline on every labelled article and score its questions."""
    from onrecord.pipeline import analyze_articles

    gold = load_gold(path)
    inputs = [
        Article(id=a.id, text=a.text, date=a.date, date_source="metadata" if a.date else "unknown")
        for a in gold
    ]
    predictions = [list(result.questions) for result in analyze_articles(inputs)]
    return score(gold, predictions)


def render_text(report: QuestionsReport) -> str:
    """A short human-readable report: scores first, then what went wrong."""
    d = report.detection
    lines = [
        f"questions: {report.articles} articles, {d.gold} gold, {d.predicted} predicted, "
        f"{report.matched} matched",
        f"  detection  precision {d.precision:.3f}  recall {d.recall:.3f}  f1 {d.f1:.3f}",
        f"  outcome accuracy {report.outcome_accuracy:.3f}   addressee accuracy "
        f"{report.addressee_accuracy:.3f}   asker accuracy {report.asker_accuracy:.3f}",
    ]
    for name, s in report.per_outcome.items():
        lines.append(
            f"  {name:<9} precision {s.precision:.3f}  recall {s.recall:.3f}  "
            f"(tp {s.true_positives}, predicted {s.predicted}, gold {s.gold})"
        )
    failed = report.failed_floors()
    lines.append("  floors: " + ("FAILED: " + "; ".join(failed) if failed else "passed"))
    for gold in report.misses:
        lines.append(f"  miss        [{gold.article_id}] {gold.text!r} ({gold.outcome})")
    for article_id, question in report.false_alarms:
        lines.append(f"  false alarm [{article_id}] {question.text.text!r} ({question.outcome})")
    for pair in report.confusions:
        lines.append(
            f"  outcome     [{pair.gold.article_id}] {pair.gold.text!r}: gold "
            f"{pair.gold.outcome}, predicted {pair.predicted.outcome}"
        )
    for pair in report.wrong_people:
        lines.append(
            f"  people      [{pair.gold.article_id}] {pair.gold.text!r}: gold asker/addressee "
            f"{pair.gold.asker}/{pair.gold.addressee}, predicted "
            f"{pair.predicted.asker}/{pair.predicted.addressee}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m onrecord.evaluate.questions_eval CORPUS.jsonl [--json]``; exit 1 below floors."""
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    paths = [a for a in args if a != "--json"]
    if len(paths) != 1:
        print("usage: python -m onrecord.evaluate.questions_eval CORPUS.jsonl [--json]",
              file=sys.stderr)
        return 2
    report = evaluate_questions(paths[0])
    print(json.dumps(report.to_json(), indent=2) if as_json else render_text(report))
    return 1 if report.failed_floors() else 0


if __name__ == "__main__":
    raise SystemExit(main())

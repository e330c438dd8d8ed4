"""Evaluation of the time stage on the team's gold statements (``evalsets/statements.jsonl``).

Each article is parsed once. The article date is given as metadata (as the gold corpus has
it) and every gold statement is dated by ``time.date_quotes`` from a ``Quote`` over the gold
content, with the cue and resolved speaker of the extracted quote that overlaps it most (or
no cue when the extractor missed it), as the pipeline runs speakers before time: the score
is about dating, not about finding statements.

A statement is right when both its date and its precision are the gold ones. The report also
has the confusion of precision classes, a breakdown by the gold ``note``, and how the article
date is inferred when it is withheld (exact, a true lower bound, or nothing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord import clean, quotes, speakers, time
from onrecord.evaluate.statements import GoldArticle, GoldStatement, load_statements
from onrecord.models import Article, Quote
from onrecord.parse import load_nlp

if TYPE_CHECKING:
    from rich.table import Table
    from spacy.tokens import Doc

FLOOR = 0.90  # statement accuracy (date and precision) the gate holds
PRECISIONS = ("day", "month", "year", "unknown")


@dataclass(frozen=True)
class TimeCase:
    """One gold statement and the date the time stage gave it."""

    article: str
    content: str
    gold_date: str | None
    gold_precision: str
    date: str | None
    precision: str
    evidence: str | None
    note: str

    @property
    def correct(self) -> bool:
        return (self.date, self.precision) == (self.gold_date, self.gold_precision)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "content": self.content,
            "gold": {"date": self.gold_date, "precision": self.gold_precision},
            "predicted": {"date": self.date, "precision": self.precision},
            "evidence": self.evidence,
            "note": self.note,
        }


@dataclass(frozen=True)
class ArticleDateCase:
    """An article's gold date against the date inferred from its text alone."""

    article: str
    gold: str
    inferred: str | None
    precision: str

    @property
    def outcome(self) -> str:
        """exact | lower_bound (not after the gold date) | none | wrong (after the gold date)."""
        if self.inferred is None:
            return "none"
        if self.inferred == self.gold:
            return "exact"
        inferred, gold = time.parse_iso(self.inferred), time.parse_iso(self.gold)
        if inferred is not None and gold is not None and inferred.first_day() <= gold.first_day():
            return "lower_bound"
        return "wrong"


@dataclass(frozen=True)
class TimeReport:
    cases: tuple[TimeCase, ...]
    article_dates: tuple[ArticleDateCase, ...] = ()

    @property
    def accuracy(self) -> float:
        return sum(c.correct for c in self.cases) / len(self.cases) if self.cases else 0.0

    @property
    def passes(self) -> bool:
        return bool(self.cases) and self.accuracy >= FLOOR

    def confusion(self) -> dict[str, dict[str, int]]:
        """``confusion[gold precision][predicted precision]``."""
        table = {g: {p: 0 for p in PRECISIONS} for g in PRECISIONS}
        for case in self.cases:
            table[case.gold_precision][case.precision] += 1
        return table

    def by_note(self) -> dict[str, dict[str, float]]:
        totals: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for case in self.cases:
            note = case.note or "(no note)"
            totals[note] += 1
            right[note] += case.correct
        return {
            note: {
                "statements": totals[note],
                "correct": right[note],
                "accuracy": right[note] / totals[note],
            }
            for note in sorted(totals)
        }

    def article_date_outcomes(self) -> dict[str, int]:
        counts = Counter(c.outcome for c in self.article_dates)
        return {name: counts[name] for name in ("exact", "lower_bound", "none", "wrong")}

    def errors(self) -> list[TimeCase]:
        return [c for c in self.cases if not c.correct]

    def to_json(self) -> dict[str, Any]:
        return {
            "statements": len(self.cases),
            "correct": sum(c.correct for c in self.cases),
            "accuracy": round(self.accuracy, 4),
            "floor": FLOOR,
            "passes": self.passes,
            "confusion": self.confusion(),
            "by_note": {
                note: {**row, "accuracy": round(row["accuracy"], 4)}
                for note, row in self.by_note().items()
            },
            "article_dates": self.article_date_outcomes(),
            "errors": [c.to_json() for c in self.errors()],
        }


def quote_for(gold: GoldStatement, extracted: Sequence[Quote], number: int) -> Quote:
    """The gold content with the cue and speaker of the extracted quote overlapping it most."""
    best: Quote | None = None
    best_overlap = 0
    for found in extracted:
        overlap = min(found.content.end, gold.content.end) - max(
            found.content.start, gold.content.start
        )
        if overlap > best_overlap:
            best, best_overlap = found, overlap
    kind = gold.kind if gold.kind in ("direct", "partial", "indirect") else "indirect"
    if best is None:
        return Quote(id=f"g{number}", kind=kind, content=gold.content, cue=None)  # type: ignore[arg-type]
    return replace(best, id=f"g{number}", content=gold.content)


def score_article(gold: GoldArticle, doc: Doc) -> tuple[list[TimeCase], ArticleDateCase | None]:
    """The dated statements of one article, and its article date inferred with the date withheld."""
    removed = clean.find_boilerplate(gold.text)
    article = time.date_article(gold.to_article(), doc, removed)
    extracted = speakers.resolve_speakers(doc, quotes.extract_quotes(doc, removed), removed)
    built = [quote_for(g, extracted, n) for n, g in enumerate(gold.statements)]
    dated = time.date_quotes(doc, built, article, removed)
    cases = [
        TimeCase(
            article=gold.id,
            content=g.content.text[:120],
            gold_date=g.said_on,
            gold_precision=g.precision,
            date=q.said_on.date,
            precision=q.said_on.precision,
            evidence=q.said_on.evidence.text if q.said_on.evidence else None,
            note=g.note,
        )
        for g, q in zip(gold.statements, dated, strict=True)
    ]
    date_case = None
    if gold.date is not None:
        withheld = time.date_article(Article(id=gold.id, text=gold.text), doc, removed)
        date_case = ArticleDateCase(gold.id, gold.date, withheld.date, withheld.date_precision)
    return cases, date_case


def evaluate_articles(golds: Sequence[GoldArticle]) -> TimeReport:
    nlp = load_nlp()
    cases: list[TimeCase] = []
    article_dates: list[ArticleDateCase] = []
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        found, date_case = score_article(gold, doc)
        cases.extend(found)
        if date_case is not None:
            article_dates.append(date_case)
    return TimeReport(cases=tuple(cases), article_dates=tuple(article_dates))


def evaluate_time(path: Path | str | None = None) -> TimeReport:
    """Score statement dates on ``statements.jsonl`` (default: the checkout's evalsets/)."""
    return evaluate_articles(load_statements(path))


def render(report: TimeReport, errors: int = 10) -> str:
    """The report as plain text: scores, precision confusion, notes, the first errors."""
    lines = [
        f"statements {len(report.cases)}, accuracy (date and precision) {report.accuracy:.3f} "
        f"(floor {FLOOR:.2f}: {'pass' if report.passes else 'FAIL'})",
        "",
        "gold \\ predicted " + "".join(f"{p:>9}" for p in PRECISIONS),
    ]
    confusion = report.confusion()
    for gold in PRECISIONS:
        lines.append(f"{gold:<17}" + "".join(f"{confusion[gold][p]:>9}" for p in PRECISIONS))
    lines.append("")
    for note, row in report.by_note().items():
        lines.append(
            f"{row['accuracy']:.3f}  {int(row['correct'])}/{int(row['statements'])}  {note}"
        )
    if report.article_dates:
        outcomes = report.article_date_outcomes()
        lines += [
            "",
            "article date withheld: " + ", ".join(f"{k} {v}" for k, v in outcomes.items()),
        ]
    wrong = report.errors()
    if wrong:
        lines += ["", f"errors ({len(wrong)}, first {min(errors, len(wrong))}):"]
        for case in wrong[:errors]:
            lines.append(
                f"  {case.article}: {case.content[:60]!r}"
                f" gold {case.gold_date}/{case.gold_precision}"
                f" got {case.date}/{case.precision} ({case.evidence!r})"
            )
    return "\n".join(lines)


def rich_table(report: TimeReport) -> Table:
    """The precision confusion as a rich table (gold rows, predicted columns)."""
    from rich.table import Table

    table = Table(title=f"time: accuracy {report.accuracy:.3f} on {len(report.cases)} statements")
    table.add_column("gold \\ predicted")
    for precision in PRECISIONS:
        table.add_column(precision, justify="right")
    confusion = report.confusion()
    for gold in PRECISIONS:
        table.add_row(gold, *(str(confusion[gold][p]) for p in PRECISIONS))
    return table

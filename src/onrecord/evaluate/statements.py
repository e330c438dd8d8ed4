"""Loader for the team-written gold corpus in ``evalsets/`` (statements, questions, changes).

The corpus labels spans by their words (``content`` plus ``occurrence``) so a person can write
and review it; this module turns every label into ``Span`` offsets into the article text and
checks every label against its allowed set, so a scorer never has to. A label that does not fit
raises ``ValueError`` naming the article and the string, because a silently dropped gold item
would inflate every score computed from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.models import Article, Span

KINDS = frozenset({"direct", "partial", "indirect"})
SPEAKER_TYPES = frozenset({"person", "organization", "document"})
PRECISIONS = frozenset({"day", "month", "year", "unknown"})
VOICES = frozenset({"personal", "party"})
STANCES = frozenset({"favor", "against", "neutral"})
OUTCOMES = frozenset({"answered", "evaded", "declined"})
EXPECTED_CHANGES = frozenset({"change", "no_change", "unordered"})
CHANGE_KINDS = frozenset({"full", "partial"})

# said_on is "YYYY", "YYYY-MM" or "YYYY-MM-DD"; its length fixes the precision.
_PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}
_DATE_PATTERN = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class GoldTopic:
    name: str
    stance: str


@dataclass(frozen=True)
class GoldStatement:
    """One statement: its words, who said it (and where it is named), when, about what."""

    content: Span
    occurrence: int
    kind: str
    speaker: str
    speaker_type: str
    mention: Span
    said_on: str | None
    precision: str
    voice: str
    topics: tuple[GoldTopic, ...]
    note: str


@dataclass(frozen=True)
class GoldQuestion:
    """A question put to a speaker and what became of it."""

    text: Span
    asker: str | None
    addressee: str
    outcome: str
    evidence: Span
    note: str


@dataclass(frozen=True)
class GoldArticle:
    id: str
    date: str | None
    source: str
    text: str
    statements: tuple[GoldStatement, ...]
    questions: tuple[GoldQuestion, ...]

    def to_article(self) -> Article:
        """The input record the pipeline would receive for this article (date as metadata)."""
        if self.date is None:
            return Article(id=self.id, text=self.text, source=self.source)
        return Article(
            id=self.id,
            text=self.text,
            source=self.source,
            date=self.date,
            date_source="metadata",
            date_precision="day",
        )


@dataclass(frozen=True)
class GoldChange:
    """Whether one speaker's position on one topic changed across the listed articles."""

    id: str
    speaker: str
    topic: str
    articles: tuple[str, ...]
    expected: str
    from_stance: str | None
    to_stance: str | None
    kind: str | None
    note: str


def default_evalset_dir() -> Path:
    """The ``evalsets/`` folder of the source checkout (src/onrecord/evaluate -> repo top)."""
    return Path(__file__).resolve().parents[3] / "evalsets"


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, json.loads(line)


def _check(value: object, allowed: frozenset[str], what: str, where: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{where}: {what} {value!r} is not one of {sorted(allowed)}")
    return value


def find_occurrence(text: str, needle: str, occurrence: int, where: str) -> Span:
    """The ``occurrence``-th (0-based) exact occurrence of ``needle`` in ``text``."""
    if not needle:
        raise ValueError(f"{where}: empty string")
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(needle, start + 1)
        if start < 0:
            raise ValueError(
                f"{where}: occurrence {occurrence} of {needle!r} not found in the text"
            )
    return Span.of(text, start, start + len(needle))


def find_nearest(text: str, needle: str, anchor: Span, where: str) -> Span:
    """The whole-word occurrence of ``needle`` closest to ``anchor`` (ties go to the earlier one).

    Mentions ("he", "the minister") and evidence repeat across an article; the one that belongs
    to a statement is the one nearest to it. Whole words only, so "he" never matches in "the".
    """
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    best: Span | None = None
    best_distance = len(text) + 1
    for match in pattern.finditer(text):
        if match.end() <= anchor.start:
            distance = anchor.start - match.end()
        elif match.start() >= anchor.end:
            distance = match.start() - anchor.end
        else:
            distance = 0
        if distance < best_distance:
            best, best_distance = Span.of(text, match.start(), match.end()), distance
    if best is None:
        raise ValueError(f"{where}: {needle!r} not found in the text")
    return best


def _said_on(record: dict[str, Any], where: str) -> tuple[str | None, str]:
    said_on = record.get("said_on")
    precision = _check(record.get("precision"), PRECISIONS, "precision", where)
    if said_on is None:
        if precision != "unknown":
            raise ValueError(f"{where}: said_on is null but precision is {precision!r}")
        return None, precision
    if not isinstance(said_on, str) or not _DATE_PATTERN.fullmatch(said_on):
        raise ValueError(f"{where}: said_on {said_on!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if _PRECISION_BY_LENGTH[len(said_on)] != precision:
        raise ValueError(f"{where}: said_on {said_on!r} does not have precision {precision!r}")
    return said_on, precision


def _statement(text: str, record: dict[str, Any], where: str) -> GoldStatement:
    occurrence = int(record.get("occurrence", 0))
    content = find_occurrence(text, record["content"], occurrence, where)
    mention = find_nearest(text, record["mention"], content, f"{where} mention")
    said_on, precision = _said_on(record, where)
    topics = tuple(
        GoldTopic(name=t["name"], stance=_check(t["stance"], STANCES, "stance", where))
        for t in record.get("topics", [])
    )
    return GoldStatement(
        content=content,
        occurrence=occurrence,
        kind=_check(record["kind"], KINDS, "kind", where),
        speaker=record["speaker"],
        speaker_type=_check(record["speaker_type"], SPEAKER_TYPES, "speaker_type", where),
        mention=mention,
        said_on=said_on,
        precision=precision,
        voice=_check(record["voice"], VOICES, "voice", where),
        topics=topics,
        note=record.get("note", ""),
    )


def _question(text: str, record: dict[str, Any], where: str) -> GoldQuestion:
    span = find_occurrence(text, record["text"], int(record.get("occurrence", 0)), where)
    return GoldQuestion(
        text=span,
        asker=record.get("asker"),
        addressee=record["addressee"],
        outcome=_check(record["outcome"], OUTCOMES, "outcome", where),
        evidence=find_nearest(text, record["evidence"], span, f"{where} evidence"),
        note=record.get("note", ""),
    )


def parse_article(record: dict[str, Any], where: str = "article") -> GoldArticle:
    """One corpus line as a ``GoldArticle`` with every span resolved."""
    article_id = record["id"]
    text = record["text"]
    date = record.get("date")
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ValueError(f"{where} {article_id!r}: date {date!r} is not YYYY-MM-DD")
    statements = tuple(
        _statement(text, s, f"{where} {article_id!r} statement {i}")
        for i, s in enumerate(record.get("statements", []))
    )
    questions = tuple(
        _question(text, q, f"{where} {article_id!r} question {i}")
        for i, q in enumerate(record.get("questions", []))
    )
    return GoldArticle(
        id=article_id,
        date=date,
        source=record.get("source", ""),
        text=text,
        statements=statements,
        questions=questions,
    )


def load_statements(path: Path | str | None = None) -> list[GoldArticle]:
    """Read ``statements.jsonl`` (default: the checkout's ``evalsets/statements.jsonl``)."""
    path = Path(path) if path is not None else default_evalset_dir() / "statements.jsonl"
    articles = [parse_article(record, f"{path.name}:{n}") for n, record in _read_jsonl(path)]
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise ValueError(f"{path.name}: article id {article.id!r} appears twice")
        seen.add(article.id)
    return articles


def load_questions(
    path: Path | str | None = None, articles: list[GoldArticle] | None = None
) -> list[tuple[str, GoldQuestion]]:
    """Read ``questions.jsonl`` (one question a line, with ``article_id``) against the articles."""
    path = Path(path) if path is not None else default_evalset_dir() / "questions.jsonl"
    by_id = {a.id: a for a in (articles if articles is not None else load_statements())}
    questions: list[tuple[str, GoldQuestion]] = []
    for number, record in _read_jsonl(path):
        where = f"{path.name}:{number}"
        article = by_id.get(record["article_id"])
        if article is None:
            raise ValueError(f"{where}: unknown article {record['article_id']!r}")
        questions.append((article.id, _question(article.text, record, where)))
    return questions


def _optional(value: object, allowed: frozenset[str], what: str, where: str) -> str | None:
    return None if value in (None, "null") else _check(value, allowed, what, where)


def load_changes(path: Path | str | None = None) -> list[GoldChange]:
    """Read ``changes.jsonl`` (default: the checkout's ``evalsets/changes.jsonl``)."""
    path = Path(path) if path is not None else default_evalset_dir() / "changes.jsonl"
    changes: list[GoldChange] = []
    for number, record in _read_jsonl(path):
        where = f"{path.name}:{number} {record.get('id')!r}"
        expected = _check(record["expected"], EXPECTED_CHANGES, "expected", where)
        change = GoldChange(
            id=record["id"],
            speaker=record["speaker"],
            topic=record["topic"],
            articles=tuple(record["articles"]),
            expected=expected,
            from_stance=_optional(record.get("from"), STANCES, "from", where),
            to_stance=_optional(record.get("to"), STANCES, "to", where),
            kind=_optional(record.get("kind"), CHANGE_KINDS, "kind", where),
            note=record.get("note", ""),
        )
        if expected == "change" and (change.from_stance is None or change.kind is None):
            raise ValueError(f"{where}: a change needs 'from' and 'kind'")
        changes.append(change)
    return changes

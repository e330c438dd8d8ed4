"""Evaluation of the topics and stance stages on the team's gold statements.

For each gold (statement, topic): is the topic found among the statement's topics (names
compared with ``canonical_topic``, under the topic's name or any of its aliases), and is its stance right? A topic that is not found counts
as a neutral prediction, so missing a topic costs stance accuracy too. Voice is scored per
statement. Each statement is analysed as the pipeline would see it: the gold content span,
with the cue and resolved speaker of the extracted quote that overlaps it when there is one,
dated by the time stage.

Tuning happens on one half of the corpus only: ``split="dev"`` is the articles at even
positions in the file (0, 2, 4, ...), ``split="heldout"`` the odd ones, ``"all"`` both.
Run ``python -m onrecord.evaluate.stance_eval`` for the three reports side by side.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from onrecord import clean, quotes, speakers, stance, time, topics
from onrecord.evaluate.statements import GoldArticle, GoldStatement, default_evalset_dir, load_statements
from onrecord.models import Quote, Speaker, TopicStance
from onrecord.parse import load_nlp
from onrecord.stance import OPPOSITE_SIDE, ended_thing
from onrecord.topics import ISSUE_HEADS, SYNONYM_GROUPS, canonical_topic

LABELS = ("favor", "against", "neutral")
Split = Literal["all", "dev", "heldout"]
SPLITS: tuple[Split, ...] = ("dev", "heldout", "all")


def topics_match(gold: str, predicted: str, lenient: bool = False) -> bool:
    """Same canonical name, or one name's words contained in the other's ("tax" / "sugar tax").

    ``lenient`` also matches two names of one issue that the article and the label word
    differently: the same issue head or near-synonym heads sharing a common-noun modifier
    ("sugar levy" / "sugar tax", "student debt relief" / "student debt cancellation"), or the
    same issue head ("Elite League" / "breakaway league", "new stadium" / "Harwood stadium").
    A shared proper-name modifier alone is not enough ("Harwood Council" / "Harwood stadium").
    """
    a, b = canonical_topic(gold), canonical_topic(predicted)
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if bool(wa) and bool(wb) and (wa <= wb or wb <= wa):
        return True
    return lenient and _same_issue(gold, predicted)


def topic_found(gold: str, predicted: TopicStance, lenient: bool = False) -> bool:
    """The gold topic is the predicted one under its name or any alias the article gives it
    (a search for "breakaway league" finds the topic named "Elite League")."""
    return any(topics_match(gold, name, lenient) for name in (predicted.name, *predicted.aliases))


# Heads that name the same kind of issue, and relief words for debts.
RELIEF = frozenset("relief cancellation forgiveness write-off".split())


def _same_issue(gold: str, predicted: str) -> bool:
    ga, pa = canonical_topic(gold).split(), canonical_topic(predicted).split()
    if not ga or not pa:
        return False
    head_g, head_p = ga[-1], pa[-1]
    same_head = head_g == head_p or any(
        head_g in group and head_p in group for group in (*SYNONYM_GROUPS, RELIEF)
    )
    if head_g == head_p and head_g in ISSUE_HEADS:
        return True
    # A modifier written in lower case in at least one of the names is a common word.
    lower = _modifiers(gold, lower_only=True) | _modifiers(predicted, lower_only=True)
    shared = _modifiers(gold) & _modifiers(predicted) & lower
    return bool(shared) and (same_head or head_g in ISSUE_HEADS or head_p in ISSUE_HEADS)


def _modifiers(name: str, lower_only: bool = False) -> set[str]:
    """The words before the head ("low-traffic", "sugar"), case-folded."""
    words = name.replace("’", "'").split()[:-1]
    return {w.casefold() for w in words if (w[:1].islower() or not lower_only)
            and w.casefold() not in {"the", "a", "an", "new", "of"}}


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


def score_article(article: GoldArticle, report: StanceReport, lenient: bool = False) -> None:
    doc = load_nlp()(article.text)
    removed = clean.find_boilerplate(article.text)
    extracted = speakers.resolve_speakers(doc, quotes.extract_quotes(doc, removed), removed)
    built = [quote_for(g, extracted, n) for n, g in enumerate(article.statements)]
    dated = time.date_article(article.to_article(), doc, removed)
    built = time.date_quotes(doc, built, dated, removed)
    analysed = stance.assign_stance(doc, topics.assign_topics(doc, built, removed), removed=removed)
    for gold, predicted in zip(article.statements, analysed, strict=True):
        report.statements += 1
        report.voice_correct += predicted.voice == gold.voice
        for topic in gold.topics:
            report.gold_topics += 1
            match = next((t for t in predicted.topics if topic_found(topic.name, t, lenient)), None)
            label = match.stance if match is not None else "neutral"
            if match is not None and _ban_and_banned(topic.name, match.name):
                label = OPPOSITE_SIDE[label]  # for "X ban" is against X: the record names X
            report.topics_found += match is not None
            report.confusion[topic.stance][label] += 1
            if match is None or label != topic.stance:
                report.errors.append({
                    "article": article.id, "content": gold.content.text[:120], "topic": topic.name,
                    "gold": topic.stance, "predicted": label,
                    "found_topics": [t.name for t in predicted.topics],
                })


def _ban_and_banned(gold: str, predicted: str) -> bool:
    """One name is "X ban" (or "X closure", "X abolition": an act that ends X) and the other
    X: the pipeline files a ban under what it bans (``stance.banned_topic``), and a side for
    ending a thing is a side against the thing."""
    a, b = canonical_topic(gold), canonical_topic(predicted)
    return ended_thing(a) == b or ended_thing(b) == a


def in_split(articles: Iterable[GoldArticle], split: Split) -> list[GoldArticle]:
    """The articles of one half: dev = even positions in the file, heldout = odd ones."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return [a for n, a in enumerate(articles) if split == "all" or (n % 2 == 0) == (split == "dev")]


def evaluate_stance(path: Path | str | None = None, split: Split = "all", lenient: bool = False) -> StanceReport:
    """Score topics, stance and voice on ``statements.jsonl`` (default: the checkout's);
    ``lenient``: topic names matched as in ``topics_match(..., lenient=True)``."""
    report = StanceReport()
    for article in in_split(load_statements(path), split):
        score_article(article, report, lenient)
    return report


def evaluate_splits(path: Path | str | None = None, lenient: bool = False) -> dict[Split, StanceReport]:
    """One report per half and one overall, each article analysed once."""
    articles = list(load_statements(path))
    reports: dict[Split, StanceReport] = {split: StanceReport() for split in SPLITS}
    for number, article in enumerate(articles):
        half: Split = "dev" if number % 2 == 0 else "heldout"
        scratch = StanceReport()
        score_article(article, scratch, lenient)
        for split in (half, "all"):
            _add(reports[split], scratch)
    return reports


def _add(total: StanceReport, part: StanceReport) -> None:
    total.statements += part.statements
    total.voice_correct += part.voice_correct
    total.gold_topics += part.gold_topics
    total.topics_found += part.topics_found
    for gold in LABELS:
        for predicted in LABELS:
            total.confusion[gold][predicted] += part.confusion[gold][predicted]
    total.errors.extend(part.errors)


def main(argv: Sequence[str] = ()) -> None:
    """Print the dev, held-out and overall reports, topic names matched strictly and then
    leniently (optional argument: the corpus path), and with no argument the fresh set
    (``evalsets/fresh.jsonl``: articles written after the code by labellers who never saw it)."""
    for lenient in (False, True):
        for split, report in evaluate_splits(argv[0] if argv else None, lenient).items():
            print(f"== {split} ({'lenient' if lenient else 'strict'} topic names)")
            print(report.render())
            print()
        if not argv and FRESH.is_file():
            print(f"== fresh ({'lenient' if lenient else 'strict'} topic names)")
            print(evaluate_stance(FRESH, lenient=lenient).render())
            print()


# Articles written after the code by labellers who never read it (see evalsets/README.md).
FRESH = default_evalset_dir() / "fresh.jsonl"


if __name__ == "__main__":
    main(sys.argv[1:])

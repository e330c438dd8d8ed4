"""Train the stance classifier on ``src/onrecord/data/stance_train.jsonl``.

Each training statement is parsed and read as the pipeline reads a statement: the quotes stage
finds its cue, the rules give their reading, and ``onrecord.stance.classifier_input`` builds
what the classifier sees (the topic marked by every occurrence of its name in the text).
Training is deterministic (zero start, full-batch gradient descent, fixed steps), so the
same data gives the same ``src/onrecord/data/stance_model.json``.

    .venv/bin/python scripts/train_stance.py            # 5-fold check, then train and save
    .venv/bin/python scripts/train_stance.py --no-save  # the check only
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from onrecord import quotes as quotes_stage
from onrecord import speakers, stance
from onrecord.models import Quote, Span, Speaker, StanceLabel, TopicStance
from onrecord.parse import load_nlp
from onrecord.stance import model
from onrecord.topics import Mention, find_mentions

OUT = Path(__file__).resolve().parent.parent / "src" / "onrecord" / "data" / "stance_model.json"


def statement_quote(doc: Doc, content_start: int, content_end: int) -> Quote:
    """The training statement as a quote, with the cue and speaker the quotes stage finds."""
    content = Span.of(doc.text, content_start, content_end)
    extracted = speakers.resolve_speakers(doc, quotes_stage.extract_quotes(doc, []), [])
    best, overlap = None, 0
    for found in extracted:
        shared = min(found.content.end, content_end) - max(found.content.start, content_start)
        if shared > overlap:
            best, overlap = found, shared
    if best is None:
        return Quote(id="t", kind="direct", content=content, cue=None)
    return Quote(id="t", kind=best.kind, content=content, cue=best.cue, speaker=best.speaker)


def lead_news(doc: Doc, quote: Quote, spans: Sequence[tuple[int, int]]) -> int:
    """What a first sentence that reports news ("The line was scrapped.") does to the topic,
    when the statement comes after it, as the pipeline reads an article's lead."""
    first = next(iter(doc.sents))
    if quote.content.start < first.end_char:
        return 0
    heads = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and span.root.i < first.end:
            heads.append(Mention(start, end, span.text, "topic", "issue", span.root.i, True))
    return stance.polarity_in(doc, heads, {t.i for t in first})


def vectorise(rows: Sequence[dict[str, str]]) -> tuple[list[model.Features], list[StanceLabel]]:
    nlp = load_nlp()
    vectors: list[model.Features] = []
    labels: list[StanceLabel] = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        start = row["text"].index(row["content"])
        quote = statement_quote(doc, start, start + len(row["content"]))
        spans = list(model.occurrences(row["text"], row["topic"]))
        evidence = Span.of(row["text"], *spans[0]) if spans else None
        topic = TopicStance(name=row["topic"], evidence=evidence)
        mentions = find_mentions(doc)
        rule, found = stance.rule_reading(doc, quote, topic, mentions, {})
        news = lead_news(doc, quote, spans)
        statement = stance.classifier_input(
            doc, quote, topic, mentions, rule, found, topic_spans=spans, news=news
        )
        vectors.append(model.features(doc, statement))
        labels.append(row["stance"])  # type: ignore[arg-type]
    return vectors, labels


def cross_validate(vectors: Sequence[model.Features], labels: Sequence[StanceLabel], folds: int,
                   **options: float) -> float:
    """Accuracy over ``folds`` folds taken by position (row number mod folds)."""
    right = 0
    for fold in range(folds):
        train_idx = [i for i in range(len(vectors)) if i % folds != fold]
        test_idx = [i for i in range(len(vectors)) if i % folds == fold]
        part = [vectors[i] for i in train_idx]
        fitted = model.train(part, [labels[i] for i in train_idx], **options)  # type: ignore[arg-type]
        for i in test_idx:
            probabilities = fitted.probabilities(vectors[i])
            right += max(model.LABELS, key=lambda name: probabilities[name]) == labels[i]
    return right / len(vectors)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="training jsonl (default: the shipped one)")
    parser.add_argument("--l2", type=float, default=model.L2)
    parser.add_argument("--steps", type=int, default=model.STEPS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    rows = model.load_training(args.data)
    vectors, labels = vectorise(rows)
    options = {"l2": args.l2, "steps": args.steps}
    if args.folds > 1:
        accuracy = cross_validate(vectors, labels, args.folds, **options)
        print(f"{len(rows)} statements; {args.folds}-fold accuracy {accuracy:.3f}")
    if not args.no_save:
        fitted = model.train(vectors, labels, **options)  # type: ignore[arg-type]
        model.save_model(fitted, OUT)
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(fitted.weights)} features)")


if __name__ == "__main__":
    main()

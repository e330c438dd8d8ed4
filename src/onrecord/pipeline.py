"""The pipeline: ingest -> clean -> parse -> quotes -> speakers -> time -> topics/stance.

Each stage is a module with a pure function over records; this module only wires them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
import logging
from typing import TYPE_CHECKING

from onrecord import clean, questions, quotes, speakers, stance, time, topics
from onrecord.ingest import Skipped
from onrecord.models import AnalyzedArticle, Article
from onrecord.parse import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def analyze_doc(article: Article, doc: Doc) -> AnalyzedArticle:
    """Run every stage after parsing on one article and its parse. The stages' per-document
    caches (in ``doc.user_data``) go when it is done, so the Doc can still be serialised."""
    before = set(doc.user_data)
    try:
        return _analyze(article, doc)
    finally:
        for key in [k for k in doc.user_data if k not in before]:
            del doc.user_data[key]


def _analyze(article: Article, doc: Doc) -> AnalyzedArticle:
    removed = clean.find_boilerplate(article.text)
    article = time.date_article(article, doc, removed)
    found = quotes.extract_quotes(doc, removed)
    found = speakers.resolve_speakers(doc, found, removed)
    found = time.date_quotes(doc, found, article, removed)
    # Questions before topics and stance: a question put to someone is not their statement,
    # and must not lend its words to the stance of their real ones.
    asked = questions.find_questions(doc, found, removed)
    found, asked = questions.without_question_texts(found, asked)
    found = topics.assign_topics(doc, found, removed)
    found = stance.assign_stance(doc, found, removed=removed)
    found = questions.put_questions_take_no_side(found, asked)
    return AnalyzedArticle(
        article=article, removed=tuple(removed), quotes=tuple(found), questions=tuple(asked)
    )


def analyze_article(article: Article, nlp: Language | None = None) -> AnalyzedArticle:
    nlp = nlp or load_nlp()
    return analyze_doc(article, nlp(article.text))


def analyze_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 8,
    workers: int = 1,
) -> Iterator[AnalyzedArticle]:
    """Analyse many articles with one model and ``nlp.pipe`` batching (``workers`` > 1 parses
    in that many processes). Unlike ``analyze_stream``, a failing stage raises."""
    nlp = nlp or load_nlp()
    pairs = ((a.text, a) for a in articles)
    docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, article in docs:
        yield analyze_doc(article, doc)


def analyze_stream(
    items: Iterable[Article | Skipped],
    nlp: Language | None = None,
    batch_size: int = 8,
    workers: int = 1,
) -> Iterator[AnalyzedArticle | Skipped]:
    """Analyse a stream of read inputs; unreadable inputs pass through as ``Skipped``, and an
    article that fails in a stage becomes ``Skipped`` too, so a batch always goes on.
    ``workers`` > 1 parses in that many processes (the stages after parsing stay here)."""
    nlp = nlp or load_nlp()
    skipped: list[Skipped] = []

    def articles() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
            else:
                yield item.text, item

    docs = nlp.pipe(articles(), as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, article in docs:
        yield from _drain(skipped)
        try:
            yield analyze_doc(article, doc)
        except Exception as error:  # one bad article must not stop the batch
            log.exception("analysis failed for %s", article.origin or article.id)
            yield Skipped(article.origin or article.id, f"analysis failed: {error!r}")
    yield from _drain(skipped)


def _drain(pending: list[Skipped]) -> Iterator[Skipped]:
    while pending:
        yield pending.pop(0)


def analyze(text: str, date: str | None = None, id: str = "text") -> AnalyzedArticle:
    """Library entry point: analyse one text (the first non-empty line is not special here)."""
    article = Article(id=id, text=text, date=date, date_source="option" if date else "unknown")
    if date:
        article = replace(article, date_precision="day")
    return analyze_article(article)

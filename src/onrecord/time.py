"""Time stage (placeholder): the article date and each statement's date."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Article, Quote, Removed


def date_article(article: Article, doc: Doc, removed: Sequence[Removed]) -> Article:
    return article


def date_quotes(
    doc: Doc, quotes: Sequence[Quote], article: Article, removed: Sequence[Removed]
) -> list[Quote]:
    return list(quotes)

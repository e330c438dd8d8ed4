"""Topics stage (placeholder): what each statement is about."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Quote, Removed


def assign_topics(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Quote]:
    return list(quotes)

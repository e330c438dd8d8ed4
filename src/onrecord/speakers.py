"""Speakers stage (placeholder): source mention -> canonical name within the article."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Quote, Removed


def resolve_speakers(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Quote]:
    return list(quotes)

"""Quotes stage (placeholder until the quote extractor lands): cue -> content -> source."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Quote, Removed


def extract_quotes(doc: Doc, removed: Sequence[Removed]) -> list[Quote]:
    return []

"""Stance stage (placeholder): favor, against or neutral per (statement, topic)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Quote


def assign_stance(doc: Doc, quotes: Sequence[Quote]) -> list[Quote]:
    return list(quotes)

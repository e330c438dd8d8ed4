"""Questions stage (placeholder): questions put to a speaker and what became of them."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from onrecord.models import Question, Quote, Removed


def find_questions(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Question]:
    return []

"""Clean stage (placeholder)."""

from __future__ import annotations

from onrecord.models import Removed


def find_boilerplate(text: str) -> list[Removed]:
    return []

"""Shared fixtures: where the team's shared (copyrighted, never committed) data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ONRECORD_SHARED", REPO.parent / "shared"))
EXAMPLE = SHARED / "examples" / "corbyn-nato-2019.txt"
POLNEAR = SHARED / "data" / "polnear-train"


@pytest.fixture(scope="session")
def example_text() -> str:
    if not EXAMPLE.exists():
        pytest.skip(f"the worked example is not here ({EXAMPLE}); it is never copied into the repo")
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from onrecord.parse import load_nlp

    return load_nlp()

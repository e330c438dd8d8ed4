"""onrecord: who said what, when, about what, and whether they changed their tune."""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

try:
    __version__ = version("onrecord")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from onrecord.models import AnalyzedArticle


def analyze(text: str, date: str | None = None, id: str = "text") -> AnalyzedArticle:
    """Analyse one text: ``onrecord.analyze(text, date="2019-12-03").quotes``."""
    from onrecord.pipeline import analyze as run

    return run(text, date=date, id=id)


__all__ = ["__version__", "analyze"]

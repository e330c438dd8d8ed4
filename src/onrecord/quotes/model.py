"""A small logistic model that decides whether a cue in a frame makes a statement.

The cue lexicon gives one precision per (word, frame); the parse says more: who the subject
is, whether the verb is negated or hedged, a participle or a relative clause, how long the
content is and whether it has a verb of its own. This model weighs such features. It is
trained by ``scripts/train_quotes.py`` on an annotated attribution corpus and shipped as
``data/quote_model.tsv`` (feature names and weights only, never text). Without that file the
lexicon decides alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from onrecord.quotes.cues import SEED
from onrecord.quotes.source import noun_source, subject

MODEL_FILE = "data/quote_model.tsv"
BIAS = "bias"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Words that open a content and say what kind it is ("that ...", "to ...", "whether ...").
OPENING_WORDS = frozenset("that to whether if how what why".split())
MODALS = frozenset("would could might may should can will must".split())


def _length_bucket(words: int) -> str:
    for limit, name in ((3, "xs"), (7, "s"), (15, "m"), (30, "l")):
        if words <= limit:
            return name
    return "xl"


def _subject_kind(cue: Token) -> str:
    subj = next((c for c in cue.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        return "none"
    if subj.dep_ == "nsubjpass":
        return "passive"
    if subj.lower_ in ("who", "which", "that"):
        return "relative"
    if subj.ent_type_:
        return subj.ent_type_
    return subj.pos_


def _has_source(cue: Token, frame: str) -> bool:
    """Whether the frame names anyone: attributions nearly always have a source."""
    if frame.startswith("noun_") or (frame == "colon" and cue.pos_ == "NOUN"):
        return noun_source(cue) is not None
    if frame in ("according", "raising"):
        return frame == "according"
    return subject(cue) is not None


def features(
    doc: Doc, cue_index: int, lemma: str, frame: str, kind: str, start: int, end: int
) -> list[str]:
    """The names of the features that hold for one candidate statement."""
    cue = doc[cue_index]
    base = frame.removesuffix("_inq")
    content = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(content) if content is not None else []
    words = sum(1 for t in tokens if t.is_alpha)
    subject = _subject_kind(cue)
    first = next((t.lower_ for t in tokens if not t.is_punct), "")
    children = {c.lower_ for c in cue.children}
    has_verb = any(t.pos_ in ("VERB", "AUX") and t.i != cue_index for t in tokens)
    names = [
        BIAS,
        f"lemma={lemma}",
        f"frame={base}",
        f"lemma_frame={lemma}|{base}",
        f"kind={kind}",
        f"frame_kind={base}|{kind}",
        f"tag={cue.tag_}",
        f"dep={cue.dep_}",
        f"dep_frame={cue.dep_}|{base}",
        f"subject={subject}",
        f"subject_frame={subject}|{base}",
        f"length={_length_bucket(words)}",
        f"length_frame={_length_bucket(words)}|{base}",
        f"first={first if first in OPENING_WORDS else 'other'}",
        f"content_verb={has_verb}|{base}",
        f"seed={lemma in SEED}|{base}",
        f"after={end <= cue.idx}",
    ]
    names.append(f"source={_has_source(cue, base)}|{base}")
    if frame.endswith("_inq"):
        names.append("inside_quote")
    if any(c.dep_ == "neg" for c in cue.children):
        names.append("negated")
    if children & MODALS:
        names.append("modal")
    return names


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The shipped weights (empty when no model is shipped)."""
    try:
        text = resources.files("onrecord").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    table: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name, value = line.rsplit("\t", 1)
        table[name] = float(value)
    return table


def probability(names: Iterable[str]) -> float | None:
    """Chance that the candidate is a statement, or None when no model is shipped."""
    table = weights()
    if not table:
        return None
    score = sum(table.get(name, 0.0) for name in names)
    return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))

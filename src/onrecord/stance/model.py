"""A small stance classifier: multinomial logistic regression over words read from the parse.

The rules (``onrecord.stance``) read stance words aimed at a topic; they stay silent on the
many statements whose side shows only in their wording ("a luxury we cannot afford", "tooth
and nail", "why would anyone end it?"). This model reads those: the words of the statement,
the words of its sentence outside it (the reporting frame: "accused", "demanded", "hailed"),
negation scope, the word the topic hangs from, question form, and the rules' own reading as
one more feature. It is trained on ``data/stance_train.jsonl`` (statements written for this
project) by ``scripts/train_stance.py``; the weights ship as ``data/stance_model.json``.

Everything here is plain Python and numpy over a parsed ``Doc``: no second spaCy model.
The idiom "for good" (permanently) is read as ``permanently``, with no valence: no praise.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.tokens import Doc, Token

from onrecord.models import StanceLabel

LABELS: tuple[StanceLabel, ...] = ("favor", "against", "neutral")
MODEL_FILE = "data/stance_model.json"
NEGATIONS = frozenset(
    {"not", "n't", "n’t", "never", "no", "nobody", "nothing", "neither", "nor", "without"}
)
# Words that carry no stance and only add noise to a bag of words.
STOP = frozenset(
    """a an the of to in on at by for with from and or but as that this these those it its
    their there here be is are was were been being have has had do does did 's ’s
    he she they him her them his hers i me my we us our you your said say says""".split()
)
# Lemmas kept although short or function-like: they carry modality or question form.
KEEP = frozenset(
    {"should", "must", "will", "would", "can", "could", "may", "might", "why", "who", "how", "what"}
)
TOPIC = "TOPIC"
NEGATION_DEPS = frozenset({"neg", "det", "advmod", "preconj"})

Features = dict[str, float]


@dataclass(frozen=True)
class Statement:
    """What the classifier reads for one (statement, topic): token indices into ``doc``."""

    content: frozenset[int]  # the statement's own words
    context: tuple[int, ...]  # its sentence(s), frame included, in order
    topic: frozenset[int]  # tokens that name the topic (may be empty: implicit topic)
    rule: StanceLabel = "neutral"  # the rules' reading
    rule_confidence: float = 0.0
    rule_found: bool = False  # the rules found a stance word aimed at the topic
    news: int = 0  # what the reported news does to the topic: +1 go-ahead, -1 scrapped
    cue: int | None = None  # the reporting verb ("hailed", "dismissed", "accused")


def _word(token: Token, topic: frozenset[int]) -> str | None:
    """The token as a feature word: its lemma, ``TOPIC`` for the topic, None for noise."""
    if token.i in topic:
        return TOPIC
    if _for_good(token):
        return "permanently"  # "shut down for good": an idiom of time, no praise
    if token.is_punct or token.is_space or token.like_num or token.pos_ in {"PROPN", "NUM", "SYM"}:
        return None
    lemma = token.lemma_.lower()
    if lemma in KEEP or token.lower_ in NEGATIONS:
        return lemma
    if lemma in STOP or not any(c.isalpha() for c in lemma):
        return None
    return lemma


def _for_good(token: Token) -> bool:
    """The "good" of the idiom "for good" (permanently): the bare object of "for"."""
    return (token.lower_ == "good" and token.dep_ == "pobj" and token.head.lower_ == "for"
            and not any(True for _ in token.children))


def _negated(token: Token) -> bool:
    """Under a negation: on the token, its head or the head's head ("should not be scrapped",
    "no case for dropping")."""
    return bool(_negated_tokens(token.doc)[token.i])


def _negated_tokens(doc: Doc) -> bytearray:
    """Per token, 1 when it is under a negation (see ``_negated``): read once per doc, since
    every statement's features ask about the same tokens."""
    key = "onrecord.stance.model.negated"
    found = doc.user_data.get(key)
    if found is None:
        strings = doc.vocab.strings
        negations = {strings[w] for w in NEGATIONS}
        deps = {strings[d] for d in NEGATION_DEPS}
        heads = _heads(doc)
        below = bytearray(len(doc))  # a negation word hangs from the token
        for i, (lower, dep) in enumerate(zip(doc.to_array(LOWER).tolist(), doc.to_array(DEP).tolist())):
            if lower in negations and dep in deps and heads[i] != i:
                below[heads[i]] = 1
        found = bytearray(len(doc))
        for i in range(len(doc)):
            node = i
            for _ in range(3):
                if below[node]:
                    found[i] = 1
                    break
                if heads[node] == node:
                    break
                node = heads[node]
        doc.user_data[key] = found
    return found


def _heads(doc: Doc) -> list[int]:
    """Each token's head index (spaCy stores it relative, as an unsigned integer)."""
    relative = doc.to_array(HEAD).astype("int64").tolist()
    return [i + offset for i, offset in enumerate(relative)]


def features(doc: Doc, statement: Statement) -> Features:
    """The sparse feature vector of one (statement, topic)."""
    out: Features = {"bias": 1.0}
    content_words: list[str] = []
    for i in statement.context:
        token = doc[i]
        word = _word(token, statement.topic)
        if word is None:
            continue
        if word != TOPIC and token.lower_ not in NEGATIONS and _negated(token):
            word = "NOT_" + word
        inside = i in statement.content
        out[("c:" if inside else "f:") + word] = 1.0
        if inside:
            content_words.append(word)
    for left, right in zip(content_words, content_words[1:]):
        out[f"b:{left}_{right}"] = 1.0
    out.update(_topic_features(doc, statement))
    out.update(_form_features(doc, statement))
    out.update(_polarity_features(doc, statement))
    out[f"rule:{statement.rule}"] = 1.0 + statement.rule_confidence
    if statement.rule_found:
        out[f"rulefound:{statement.rule}"] = 1.0
    if statement.news:
        out[f"news:{statement.news:+d}"] = 1.0
    return out


def _topic_features(doc: Doc, statement: Statement) -> Features:
    """Where the topic stands: absent, in the statement or in the frame; the word it hangs from."""
    if not statement.topic:
        return {"t:absent": 1.0}
    out: Features = {}
    heads = [doc[i] for i in statement.topic
             if doc[i].head.i not in statement.topic or doc[i].head.i == i]
    for token in heads:
        out["t:in" if token.i in statement.content else "t:frame"] = 1.0
        out[f"t:dep:{token.dep_}"] = 1.0
        governor = token.head
        if governor.dep_ == "prep" and governor.head.i != governor.i:
            out[f"t:via:{governor.lower_}"] = 1.0
            governor = governor.head
        word = _word(governor, statement.topic)
        if word and word != TOPIC:
            out[f"t:gov:{'NOT_' if _negated(governor) else ''}{word}"] = 1.0
    return out


@lru_cache(maxsize=1)
def load_sentiment() -> dict[str, float]:
    """Word valences (-4..4) from the VADER lexicon shipped in ``data/stance_sentiment.tsv``."""
    text = files("onrecord").joinpath("data/stance_sentiment.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: float(value) for word, value in rows}


def _polarity_features(doc: Doc, statement: Statement) -> Features:
    """Word polarity that generalises past the training vocabulary: VADER valence summed
    inside the statement and in its frame, and the stance lexicon's kinds, negation applied."""
    out: Features = {}
    subject = any(doc[i].dep_ in {"nsubj", "nsubjpass"} for i in statement.topic)
    words = _polarity_words(doc)
    for i in statement.context:
        if i in statement.topic:
            continue
        base, hits = words[i]
        if not base and not hits:
            continue
        sign = -1.0 if _negated(doc[i]) else 1.0
        region = "c" if i in statement.content else "f"
        value = base * sign
        if value:
            name = f"s:{region}{'+' if value > 0 else '-'}"
            out[name] = out.get(name, 0.0) + abs(value) / 4
            # glad the line is scrapped: against it (a negated reaction is none)
            if statement.news and region == "c" and sign > 0:
                name = f"react:{'+' if value * statement.news > 0 else '-'}"
                out[name] = out.get(name, 0.0) + abs(value) / 4
            if subject and region == "c":
                name = f"s:subj{'+' if value > 0 else '-'}"
                out[name] = out.get(name, 0.0) + abs(value) / 4
        for kind, polarity in hits:
            name = f"lx:{region}:{kind}{'+' if polarity * sign > 0 else '-'}"
            out[name] = 1.0
    return out


LEXICON_KINDS = ("verb", "eval", "noun", "affect", "value", "erg")


def _polarity_words(doc: Doc) -> list[tuple[float, tuple[tuple[str, int], ...]]]:
    """Per token, its VADER valence and the stance lexicon kinds its lemma is in, read once
    per doc."""
    from onrecord.stance import load_lexicon  # the package imports this module

    key = "onrecord.stance.model.polarity"
    found = doc.user_data.get(key)
    if found is None:
        strings = doc.vocab.strings
        found = [_word_polarity(strings[lower], strings[lemma])
                 for lower, lemma in zip(doc.to_array(LOWER).tolist(), doc.to_array(LEMMA).tolist())]
        for token in doc:
            if found[token.i][0] and _for_good(token):
                found[token.i] = (0.0, ())
        doc.user_data[key] = found
    return found


@lru_cache(maxsize=65536)
def _word_polarity(lower: str, lemma: str) -> tuple[float, tuple[tuple[str, int], ...]]:
    """One word's VADER valence and its stance lexicon kinds (by its lemma)."""
    from onrecord.stance import load_lexicon  # the package imports this module

    lexicon = load_lexicon()
    lemma = lemma.lower()
    tables = [(kind, lexicon.get(kind)) for kind in LEXICON_KINDS]
    hits = tuple((kind, table[lemma]) for kind, table in tables if table.get(lemma))
    valence = load_sentiment()
    return valence.get(lower, valence.get(lemma, 0.0)), hits


def _form_features(doc: Doc, statement: Statement) -> Features:
    """Question form: a statement ending in "?" and its first word ("why", "who", "will")."""
    content = sorted(statement.content)
    if not content:
        return {}
    out: Features = {}
    last = next((doc[i] for i in reversed(content) if not doc[i].is_space), None)
    if last is not None and last.text in {"?", "?\""}:
        out["q:mark"] = 1.0
        out[f"q:{doc[content[0]].lower_}"] = 1.0
    return out


@dataclass(frozen=True)
class Model:
    """Weights per feature, one per label (in ``LABELS`` order)."""

    weights: Mapping[str, tuple[float, float, float]]

    def probabilities(self, vector: Features) -> dict[StanceLabel, float]:
        scores = [0.0, 0.0, 0.0]
        for name, value in vector.items():
            row = self.weights.get(name)
            if row is not None:
                for k in range(3):
                    scores[k] += row[k] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(LABELS, exps, strict=True)}

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(LABELS),
            "weights": {n: [round(w, 5) for w in row] for n, row in sorted(self.weights.items())},
        }


# Training settings of the shipped weights (chosen on the dev half of evalsets: 400 steps
# stopped short of convergence; 1000 reach it).
L2 = 0.003
STEPS = 1000


def train(vectors: Sequence[Features], labels: Sequence[StanceLabel], l2: float = L2,
          steps: int = STEPS, rate: float = 0.5, min_count: int = 1) -> Model:
    """Fit multinomial logistic regression by full-batch gradient descent (deterministic:
    zero start, fixed step count, no sampling)."""
    import numpy as np

    counts: dict[str, int] = {}
    for vector in vectors:
        for name in vector:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count or n == "bias")
    column = {n: j for j, n in enumerate(names)}
    x = np.zeros((len(vectors), len(names)))
    for row, vector in enumerate(vectors):
        for name, value in vector.items():
            if name in column:
                x[row, column[name]] = value
    y = np.zeros((len(labels), 3))
    for row, label in enumerate(labels):
        y[row, LABELS.index(label)] = 1.0
    w = np.zeros((len(names), 3))
    penalty = np.full((len(names), 1), l2)
    penalty[column["bias"]] = 0.0
    for _ in range(steps):
        scores = x @ w
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        gradient = x.T @ (p - y) / len(vectors) + penalty * w
        w -= rate * gradient
    return Model({n: (float(w[j, 0]), float(w[j, 1]), float(w[j, 2])) for n, j in column.items()})


def save_model(model: Model, path: Path) -> None:
    path.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")


def model_from_json(data: Mapping[str, object]) -> Model:
    labels = data.get("labels")
    if labels != list(LABELS):
        raise ValueError(f"stance model labels {labels!r} are not {list(LABELS)!r}")
    weights = data["weights"]
    if not isinstance(weights, dict):
        raise ValueError("stance model has no weights table")
    return Model({str(k): (float(v[0]), float(v[1]), float(v[2])) for k, v in weights.items()})


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped weights, read once per process; None when they are not installed."""
    resource = files("onrecord").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    return model_from_json(json.loads(resource.read_text(encoding="utf-8")))


def predict(model: Model, doc: Doc, statement: Statement) -> tuple[StanceLabel, float]:
    """The most probable label and its probability."""
    probabilities = model.probabilities(features(doc, statement))
    label = max(LABELS, key=lambda name: probabilities[name])
    return label, probabilities[label]


def load_training(path: Path | str | None = None) -> list[dict[str, str]]:
    """The training statements: ``text``, ``content``, ``topic``, ``stance``, ``case``."""
    if path is None:
        raw = files("onrecord").joinpath("data/stance_train.jsonl").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    for number, row in enumerate(rows, 1):
        if row.get("stance") not in LABELS or row.get("content", "") not in row.get("text", ""):
            raise ValueError(f"stance training line {number}: bad stance or content not in text")
    return rows


def occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    """Every case-insensitive occurrence of ``needle`` in ``text``."""
    lower, target = text.lower(), needle.lower()
    at = lower.find(target)
    while target and at >= 0:
        yield at, at + len(target)
        at = lower.find(target, at + 1)

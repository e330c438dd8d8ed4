"""Cue -> content: the syntactic frames in which a reporting word takes its content.

Each cue candidate is a token with the frame it appears in and the character span of the
content that frame gives it:

- ``ccomp``: a clausal complement ("said that ...", "'...,' she added");
- ``colon``: the word is followed by a colon ("He continued: ...");
- ``according``: "according to X" (the content is the rest of the clause);
- ``prep_for``/``prep_of``/...: a prepositional complement ("called for ...", "accused X of ...");
- ``xcomp``: an infinitive complement ("vowed to ...", "wants to ...");
- ``dobj``: a noun-phrase object ("denied the claims").

A frame gets the suffix ``_inq`` when the cue itself is inside quoted words (a statement
reported within a quote). Which (lemma, frame) pairs count as cues is decided by the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

PREPOSITIONS = ("for", "of", "about", "on", "against", "over", "with", "to")
# Children that are not part of a complement's words when they dangle at its edges.
EDGE_PUNCT = ".,;:!?-—–"


@dataclass(frozen=True)
class Candidate:
    """A reporting word in a frame, with the content span the frame gives it."""

    cue_start: int
    cue_end: int
    lemma: str
    frame: str
    content_start: int
    content_end: int
    anchor: int  # a token index inside the content (the complement's head)
    cue_token: int  # token index of the reporting word


def token_span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink a character span past spaces and dangling punctuation (keep quote marks)."""
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT.replace(".", "").replace("!", "").replace("?", "")):
        end -= 1
    return start, end


def subtree_span(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    """Characters from the first to the last word of ``token``'s subtree."""
    words = [t for t in token.subtree if not skip or t.i not in skip]
    return token_span(words)


def _cue_words(token: Token) -> list[Token]:
    """The reporting word with its particles and negation ("pointed out", "did not deny")."""
    words = [token] + [c for c in token.children if c.dep_ in ("prt", "neg")]
    return sorted(words, key=lambda t: t.i)


def _frame_of(token: Token) -> tuple[str, Token] | None:
    """The strongest frame ``token`` appears in, with the head of its content."""
    children = list(token.children)
    for child in children:
        if child.dep_ == "ccomp" and child.i > token.i - 60:
            return "ccomp", child
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text == ":" and token.pos_ in ("VERB", "AUX", "NOUN"):
        return "colon", nxt
    for child in children:
        if child.dep_ == "prep" and child.lower_ in PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return f"prep_{child.lower_}", objects[0]
    for child in children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return "xcomp", child
    for child in children:
        if child.dep_ == "dobj":
            return "dobj", child
    return None


def _colon_content(doc: Doc, colon: Token) -> tuple[int, int]:
    sent_end = colon.sent.end
    words = [t for t in doc[colon.i + 1 : sent_end]]
    if not words:
        return colon.idx + 1, colon.idx + 1
    return token_span(words)


def _according(token: Token) -> Candidate | None:
    """'according to X': the content is the clause it modifies, without the phrase itself."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None or not any(c.dep_ == "pobj" for c in to.children):
        return None
    phrase = {t.i for t in token.subtree}
    sent = token.sent
    left = [t for t in sent if t.i < min(phrase)]
    right = [t for t in sent if t.i > max(phrase)]
    side = left if len([t for t in left if not t.is_punct]) >= len([t for t in right if not t.is_punct]) else right
    side = [t for t in side if not t.is_space]
    if not side:
        return None
    start, end = trim(token.doc, *token_span(side))
    anchor = next((t.i for t in side if not t.is_punct), side[0].i)
    return Candidate(token.idx, to.idx + len(to), "according to", "according", start, end, anchor, token.i)


def candidates(doc: Doc, inside_quote: list[bool]) -> list[Candidate]:
    """Every token in a frame that could introduce content (the lexicon filters later)."""
    found: list[Candidate] = []
    for token in doc:
        if token.is_punct or token.is_space:
            continue
        if token.lower_ == "according":
            cand = _according(token)
            if cand:
                found.append(cand)
            continue
        if token.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        framed = _frame_of(token)
        if framed is None:
            continue
        frame, head = framed
        if token.pos_ == "NOUN" and frame != "colon":
            continue
        if frame == "colon":
            start, end = _colon_content(doc, head)
            anchor = min(head.i + 1, len(doc) - 1)
        else:
            cue_ids = {t.i for t in _cue_words(token)}
            start, end = subtree_span(head, cue_ids)
            anchor = head.i
        start, end = trim(doc, start, end)
        if end <= start:
            continue
        if inside_quote[token.idx]:
            frame += "_inq"
        words = _cue_words(token)
        cue_start, cue_end = token_span(words)
        if frame.startswith("prep_"):
            prep = next(c for c in token.children if c.dep_ == "prep" and c.lower_ == frame.split("_")[1])
            if prep.i == token.i + 1:
                cue_end = prep.idx + len(prep)  # "called for", "warned of"
        found.append(Candidate(cue_start, cue_end, token.lemma_.lower(), frame, start, end, anchor, token.i))
    return found

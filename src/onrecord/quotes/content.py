"""Cue -> content: the syntactic frames in which a reporting word takes its content.

Each cue candidate is a token with the frame it appears in and the character span of the
content that frame gives it:

- ``ccomp``: a clausal complement ("said that ...", "'...,' she added");
- ``colon``: the word is followed by a colon ("He continued: ...");
- ``according``: "according to X" (the content is the rest of the clause);
- ``prep_for``/``prep_of``/...: a prepositional complement ("called for ...", "accused X of ...");
- ``xcomp``: an infinitive complement ("vowed to ...", "wants to ...");
- ``dobj``: a noun-phrase object ("denied the claims"); a phrase saying when, or one before
  the verb or after the object, does not take the object's place;
- ``parataxis``: a tag set off by commas inside the clause it reports ("The goal, he said,
  is a truce").

A frame gets the suffix ``_inq`` when the cue itself is inside quoted words (a statement
reported within a quote). Which (lemma, frame) pairs count as cues is decided by the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from onrecord.parse import doc_text

# Verbs whose subject is the subject of their complement ("the deal seems to be dead").
RAISING_VERBS = frozenset("seem appear".split())
# Passive reporting verbs that raise the same way ("he is expected to win", "is said to be").
SAYING_PASSIVES = frozenset("expect say believe think report know rumor rumour".split())
# Prepositions after an object that complete what is said ("named X as Y", "blamed X for Y").
COMPLEMENT_PREPOSITIONS = frozenset("as for of against from to".split())
COMPLEMENTISERS = ("that", "whether", "if")
# Verbs that open a statement of their own when a clause is conjoined to a content.
SPEECH_VERBS = frozenset("say tell add claim insist argue warn deny state declare note".split())
PREPOSITIONS = ("for", "of", "about", "on", "against", "over", "with", "to")
# Children that are not part of a complement's words when they dangle at its edges.
EDGE_PUNCT = ".,;:!?-—–"
# A content may end with its sentence's full stop, never with a comma or an opening mark.
TRAILING = ",;:-—–“‘"


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


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a character span past spaces, dangling punctuation and a dangling opening mark.

    Takes the text, not the Doc: ``Doc.text`` joins every token anew on each access."""
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in TRAILING):
        end -= 1
    return start, end


def subtree_span(token: Token, skip: set[int] | None = None) -> tuple[int, int]:
    """Characters from the first to the last word of ``token``'s subtree.

    A subordinate clause with a statement of its own ("... as he said: '...'") is left out:
    it is that statement's content, not this one's.
    """
    skip = set(skip or ())
    for inner in token.subtree:
        if inner.i > token.i and (
            (inner.dep_ == "advcl" and _reports(inner)) or _another_speaker(inner)
        ):
            # "..., and more than half said ...": the next clause is another statement
            skip |= {t.i for t in inner.subtree}
            skip |= {c.i for c in inner.head.children if c.dep_ == "cc" and c.i < inner.i}
    words = [t for t in token.subtree if t.i not in skip]
    while len(words) > 1 and (words[-1].dep_ == "cc" or words[-1].is_punct):
        words.pop()  # "..., and" left dangling by a clause cut off
    return token_span(words)


def _another_speaker(verb: Token) -> bool:
    """A conjoined clause in which someone else speaks ("..., and four in ten said ...")."""
    return (
        verb.dep_ in ("conj", "parataxis")
        and verb.lemma_.lower() in SPEECH_VERBS
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _reports(verb: Token) -> bool:
    """The verb reports speech of its own: a clausal complement, or a colon right after it."""
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return any(c.dep_ == "ccomp" for c in verb.children) or (after is not None and after.text == ":")


def _cue_words(token: Token) -> list[Token]:
    """The reporting word with its particles and negation ("pointed out", "did not deny")."""
    words = [token] + [c for c in token.children if c.dep_ in ("prt", "neg")]
    return sorted(words, key=lambda t: t.i)


def _same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[low:high])


def _frame_of(token: Token, inside_quote: list[bool]) -> tuple[str, Token] | None:
    """The strongest frame ``token`` appears in, with the head of its content."""
    children = list(token.children)
    clauses = [c for c in children if c.dep_ == "ccomp" and _same_paragraph(token, c)]
    if clauses:
        # A clause in quote marks first ('"...," she said, adding that ...'), the first of two
        # ('"A," he said, "B."': B continues A), else the nearest.
        clauses.sort(
            key=lambda c: (not inside_quote[c.idx], c.i if inside_quote[c.idx] else abs(c.i - token.i))
        )
        return "ccomp", clauses[0]
    if _parenthetical(token, children) and not inside_quote[token.head.idx]:
        return "parataxis", token.head  # "The goal, he said, is a truce": the clause around it
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text == ":" and token.pos_ in ("VERB", "AUX", "NOUN"):
        return "colon", nxt
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in PREPOSITIONS and not _adjunct(token, child, obj):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return f"prep_{child.lower_}", objects[0]
    for child in children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return ("raising" if _raises(token) else "xcomp"), child
    if token.lemma_.lower() in RAISING_VERBS:
        for child in children:
            if child.dep_ in ("acomp", "attr", "oprd") and child.i > token.i:
                return "raising", child  # "the team appeared paralyzed": an impression given
    for child in children:
        if child.dep_ == "dobj":
            return "dobj", child
    return None


def _parenthetical(verb: Token, children: list[Token]) -> bool:
    """'The goal, he said, is a truce': a speech verb with its subject set off by commas
    inside the clause it reports (the parser hangs it on that clause as parataxis)."""
    if verb.dep_ != "parataxis" or verb.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "nsubj" for c in children):
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in children):
        return False
    words = [t.i for t in verb.subtree if not t.is_punct]
    before = verb.doc[min(words) - 1] if min(words) > 0 else None
    return before is not None and before.text in (",", "—", "–", "-")


def _adjunct(verb: Token, prep: Token, obj: Token | None) -> bool:
    """A phrase that says when, or stands before the verb ("On Friday, X endorsed Y"), or
    follows its object ("endorsed Y for president"), is no complement: the object is."""
    if obj is None:
        return False
    if prep.i > obj.i and prep.lower_ in CHARGE_PREPOSITIONS and _a_person(obj):
        return False  # "accused him of siding with ...", "warned her about ...": the charge
    return prep.i < verb.i or prep.i > obj.i or _when(prep)


# Prepositions that, after a person as object, carry what is said of them.
CHARGE_PREPOSITIONS = frozenset({"of", "about"})


def _a_person(token: Token) -> bool:
    return token.tag_ == "PRP" or token.ent_type_ == "PERSON"


def _noun_frame(noun: Token) -> tuple[str, Token] | None:
    """A noun with a that-clause or a prepositional complement: "his insistence that ...",
    "the claim that ...", "a call for ...", "warnings about ...". The lexicon decides which
    nouns report anything ("the fact that" does not)."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and child.i > noun.i:
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in COMPLEMENTISERS]
            subjects = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
            if marks and subjects:
                return "noun_that", child
        if child.dep_ == "prep" and child.lower_ in ("for", "about", "of", "against", "on", "to"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects and child.i == noun.i + 1:
                return f"noun_{child.lower_}", objects[0]
    return None


def _raises(verb: Token) -> bool:
    """'X seems to ...', 'X is expected to ...': the subject belongs to the content."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    lemma = verb.lemma_.lower()
    return lemma in RAISING_VERBS or (passive and lemma in SAYING_PASSIVES)


def _raised_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _within_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Clip a content to the paragraph of its head word (quotes join paragraphs, not parses)."""
    before = text.rfind("\n", start, anchor)
    after = text.find("\n", anchor, end)
    return (before + 1 if before >= 0 else start), (after if after >= 0 else end)


def _complements_end(verb: Token, obj: Token) -> int:
    """Where the verb's complements after the object end ("called X a liar", "named X as Y")."""
    end = 0
    for child in verb.children:
        if child.i > obj.i and child.dep_ in ("prep", "oprd", "attr", "dative"):
            if child.dep_ == "prep" and (
                obj.head is child or (child.lower_ not in COMPLEMENT_PREPOSITIONS and _when(child))
            ):
                continue  # "during a speech", "on Monday": when, not what
            last = max(child.subtree, key=lambda t: t.i)
            end = max(end, last.idx + len(last))
    return end


def _when(prep: Token) -> bool:
    """A prepositional phrase that says when or on which occasion ("on Monday", "during a
    speech", "at a rally"), not what was said."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return True
    occasion = prep.lower_ in ("during", "at", "after", "before", "in")
    return occasion or pobj.ent_type_ in ("DATE", "TIME")


def _colon_content(doc: Doc, colon: Token) -> tuple[int, int]:
    sent_end = colon.sent.end
    words = [t for t in doc[colon.i + 1 : sent_end]]
    if not words:
        return colon.idx + 1, colon.idx + 1
    return token_span(words)


def source_start(subj: Token) -> int:
    """Where a subject's words begin (its left edge)."""
    return subj.left_edge.idx


def _according(token: Token, text: str) -> Candidate | None:
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
    start, end = trim(text, *token_span(side))
    anchor = next((t.i for t in side if not t.is_punct), side[0].i)
    return Candidate(token.idx, to.idx + len(to), "according to", "according", start, end, anchor, token.i)


def candidates(doc: Doc, inside_quote: list[bool]) -> list[Candidate]:
    """Every token in a frame that could introduce content (the lexicon filters later)."""
    text = doc_text(doc)  # once per document: Doc.text rebuilds the string on every access
    found: list[Candidate] = []
    for token in doc:
        if token.is_punct or token.is_space:
            continue
        if token.lower_ == "according":
            cand = _according(token, text)
            if cand:
                found.append(cand)
            continue
        if token.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        framed = _frame_of(token, inside_quote)
        if token.pos_ == "NOUN" and (framed is None or framed[0] != "colon"):
            framed = _noun_frame(token)
        if framed is None:
            continue
        frame, head = framed
        if frame == "colon":
            start, end = _colon_content(doc, head)
            anchor = min(head.i + 1, len(doc) - 1)
        else:
            cue_ids = {t.i for t in _cue_words(token)}
            start, end = subtree_span(head, cue_ids)
            raised = _raised_subject(token) if frame == "raising" else None
            if raised is not None and raised.i < token.i:
                start = min(start, source_start(raised))
            if frame == "dobj" or frame.startswith("prep_"):
                end = max(end, _complements_end(token, head))
            anchor = head.i
        start, end = trim(text, *_within_paragraph(text, start, end, doc[anchor].idx))
        if end <= start:
            continue
        if inside_quote[token.idx]:
            frame += "_inq"
        words = _cue_words(token)
        cue_start, cue_end = token_span(words)
        base = frame.removesuffix("_inq")
        if base.startswith(("prep_", "noun_")) and base != "noun_that":
            word = base.split("_")[1]
            prep = next(c for c in token.children if c.dep_ == "prep" and c.lower_ == word)
            if prep.i == token.i + 1:
                cue_end = prep.idx + len(prep)  # "called for", "warned of", "a call for"
        found.append(Candidate(cue_start, cue_end, token.lemma_.lower(), frame, start, end, anchor, token.i))
    return found

"""Quotes stage: every statement in an article, as cue -> content -> source mention.

The steps are separate and separately scored:

1. ``marks``: pair quotation marks into quoted stretches (apostrophes, British style, quotes
   running over paragraphs);
2. ``content``: find reporting words in syntactic frames (verbs with clauses, objects and
   prepositions; nouns with that-clauses: "his claim that"; raising verbs with their subject:
   "prices seem to rise") and the content each frame gives; the ``cues`` lexicon (general
   speech verbs plus statistics mined from an annotated corpus) says how far to trust each
   (word, frame), and the ``model`` (a small logistic model over parse features, trained on
   the same corpus) decides which candidates are statements; the lexicon vetoes words that
   rarely report anything, refusals ("won't comment on") and nouns nobody owns say nothing;
3. join the two: a frame whose content lies inside a quote makes a *direct* quote of the whole
   quoted stretch; a reported clause containing quoted words is *partial*; a clause without
   marks is *indirect*; a quote with no frame may still be attributed by a reporting verb
   right before or after it ("X said, '...'", "'...,' X added"), by a free speech verb of its
   sentence, by a colon ("Ms X: '...'"); "A," said X, "B." is one span over a short gap and
   two statements with one cue over a long description; reported speech ending in quoted
   words goes on past its tag the same way; quotes with only marks between are one; a
   sentence-like quote with no cue continues the current speaker (or the person the sentence
   leading into it is about); a bare tag ("'...,' Ms X fumed.") makes any verb a cue; a line
   that is a name, a colon and a quote is a headline's quote, title case and all; narration set
   off by punctuation before a tagged quote, and a conjoined clause after a quote ("..., and
   shared a link"), are the writer's; other quotes (scare quotes, titles) are not statements;
4. ``source``: the mention of who speaks (subject of the cue, object of "according to", the
   owner of a noun cue, or the subject its possessive pronoun stands for: "X repeated his
   claim"; a relative pronoun's mention runs from its noun: "Ms X, who"; the pronoun of a free
   relative, "X attacked what he called ...", is X; an act such as a resolution speaks for
   whoever issued it). Questions put to someone ("was asked whether", "Asked if ...") are not
   their statements; a position held ("the party's support for X") is not a speech act.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from onrecord.parse import doc_text
from onrecord.models import Quote, QuoteKind, Removed, Span, Speaker
from onrecord.quotes.content import Candidate, candidates
from onrecord.quotes.cues import SEED, cue_precision, mined
from onrecord.quotes.marks import Quoted, find_quoted
from onrecord.quotes.model import features, probability
from onrecord.quotes.source import (
    according_source,
    noun_source,
    source_span,
    speaker_head,
    speaker_type,
    subject,
)

__all__ = ["extract_quotes"]

# Lowest estimated precision at which a (word, frame) makes a statement on its own.
INDIRECT_THRESHOLD = 0.22
# A frame pointing into quoted words is strong evidence; trust it from a lower precision.
DIRECT_THRESHOLD = 0.3
# Below this lexicon precision a (word, frame) is not a cue whatever the model says (twice
# this for words that are not known speech verbs: they need more evidence).
LEXICON_VETO = 0.05
# How far (characters) a reporting verb may stand from the quote it introduces or follows.
NEAR = 3
# An interrupted quote ("A," she said, "B.") is one statement when the gap has at most this
# many words ("said Jo Bloggs, a teacher who has lived here for ten years").
GAP_WORDS = 30
JOIN_RATIO = 1.0


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    kind: QuoteKind
    cue_start: int
    cue_end: int
    cue_token: int
    lemma: str
    frame: str
    confidence: float
    source_token: int | None = None  # the speaker's head when no verb names it ("X: '...'")


def extract_quotes(doc: Doc, removed: Sequence[Removed]) -> list[Quote]:
    """Every statement in ``doc`` outside the ``removed`` spans, in text order."""
    statements = find_statements(doc, removed)
    text = doc_text(doc)  # once: Doc.text joins every token anew on each access
    inside = _inside_mask(len(text), find_quoted(text))
    ordered = sorted(statements, key=lambda s: (s.start, s.end))
    return [_to_quote(doc, text, st, f"q{n}", inside) for n, st in enumerate(ordered, start=1)]


def find_statements(
    doc: Doc,
    removed: Sequence[Removed],
    indirect_threshold: float = INDIRECT_THRESHOLD,
    direct_threshold: float = DIRECT_THRESHOLD,
) -> list[Statement]:
    """The statements with their cue word and frame (the lexicon miner lowers thresholds)."""
    cands, quoted = _framed(doc, removed)
    statements = _from_frames(doc, cands, quoted, indirect_threshold, direct_threshold)
    statements = _attach_quotes(doc, quoted, statements, direct_threshold)
    text = doc_text(doc)
    statements = [_without_own_tag(text, quoted, st) for st in statements]
    return _without_nested_quotes(_dedupe(_join_interrupted(text, statements)))


def _without_nested_quotes(statements: list[Statement]) -> list[Statement]:
    """'accused him of siding with "our enemies"': quoted words whose cue, a verb that is no
    verb of saying, and content both lie inside another statement's content are that
    statement's partial quote, not a statement of their own (a nested "he said", or "his
    support for '...'", stays)."""
    reported = [s for s in statements if s.kind != "direct"]
    return [s for s in statements if not (
        s.kind == "direct" and s.lemma not in SEED and not s.frame.startswith("noun_")
        and any(o.start <= s.cue_start and s.end <= o.end for o in reported))]


def _framed(doc: Doc, removed: Sequence[Removed]) -> tuple[list[Candidate], list[Quoted]]:
    """The cue candidates and the quoted stretches outside removed spans."""

    def is_removed(start: int, end: int) -> bool:
        return any(r.start < end and start < r.end for r in removed)

    text = doc_text(doc)
    quoted = [q for q in find_quoted(text) if not is_removed(q.open_mark, q.end)]
    inside = _inside_mask(len(text), quoted)
    cands = [
        c
        for c in candidates(doc, inside)
        if not c.frame.endswith("_inq")  # a statement inside a quote belongs to that quote
        and not _asks_the_speaker(doc[c.cue_token])
        and not is_removed(c.cue_start, c.cue_end)
        and not is_removed(c.content_start, c.content_end)
    ]
    return cands, quoted


def candidate_statements(doc: Doc, removed: Sequence[Removed]) -> list[Statement]:
    """Every frame's statement before any filtering (what the model is trained on)."""
    cands, quoted = _framed(doc, removed)
    return frame_statements(doc, cands, quoted)


# Frames of quotes that share their cue with another statement of the same speaker.
CONTINUING = ("resumed", "continued", "continued_ahead")
# Frames whose subject is part of the content, not a speaker ("prices seem to be rising").
RAISING_FRAMES = ("raising",)


def _asks_the_speaker(cue: Token) -> bool:
    """'He was asked whether ...', 'Asked if ..., she said': the question is the asker's, and
    its subject is the person asked (the questions stage keeps these)."""
    if cue.lemma_.lower() != "ask":
        return False
    own_subject = any(c.dep_ == "nsubj" for c in cue.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
    return passive or not own_subject


def _inside_mask(length: int, quoted: list[Quoted]) -> list[bool]:
    mask = [False] * (length + 1)
    for q in quoted:
        end = q.close_mark + 1 if q.close_mark is not None else q.end
        for i in range(q.open_mark, end):
            mask[i] = True
    return mask


def _alnum_outside(text: str, start: int, end: int, quote: Quoted) -> int:
    return sum(1 for i in range(start, end) if text[i].isalnum() and not quote.start <= i < quote.end)


def _from_frames(
    doc: Doc,
    cands: list[Candidate],
    quoted: list[Quoted],
    indirect_threshold: float,
    direct_threshold: float,
) -> list[Statement]:
    """Statements whose cue has a frame and that the model (or the lexicon) trusts enough."""
    found: list[Statement] = []
    for st in frame_statements(doc, cands, quoted):
        rated = rate(doc, st)
        threshold = direct_threshold if st.kind == "direct" else indirect_threshold
        if rated >= threshold:
            found.append(replace(st, confidence=rated))
    return found


def frame_statements(doc: Doc, cands: list[Candidate], quoted: list[Quoted]) -> list[Statement]:
    """Every frame's statement, unfiltered: direct when the content is a quote, else reported
    (partial when quoted words are in it), with the lexicon's precision as confidence."""
    text = doc_text(doc)
    found: list[Statement] = []
    for cand in cands:
        precision = cue_precision(cand.lemma, cand.frame)
        anchor = doc[cand.anchor].idx
        home = next((q for q in quoted if q.start <= anchor < q.end), None)
        if cand.frame == "colon":
            home = next((q for q in quoted if 0 <= q.open_mark - cand.content_start < NEAR), home)
        cue_in_home = home is not None and home.open_mark <= cand.cue_start <= home.end
        if home is not None and not cue_in_home:
            outside = _alnum_outside(text, cand.content_start, cand.content_end, home)
            if outside == 0 or _lead_before_tagged_quote(text, cand, home):
                found.append(_statement(home.start, _quote_end(text, home), "direct", cand, precision))
                continue
        start, end = cand.content_start, cand.content_end
        overlapping = [q for q in quoted if q.start < end and start < q.end]
        for q in overlapping:  # never cut a quote in two: take all of it
            end = max(end, q.close_mark + 1 if q.close_mark is not None else q.end)
            start = min(start, q.open_mark)
        last = overlapping[-1] if overlapping else None
        if last is not None and _lead_before_tagged_quote(text, replace(cand, content_start=start, content_end=end), last):
            # "He praised her 'faith' - 'a faith that works,' he said": the last quote alone
            found.append(_statement(last.start, _quote_end(text, last), "direct", cand, precision))
            continue
        first = overlapping[0] if overlapping else None
        if first is not None and _narration_goes_on(text, cand, start, end, first):
            # 'She wrote, "It is time," and shared a link': the conjoined clause is the writer's
            found.append(_statement(first.start, _quote_end(text, first), "direct", cand, precision))
            continue
        kind: QuoteKind = "partial" if overlapping else "indirect"
        found.append(_statement(start, end, kind, cand, precision))
    return found


# Conjunctions that open the writer's next clause after a quoted statement.
NARRATION_GOES_ON = ("and ", "but ")


def _narration_goes_on(text: str, cand: Candidate, start: int, end: int, quote: Quoted) -> bool:
    """A content that is a quote and then a conjoined clause of the narration ('X said, "A,"
    but in fact ...'): the cue comes before the quote, which opens the content."""
    if quote.close_mark is None or start < quote.open_mark or cand.cue_end > quote.open_mark:
        return False
    rest = text[quote.close_mark + 1 : end].lstrip(" ,")
    return rest.startswith(NARRATION_GOES_ON)


# Punctuation that ends the narration leading into a quote ("As for his rivals, '...,' she
# said"; "He was blunt - '...,' he said"; "It had lost its way: '...,' he said").
LEAD_PUNCT = ",:;—–-"


def _lead_before_tagged_quote(text: str, cand: Candidate, home: Quoted) -> bool:
    """The frame's clause takes in the narration before a quote whose tag follows it. The
    narration, set off by punctuation, is the writer's: the statement is the quote alone."""
    if home.close_mark is None or cand.cue_start < home.close_mark:
        return False
    if cand.content_start >= home.open_mark or cand.content_end > home.close_mark + 1:
        return False
    return text[cand.content_start : home.open_mark].rstrip()[-1:] in LEAD_PUNCT


def _declines(cue: Token, frame: str) -> bool:
    """'won't comment on X', 'did not discuss X': a refusal names a topic, says nothing of it
    (a negated clause still says something: "did not say that ...")."""
    negated = any(c.dep_ == "neg" for c in cue.children)
    return negated and (frame.startswith("prep_") or frame == "dobj")


# Nouns that name where someone stands, not something they said ("the party's support for
# the alliance"): a statement only with a that-clause or quoted words of their own.
POSITION_NOUNS = frozenset("support backing opposition".split())


def _holds_a_position(noun: Token, st: Statement) -> bool:
    """'The party's support for the alliance is at odds with ...': an owner's stance, named
    by a noun with a prepositional phrase, is a position held, not a speech act."""
    if not st.frame.startswith("noun_") or st.frame == "noun_that" or st.kind != "indirect":
        return False
    owned = any(c.dep_ == "poss" for c in noun.children)
    return owned and noun.lemma_.lower() in POSITION_NOUNS


def statement_features(doc: Doc, st: Statement) -> list[str]:
    return features(doc, st.cue_token, st.lemma, st.frame, st.kind, st.start, st.end)


def rate(doc: Doc, st: Statement) -> float:
    """The model's probability that this is a statement; the lexicon's precision without one."""
    if st.confidence < (LEXICON_VETO if st.lemma in SEED else 2 * LEXICON_VETO):
        return st.confidence  # a word that rarely reports anything ("watched a film")
    if _declines(doc[st.cue_token], st.frame):
        return 0.0
    if st.frame.startswith("noun_") and noun_source(doc[st.cue_token]) is None:
        return 0.0  # "a call for calm" with nobody's call: a noun alone reports no one
    if _holds_a_position(doc[st.cue_token], st):
        return 0.0
    chance = probability(statement_features(doc, st))
    return st.confidence if chance is None else chance


def _quote_end(text: str, quote: Quoted) -> int:
    end = quote.end
    while end > quote.start and text[end - 1] in ", ":
        end -= 1  # the comma before "she said" is the sentence's, not the speaker's
    return end


def _statement(start: int, end: int, kind: QuoteKind, cand: Candidate, confidence: float) -> Statement:
    return Statement(
        start, end, kind, cand.cue_start, cand.cue_end, cand.cue_token, cand.lemma, cand.frame, confidence
    )


def _attach_quotes(
    doc: Doc, quoted: list[Quoted], found: list[Statement], direct_threshold: float
) -> list[Statement]:
    """Give every quote without a frame its statement, in text order.

    A quote is attributed by a speech verb right after it ("'...,' X added") or right before
    it ("X said, '...'", "X said: '...'"); it continues the previous statement when only that
    statement's cue stands between them ("'A,' she said. 'B.'") or when it opens the next
    paragraph (one speaker's long quote, paragraph after paragraph). Otherwise it is a scare
    quote or a title and no statement.
    """
    text = doc_text(doc)
    direct = sorted((s for s in found if s.kind == "direct"), key=lambda s: s.start)
    others = [s for s in found if s.kind != "direct"]
    out: list[Statement] = []
    pending = list(direct)
    for q in quoted:
        while pending and pending[0].start <= q.start:
            out.append(pending.pop(0))
        if out and out[-1].start <= q.start < out[-1].end:
            continue  # already a statement's content
        if any(o.start <= q.open_mark and q.end <= o.end for o in others):
            continue  # quoted words inside reported speech: a partial quote, already found
        partial = next((o for o in others if o.kind == "partial" and o.end <= q.open_mark
                        and _ends_quoted(text, o) and _interrupts(doc, text, o, q)), None)
        if partial is not None and _join_over_gap(text, partial, q):
            # 'Whatever comes, "A," says X. "B."': the quote goes on past its tag
            others[others.index(partial)] = replace(partial, end=_quote_end(text, q))
            continue
        last = out[-1] if out else None
        if last is not None and last.kind == "direct" and _adjacent(text, last.end, q.open_mark):
            out[-1] = replace(last, end=_quote_end(text, q))  # '"A," "B."': one run of words
            continue
        if last is not None and _interrupts(doc, text, last, q):
            if _join_over_gap(text, last, q):
                out[-1] = replace(last, end=_quote_end(text, q))
            else:  # a long description between: two statements with one cue
                out.append(replace(last, start=q.start, end=_quote_end(text, q), frame="resumed"))
            continue
        verb = _verb_after(doc, text, q) or _verb_before(doc, q)
        if verb is not None:
            token, frame = verb
            precision = cue_precision(token.lemma_.lower(), frame)
            if frame == "quote_after" and _bare_tag(doc, text, q, token):
                precision = max(precision, TAG_PRIOR)
            if precision >= direct_threshold:
                out.append(
                    Statement(
                        q.start, _quote_end(text, q), "direct", token.idx, token.idx + len(token),
                        token.i, token.lemma_.lower(), frame, precision,
                    )
                )
                continue
        if last is not None and last.kind == "direct" and _next_paragraph(text, last.end, q.open_mark):
            out.append(
                replace(last, start=q.start, end=_quote_end(text, q), frame="continued",
                        confidence=last.confidence * 0.8)
            )
            continue
        headline = _headline_quote(doc, text, q)
        if headline is not None:
            out.append(headline)
            continue
        if not _sentence_like(doc, q):
            continue  # a title, a slogan or a scare quote: no statement without a cue
        # A verb already introducing a quote is taken; one with only a reported frame is not
        # ("adding of the mayor, '...'": the quote is what was added).
        used = {st.cue_token for st in out + pending}
        introduced = _introduced_by_colon(doc, text, q) or _verb_nearby(doc, text, q, direct_threshold, used)
        before = [st for st in out + others if st.end <= q.open_mark]
        current = max(before, key=lambda st: st.end) if before else None
        if introduced is not None:
            out.append(introduced)
        elif current is not None and _same_or_next_paragraph(text, current.end, q.open_mark):
            # Running quoted speech with no cue of its own continues the current speaker, or
            # the person the sentence leading into it is about ("The pastor recalled it. '...'").
            continued = replace(current, start=q.start, end=_quote_end(text, q), kind="direct",
                                frame="continued", confidence=current.confidence * 0.6)
            lead = _lead_in(doc, text, q)
            if lead is not None:
                verb, who = lead
                continued = replace(continued, cue_start=verb.idx, cue_end=verb.idx + len(verb),
                                    cue_token=verb.i, lemma=verb.lemma_.lower(), source_token=who.i)
            out.append(continued)
    out.extend(pending)
    return _speaker_ahead(text, out) + others


def _lead_in(doc: Doc, text: str, q: Quoted) -> tuple[Token, Token] | None:
    """The verb and the person-like subject of the sentence right before a quote that opens
    inside a paragraph: the one the narration is about is the one who goes on speaking."""
    before = text[: q.open_mark].rstrip(" \t")
    if not before or before.endswith("\n"):
        return None
    token = _token_at(doc, len(before) - 1)
    if token is None:
        return None
    verb = token.sent.root
    who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if who is None or who.i > token.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    person_like = who.lower_ in PERSON_WORDS or who.ent_type_ == "PERSON" or (
        who.pos_ == "PROPN" and who.ent_type_ in ("", "ORG")
    )
    return (verb, who) if person_like else None


# Subjects that stand for a person ("He went on.", "They wrote to her.").
PERSON_WORDS = frozenset("he she they i we".split())


def _speaker_ahead(text: str, direct: list[Statement]) -> list[Statement]:
    """'"A." "B," Ms X said.': a quote continued from an earlier speaker is given to the next
    quote's speaker instead when that quote follows in the same paragraph with a cue of its own."""
    ordered = sorted(direct, key=lambda s: s.start)
    out = list(ordered)
    for n, st in enumerate(ordered[:-1]):
        nxt = ordered[n + 1]
        if st.frame != "continued" or nxt.frame not in ("quote", "quote_after", "ccomp"):
            continue
        if "\n" in text[st.end : nxt.start] or nxt.cue_start < st.end:
            continue
        out[n] = replace(st, cue_start=nxt.cue_start, cue_end=nxt.cue_end, cue_token=nxt.cue_token,
                         lemma=nxt.lemma, frame="continued_ahead", confidence=nxt.confidence * 0.8)
    return out


def _interrupts(doc: Doc, text: str, last: Statement, q: Quoted) -> bool:
    """Only the previous statement's cue clause stands between it and this quote.

    ("A," she said. "B."  /  "A," said Jo Bloggs, a teacher who lives here, "B.") The gap may
    hold the speaker's description, but no other verb of its own.
    """
    gap = text[last.end : q.open_mark]
    if not (last.kind in ("direct", "partial")
            and last.end <= last.cue_start and last.cue_end <= q.open_mark):
        return False
    if "\n" in gap or len(gap.split()) > GAP_WORDS:
        return False
    if gap.rstrip()[-1:] not in ",.;:—–-":
        return False  # 'told CNN’s “State of the Union”': a title after the cue, not more
    cue = doc[last.cue_token]
    clause = {t.i for t in cue.subtree}
    for child in cue.children:
        if child.dep_ == "ccomp":
            clause -= {t.i for t in child.subtree}
    speaker = subject(cue) or _inverted_subject(cue)
    if speaker is not None:
        clause |= {t.i for t in speaker.subtree}
    described = {t.i for t in speaker.subtree} if speaker is not None else set()
    span = doc.char_span(last.end, q.open_mark, alignment_mode="expand")
    words = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
    other_verb = any(
        t.pos_ == "VERB" and t.i != cue.i and t.i not in described and _own_clause(t) for t in words
    )  # "..., she said, adding that ..." and "..., he said, and she cut in" end the quote
    return not other_verb and all(t.i in clause for t in words)


def _adjacent(text: str, end: int, open_mark: int) -> bool:
    """Only marks and spaces between two quotes in one paragraph (no words, no new line)."""
    gap = text[end:open_mark]
    return end <= open_mark and "\n" not in gap and not any(c.isalnum() for c in gap)


def _ends_quoted(text: str, st: Statement) -> bool:
    """Reported speech that ends with quoted words ('..., "A,"'), so a tag may follow it."""
    return text[: st.end].rstrip(" ,")[-1:] in CLOSING_MARKS


# Marks that close a quote.
CLOSING_MARKS = "\"'”’»"


def _own_clause(verb: Token) -> bool:
    """A verb that starts a clause of its own ("and she cut in", "adding that ..."), not one
    that describes the scene ("looking away", "after a debate which was televised")."""
    if verb.dep_ in ("conj", "ROOT", "parataxis"):
        return True
    return verb.lemma_.lower() in SEED or any(c.dep_ == "ccomp" for c in verb.children)


def _alnum(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _join_over_gap(text: str, last: Statement, q: Quoted) -> bool:
    """One span over "A," said X, "B." only when the words between are few next to the quoted
    ones: a long description of the speaker would make the span mostly narration."""
    gap = _alnum(text, last.end, q.open_mark)
    return gap <= (_alnum(text, last.start, last.end) + _alnum(text, q.start, q.end)) * JOIN_RATIO


# Words a quoted stretch needs to read as something said rather than a name or a title.
SENTENCE_WORDS = 4


def _sentence_like(doc: Doc, q: Quoted) -> bool:
    """Quoted words that make a clause of their own: several words, a verb, not a title."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    if len(words) < SENTENCE_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised < 0.6 * len(words)  # 'Make Our Town Great Again' is a title


def _headline_quote(doc: Doc, text: str, q: Quoted) -> Statement | None:
    """'Mayor Ito: ‘We Will Rebuild The Bridge’': a line that opens with a name and a colon
    and goes on with a quote is that person's words, title case and all (headlines)."""
    line_start = text.rfind("\n", 0, q.open_mark) + 1
    lead = text[line_start : q.open_mark].rstrip()
    if not lead.endswith(":") or len(lead.split()) > 5 or q.close_mark is None:
        return None
    if text[q.close_mark + 1 :].split("\n", 1)[0].strip(" .!?"):
        return None  # the line goes on after the quote: not a headline's quote
    said = _introduced_by_colon(doc, text, q)
    if said is None or said.frame != "colon_noun" or len(text[q.start : q.end].split()) < 3:
        return None
    who = doc[said.source_token] if said.source_token is not None else None
    if who is None or (who.pos_ != "PROPN" and speaker_type(speaker_head(who)) == "unknown"):
        return None  # 'Reading list: "The Long Road"': a title after a label, said by no one
    return replace(said, frame="colon_headline")


def _introduced_by_colon(doc: Doc, text: str, q: Quoted) -> Statement | None:
    """'He gave his answer in an interview: "..."' / 'Ms X: "..."' (no reporting verb)."""
    mark = _token_at(doc, q.open_mark)
    if mark is None:
        return None
    before = [t for t in doc[max(mark.i - 40, 0) : mark.i] if not t.is_space]
    if not before or before[-1].text != ":" or "\n" in text[before[-1].idx : q.open_mark]:
        return None
    colon = before[-1]
    clause = [t for t in colon.sent if t.i < colon.i and not t.is_space]
    if not clause:
        return None
    end = _quote_end(text, q)
    verbs = [t for t in clause if t.pos_ == "VERB"]
    if verbs:
        verb = verbs[-1]
        return Statement(q.start, end, "direct", verb.idx, verb.idx + len(verb), verb.i,
                         verb.lemma_.lower(), "colon_clause", 0.5)
    heads = [t for t in clause if t.head.i == t.i or t.head.i >= colon.i or t.head.i < clause[0].i]
    nouns = [t for t in heads if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns:
        return None
    return Statement(q.start, end, "direct", colon.idx, colon.idx + 1, colon.i, ":", "colon_noun",
                     0.5, source_token=nouns[0].i)


def _verb_nearby(doc: Doc, text: str, q: Quoted, threshold: float, used: set[int]) -> Statement | None:
    """A speech verb with a subject in the quote's own sentence, not next to the marks
    ("'...' was how Ms X, the mayor, put it when she said so")"""
    first, last = _token_at(doc, q.open_mark), _token_at(doc, max(q.end - 1, q.start))
    if first is None or last is None:
        return None
    sentences = {first.sent.start: first.sent, last.sent.start: last.sent}
    for sent in sentences.values():
        for token in sent:
            if q.open_mark <= token.idx <= q.end or token.pos_ != "VERB" or token.i in used:
                continue
            speaker = subject(token) or _inverted_subject(token)
            if speaker is None or q.open_mark <= speaker.idx <= q.end:
                continue
            frame = "quote_after" if token.idx > q.end else "quote"
            precision = cue_precision(token.lemma_.lower(), frame)
            if token.lemma_.lower() in SEED and precision >= threshold:
                end = _quote_end(text, q)
                return Statement(q.start, end, "direct", token.idx, token.idx + len(token), token.i,
                                 token.lemma_.lower(), "quote_near", precision * 0.8)
    return None


def _same_or_next_paragraph(text: str, end: int, open_mark: int) -> bool:
    """No whole paragraph stands between a statement's end and this quote."""
    return text[end:open_mark].count("\n") == 0 or _next_paragraph(text, end, open_mark) or (
        not [p for p in text[end:open_mark].split("\n")[1:-1] if p.strip()]
    )


def _next_paragraph(text: str, end: int, open_mark: int) -> bool:
    """The quote opens the paragraph right after the one where the statement ended."""
    gap = text[end:open_mark]
    if gap.count("\n") == 0 or text[gap.rfind("\n") + end + 1 : open_mark].strip():
        return False
    paragraphs_between = [p for p in gap.split("\n")[1:-1] if p.strip()]
    return not paragraphs_between and not any(c.isalnum() for c in gap.split("\n")[0][1:])


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _verb_after(doc: Doc, text: str, q: Quoted) -> tuple[Token, str] | None:
    """'...,' Mr X added. / '...,' added Mr X."""
    if q.close_mark is None:
        return None
    mark = _token_at(doc, q.close_mark)
    if mark is None:
        return None
    inner = text[q.start : q.end].rstrip()
    after = text[q.close_mark + 1 : q.close_mark + 3].lstrip(" '")
    if not (
        inner.endswith((",", "?", "!", "—", "-"))
        or after.startswith((",", "—"))
        or (inner.endswith(".") and _only_attribution_after(doc, mark))
    ):
        return None  # '...' said X needs the quote's own comma: "'...' before saying" does not
    for token in doc[mark.i + 1 : mark.i + 8]:
        if token.text in ("“", "‘", '"', "''") or "\n" in token.text:
            break
        if token.pos_ != "VERB":
            continue
        speaker = subject(token) or _inverted_subject(token)
        introduces_next = INTRODUCES.match(text, token.idx + len(token)) is not None
        if introduces_next and not inner.endswith(","):
            # '"Why now?" Mills then writes back, "You look cute."': the verb is the next
            # quote's; only a quote broken off at a comma is resumed by its tag.
            return None
        if speaker is not None and speaker.i > mark.i:
            return token, "quote_after"
        break  # the first verb after the quote is the cue or there is none
    return None


# A verb that goes straight on into a quote of its own ("writes back, “...", "said: '...").
INTRODUCES = re.compile(r"(?:\s+\w+){0,2}\s*[,:]\s*[“‘\"']")


# How much to trust any verb the lexicon has not seen in a bare tag ("'...,' Ms X fumed.").
TAG_PRIOR = 0.5


def _bare_tag(doc: Doc, text: str, q: Quoted, verb: Token) -> bool:
    """'"...," Ms X fumed on Tuesday.': a quote ending in its own comma, followed by nothing
    but a subject and a verb (and when) up to the full stop. The shape says who speaks, so a
    verb the lexicon has not counted ("fumed", "quipped") is a cue in it."""
    if (verb.lemma_.lower(), "quote_after") in mined() or q.close_mark is None:
        return False
    if not text[q.start : q.end].rstrip().endswith((",", "?", "!")):
        return False
    mark = _token_at(doc, q.close_mark)
    if mark is None:
        return False
    rest = []
    for token in doc[mark.i + 1 : mark.i + 9]:
        if token.text == "." or "\n" in token.text:
            break
        rest.append(token)
    else:
        return False
    return 2 <= len(rest) <= 6 and verb in rest and not any(t.is_punct for t in rest)


def _only_attribution_after(doc: Doc, mark: Token) -> bool:
    """'"...." Ms X said.': a short sentence after the quote that is nothing but its tag."""
    rest = []
    for token in doc[mark.i + 1 : mark.i + 8]:
        if token.text in (".", "\n") or "\n" in token.text:
            break
        rest.append(token)
    else:
        return False
    return 2 <= len(rest) <= 5 and any(t.lemma_.lower() in SEED and t.pos_ == "VERB" for t in rest)


def _inverted_subject(token: Token) -> Token | None:
    """'...,' says Mr X: the name after the verb, whatever the parser called it."""
    after = [c for c in token.children if c.i > token.i and c.pos_ in ("PROPN", "NOUN", "PRON")]
    return after[0] if after and after[0].i <= token.i + 4 else None


def _verb_before(doc: Doc, q: Quoted) -> tuple[Token, str] | None:
    """X said, '...' / X went on: '...' / X released a statement:\n\n'...'."""
    mark = _token_at(doc, q.open_mark)
    if mark is None:
        return None
    before = [t for t in doc[max(mark.i - 40, 0) : mark.i] if not t.is_space]
    if len(before) < 2 or before[-1].text not in (",", ":"):
        return None
    punct, token = before[-1], before[-2]
    if token.dep_ == "prt":
        token = token.head  # "went on:"
    if token.pos_ == "VERB" and subject(token) is not None:
        return token, "quote"
    if punct.text == ":":
        # The clause before the colon introduces the quote: its main verb is the cue.
        clause = [t for t in punct.sent if t.i < punct.i]
        verbs = [t for t in clause if t.pos_ == "VERB" and subject(t) is not None]
        if verbs:
            return verbs[-1], "colon_clause"
    return None


def _without_own_tag(text: str, quoted: list[Quoted], st: Statement) -> Statement:
    """'"Look what they have done," he said of the plan to ...': a statement that opens with a
    quote and runs on past the quote's close, over its own cue, into narration is the quote
    alone (the tag and what follows it are the writer's words)."""
    first = next((q for q in quoted if st.start in (q.start, q.open_mark)
                  and q.close_mark is not None), None)
    if first is None or first.close_mark is None or st.end <= first.close_mark + 1:
        return st
    if st.cue_start < first.close_mark:
        return st  # the cue comes first: "He said: '...' and more"
    if any(first.close_mark < q.open_mark < st.end for q in quoted):
        return st  # more quoted words after the tag: an interrupted quote, one statement
    if not any(c.isalnum() for c in text[first.close_mark : st.end]):
        return st
    return replace(st, start=first.start, end=_quote_end(text, first), kind="direct")


def _join_interrupted(text: str, statements: list[Statement]) -> list[Statement]:
    """'"If you look at it," Rubio said, "I don't believe it."': the quote before its tag and
    the quote its verb then introduces are one interrupted quote, content from its first word
    to its last (the tag between is short next to the quoted words)."""
    direct = sorted((s for s in statements if s.kind == "direct"), key=lambda s: s.start)
    merged: dict[int, Statement] = {}
    dropped: set[int] = set()
    for n, first in enumerate(direct):
        for second in direct[n + 1 :]:
            if second.cue_token != first.cue_token or second.frame in CONTINUING or not (
                    first.end <= first.cue_start and second.start >= first.cue_end):
                continue
            # The first half breaks off at a comma ("If you look at it,") and the tag runs
            # straight into the second half ("Rubio said, "I ..."): nothing else between.
            broken_off = text[first.end : first.end + 1] == ","
            tag_rest = text[first.cue_end : second.start]
            straight_on = len(re.findall(r"\w+", tag_rest)) <= 8 and not re.search(r"[.!?;]", tag_rest)
            if not (broken_off and straight_on):
                break
            gap = _alnum(text, first.end, second.start)
            quoted = _alnum(text, first.start, first.end) + _alnum(text, second.start, second.end)
            if "\n" not in text[first.end : second.start] and gap <= quoted * JOIN_RATIO:
                merged[id(first)] = replace(first, end=second.end,
                                            confidence=max(first.confidence, second.confidence))
                dropped.add(id(second))
            break
    return [merged.get(id(s), s) for s in statements if id(s) not in dropped]


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """One statement per content span and per cue: keep the most trusted."""
    best: dict[tuple[int, int], Statement] = {}
    for st in statements:
        key = (st.start, st.end)
        if key not in best or st.confidence > best[key].confidence:
            best[key] = st
    by_cue: dict[int, Statement] = {}
    continued = [st for st in best.values() if st.frame in CONTINUING]
    for st in best.values():
        if st.frame in CONTINUING:
            continue  # more quoted words of a statement: its cue serves them all
        other = by_cue.get(st.cue_token)
        if other is None or (st.kind == "direct", st.confidence) > (other.kind == "direct", other.confidence):
            by_cue[st.cue_token] = st
    return list(by_cue.values()) + continued


def _free_relative_owner(cue: Token, head: Token) -> Token:
    """'Mr X attacked what he called a failure': the pronoun in a free relative ("what he
    called", "what they see as") is the subject of the verb that has the relative; the
    mention is that subject (the name the reader sees), when the pronoun can stand for it."""
    if head.lower_ not in PERSON_WORDS or cue.dep_ != "ccomp":
        return head
    opens = next((t for t in cue.subtree), None)
    if opens is None or opens.lower_ != "what":
        return head
    owner = subject(cue.head)
    if owner is None or owner.i > cue.i or not _stands_for(head, owner):
        return head
    return owner


def _stands_for(pronoun: Token, named: Token) -> bool:
    if named.pos_ == "PRON":
        return named.lower_ == pronoun.lower_
    if pronoun.lower_ in ("he", "she"):
        return named.ent_type_ == "PERSON" or named.tag_ == "NNP"
    return pronoun.lower_ == "they" and named.tag_ in ("NNS", "NNPS")


def _to_quote(doc: Doc, text: str, st: Statement, quote_id: str, inside: list[bool]) -> Quote:
    cue_token = doc[st.cue_token]
    if st.source_token is not None:
        head: Token | None = doc[st.source_token]
    else:
        if st.frame == "according":
            head = according_source(cue_token)
        elif st.frame.startswith("noun_") or (st.frame == "colon" and cue_token.pos_ == "NOUN"):
            head = noun_source(cue_token)
        else:
            head = subject(cue_token)
        if head is None and st.frame not in RAISING_FRAMES and st.start < st.cue_start:
            # "'...,' recalled Mr X", also inside a quote joined over its tag ("'A,' said X. 'B.'")
            head = _inverted_subject(cue_token)
    if head is not None:
        head = _free_relative_owner(cue_token, head)
    if st.frame in RAISING_FRAMES:
        head = None  # "the figures appear to be wrong": the text's own judgement, nobody's
    speaker = Speaker(name=None)
    if head is not None:
        start, end = source_span(doc, head)
        # Words inside the quote are never the speaker (an addressee, a name quoted).
        if not inside[start]:
            speaker = Speaker(
                name=None, type=speaker_type(speaker_head(head)), mention=Span.of(text, start, end)
            )
    confidence = st.confidence * (1.0 if speaker.mention else 0.7)
    return Quote(
        id=quote_id,
        kind=st.kind,
        content=Span.of(text, st.start, st.end),
        cue=Span.of(text, st.cue_start, st.cue_end),
        speaker=speaker,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
    )

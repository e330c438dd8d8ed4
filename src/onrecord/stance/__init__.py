"""Stance stage: favor, against or neutral per (statement, topic), and the statement's voice.

Rules over the dependency parse and a lexicon (``data/stance_lexicon.tsv``). From each mention
of a topic we walk up the parse: a stance word whose target the mention is ("close down Nato",
"our commitment to NATO", "it should be scrapped") sets a polarity; evaluations of the topic as
subject ("It is a Cold War product", "the levy is vital") and what the topic does ("set up to
promote a cold war") set one too; an act done to the topic that is itself judged turns with the
judgement ("Scrapping X would be a mistake" is for X); a stance verb recalling a past stretch
("I backed X for years") states no stance now. Higher up, negation, rhetorical "why",
questions ("whether"), frames that reverse ("refused to back"), hedges ("I hope", "will") and
the reporting cue change it.

A topic with no stance word aimed at it goes to a small classifier (``stance.model``: logistic
regression over the statement's words, its frame, negation, the topic's role, word valence and
the rules' own reading, trained on ``data/stance_train.jsonl``), which reads wording the rules
miss ("a luxury we cannot afford", "why should pensioners pay it?"); below CLASSIFIER_MIN
probability, or when the statement's stance words are aimed at another of its topics, the
topic stays neutral. Last, a topic still without a stance takes the one the same speaker takes
toward it on the same occasion where the text carries their words on (same paragraph, the next
one with no one else between, "he added"), unless the classifier was sure of its own reading or
gives that side less than CARRY_MIN.

The frame outside a partial quote counts: a verb conjoined to the topic's verb shares its
subject ("the tariffs had 'done their job' and should be lifted"), a quoted manner belongs to
the verb it modifies ("oppose X 'with every breath'"), an attitude adjective reaches the topic
through its preposition ("sceptical about X"). A clause about the person spoken to ("your heart
is not in this") is their position, read as neutral. Per-document facts (negation scope, word
polarity, sentence bounds) are read once per document.

Sixth pass: words that take no side ("ask me again in six months", "too early to say", "while
the review is carried out"; ``compare.takes_no_side``) and a refusal fragment alone ("to be
drawn") are neutral and settled. "cannot X without Y" and "no X without Y" are for Y; a
clause conjoined after a negated one keeps its own polarity. A reading aimed at a ban
("the moratorium stays") is against what it bans, and a topic named "X ban" is X when the
article names X on its own ("X ban" kept as an alias), so a speaker's record on X is one
timeline. A statement with one topic whose stance word is aimed at a bare definite
description ("called for the industry to be 'shut down'") is read as aimed at that topic.
A subject that is no one negates its verb ("Nobody voted for this"); a "go" that goes
somewhere ("the money will go into school sport") is no departure, "go ahead" is for.
A conditional protest ("would 'take to the streets' if the plan returned") is against what
would set it off, for the topic when its loss would ("march if they scrap the line"). The
freedom-to-choose argument ("people are capable of deciding what to drink") is against a
measure that restricts or charges them. A foretold fate ("X was 'inevitable'", "doomed") and
the good a tax's or charge's money would do ("the money raised would double the budget") take
a side where no stance word is aimed at the topic, and so does a short fragment that is an
attitude adjective ("still deeply 'sceptical'") in a statement with one topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from spacy.tokens import Doc, Span as SpacySpan, Token

from onrecord.compare import takes_no_side
from onrecord.parse import doc_text
from onrecord.models import Quote, Removed, Span, StanceLabel, TopicStance
from onrecord.stance import model
from onrecord.speakers import headline_end
from onrecord.topics import (ACT_NOUNS, ENDING_ACTS, POLICY_NOUNS, REMOVAL_ACTS, Mention,
                             canonical_topic, find_mentions, removes, sentence_bounds,
                             statement_tokens)

NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no", "nobody", "nothing", "neither", "nor"})
QUESTION_MARKS = frozenset({"whether", "if"})
COPULAS = frozenset({"be", "become", "remain", "seem", "look", "prove"})
FOUNDING = frozenset({"set", "found", "establish", "create", "design", "build", "form"})
TARGET_PREPS = frozenset({"of", "to", "for", "in", "on", "against", "from", "with"})
THRESHOLD = 0.15
MIXED_MARGIN = 0.5
# "despite him calling for it to be scrapped": a contrast with the claim, not the claim.
CONCESSIVE = frozenset({"despite", "although", "though", "notwithstanding", "unlike"})
# "It did not happen because X did Y": the main clause's negation does not reach Y.
SUBORDINATORS = frozenset({"because", "as", "when", "since", "after", "before", "while", "until"})


@dataclass(frozen=True)
class Lexicon:
    """Lemma phrases by kind: ``verb``/``erg``/``noun``/``eval``/``effect``/``value``/``flip``/``hedge``."""

    entries: dict[str, dict[str, int]]

    def get(self, kind: str) -> dict[str, int]:
        return self.entries.get(kind, {})


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    entries: dict[str, dict[str, int]] = {}
    text = files("onrecord").joinpath("data/stance_lexicon.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, term, polarity = line.split("\t")
        entries.setdefault(kind, {})[term] = int(polarity)
    return Lexicon(entries)


@dataclass
class Reading:
    """What the walk from one mention found: a signed polarity, its confidence and evidence."""

    sign: int = 0
    confidence: float = 1.0
    evidence: list[int] | None = None
    closed: bool = False  # a question: nothing above can give it a stance
    addressee: list[int] | None = None  # the clause says what the person spoken to thinks


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _particles(token: Token) -> list[Token]:
    """Particles and prepositions that make a phrasal verb ("close down", "pull out of")."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prt", "prep", "dative", "agent"} and child.i > token.i:
            out.append(child)
            out.extend(c for c in child.children if c.dep_ == "prep")
    return out


def _verb_entry(verb: Token, kind: str, via: str | None) -> tuple[int, list[int]] | None:
    """The lexicon entry ``verb`` matches with its particles, longest first, and its tokens."""
    table = load_lexicon().get(kind)
    words = {p.lower_: p.i for p in _particles(verb)}
    for p in _particles(verb):  # "take to task": the noun of a fixed phrase
        words.update({c.lower_: c.i for c in p.children if c.dep_ == "pobj"})
    words.update({c.lower_: c.i for c in verb.children if c.dep_ in {"dobj", "pobj"}})
    for term, polarity in sorted(table.items(), key=lambda kv: -len(kv[0])):
        head, *rest = term.split()
        if head != _lemma(verb):
            continue
        if all(w in words for w in rest):
            if via is not None and via not in rest and via not in {"down", "out", "off", "up"}:
                continue  # the topic hangs off some other preposition: not the target
            return polarity, [verb.i] + [words[w] for w in rest]
    return None


def _has_object(verb: Token, phrase: list[int]) -> bool:
    return any(c.dep_ == "dobj" and c.i not in phrase for c in verb.children)


def _phrase_value(token: Token, kind: str) -> tuple[int, list[int]] | None:
    """Match a noun/adjective phrase (modifiers + head + a following preposition) in ``kind``."""
    table = load_lexicon().get(kind)
    mods = [t for t in token.subtree if t.i < token.i and t.dep_ in {"compound", "amod", "nmod"}]
    for mod in mods:
        # "a painful but necessary step": what comes after "but" is the judgement.
        if any(c.dep_ == "cc" and c.lower_ in {"but", "yet"} for c in mod.children):
            later = [c for c in mod.children if c.dep_ == "conj" and _lemma(c) in table]
            if later:
                return table[_lemma(later[0])], [later[0].i]
    preps = [c for c in token.rights if c.dep_ == "prep"][:1]
    tokens = mods + [token] + preps
    lemmas = [_lemma(t) for t in tokens]
    for size in range(len(tokens), 0, -1):
        for begin in range(0, len(tokens) - size + 1):
            term = " ".join(lemmas[begin : begin + size])
            if term in table:
                matched = tokens[begin : begin + size]
                # "the least costly way", "less damaging": the scale read downwards.
                lowered = any(c.dep_ == "advmod" and c.lower_ in LOWERING
                              and not any(g.lower_ in {"no", "not"} for g in c.children)
                              for t in matched for c in t.children)
                return -table[term] if lowered else table[term], [t.i for t in matched]
    return None


LOWERING = frozenset({"less", "least"})


def _evaluate_predicate(subject: Token, head: Token) -> tuple[int, list[int]] | None:
    """What the clause says about its subject: "X is a relic", "X helps", "X was set up to
    promote a cold war", "X were keen to appease ...", "X has done its job"."""
    served = _served(head)
    if served:
        return -1, served
    found = _phrase_value(head, "eval") if head.pos_ in {"VERB", "ADJ"} else None
    if found:
        return found
    for child in head.children:
        if child.dep_ in {"attr", "acomp", "oprd"}:
            found = _phrase_value(child, "eval")
            if found:
                return found
            for grand in child.children:  # "keen to appease"
                if grand.dep_ == "xcomp":
                    inner = _evaluate_predicate(subject, grand)
                    if inner:
                        return inner
        if child.dep_ == "dobj" and head.pos_ == "VERB":
            effect = load_lexicon().get("effect").get(_lemma(head))
            value = _phrase_value(child, "value")
            if effect and value:
                return effect * value[0], [head.i, *value[1]]
        if child.dep_ in {"xcomp", "advcl"} and (head.lemma_ in FOUNDING or child.dep_ == "xcomp"):
            inner = _evaluate_predicate(subject, child)
            if inner:
                return inner
        if child.dep_ == "prep" and child.lower_ == "in" and head.lemma_ in FOUNDING:
            for order in child.children:  # "founded in order to promote"
                for acl in order.children:
                    if acl.dep_ == "acl":
                        inner = _evaluate_predicate(subject, acl)
                        if inner:
                            return inner
    return None


# "X has done its job", "has served its purpose", "has run its course": in the perfect, a
# measure whose work is over, so it should go.
SERVED = frozenset({("do", "job"), ("do", "work"), ("serve", "purpose"), ("run", "course"),
                    ("outlive", "usefulness"), ("outlive", "purpose")})
PERFECT = frozenset({"have", "has", "had", "'ve", "’ve"})


def _served(verb: Token) -> list[int]:
    """The tokens of "has done its job" on ``verb``, or [] (also when negated: "has not
    done its job" judges, it does not retire)."""
    if verb.pos_ not in {"VERB", "AUX"} or _negated(verb):
        return []
    if not any(c.dep_ == "aux" and c.lower_ in PERFECT for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ == "dobj" and (_lemma(verb), _lemma(child)) in SERVED:
            return [verb.i, child.i]
    return []


def _negated(token: Token) -> list[int]:
    """Negation tokens on ``token`` or its auxiliaries ("don't", "should not", "no support")."""
    out = [c.i for c in token.children if c.lower_ in NEGATIONS and c.dep_ in {"neg", "det", "punct", "advmod"}]
    # "could no longer support": "no" hangs off "longer"
    out += [c.i for c in token.children if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children)]
    for aux in token.children:
        if aux.dep_ in {"aux", "auxpass"}:
            out += [c.i for c in aux.children if c.lower_ in NEGATIONS]
    # "Nobody voted for this", "no council will back it": a subject that is no one.
    for subject in token.children:
        if subject.dep_ in {"nsubj", "nsubjpass"}:
            if subject.lower_ in NO_ONE:
                out.append(subject.i)
            out += [c.i for c in subject.children if c.dep_ == "det" and c.lower_ == "no"]
    return out


NO_ONE = frozenset({"nobody", "nothing", "none", "noone"})


def _is_why(token: Token) -> bool:
    return any(c.lower_ == "why" for c in token.children)


def _hedged(token: Token) -> bool:
    hedges = load_lexicon().get("hedge")
    return any(c.lemma_.lower() in hedges for c in token.children if c.dep_ in {"aux", "advmod", "nsubj"}) or (
        _lemma(token) in hedges
    )


def _fire(reading: Reading, polarity: int, tokens: Sequence[int]) -> None:
    reading.sign = polarity if reading.sign == 0 else reading.sign * polarity
    reading.evidence = (reading.evidence or []) + list(tokens)


def _modify(reading: Reading, node: Token) -> None:
    """Clause-level modifiers at ``node`` once a stance is set."""
    negs = _negated(node)
    if negs:
        reading.sign = -reading.sign
        reading.confidence *= 0.85
        core = reading.evidence or []
        near = [i for i in negs if core and min(abs(i - j) for j in core) <= 3]
        reading.evidence = core + near
    if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in node.children):
        reading.sign = 0  # "asked whether he would scrap it": a question, not a position
        reading.closed = True
        return
    if _is_why(node):
        reading.sign = -reading.sign  # "Why don't we close it?" proposes; "Why keep it?" rejects
    if _hedged(node):
        reading.confidence *= 0.85


def read_mention(mention: Token, allowed: set[int], cue: Token | None) -> Reading:
    """Walk up from one topic mention and read the stance aimed at it."""
    reading = Reading()
    lex = load_lexicon()
    node = mention
    if node.dep_ == "compound" and node.head.i in allowed:
        head = node.head
        if _lemma(head) in lex.get("noun"):
            _fire(reading, lex.get("noun")[_lemma(head)], [head.i])
        node = head  # "the Nato leadership" stands for Nato
    if node.head.i not in allowed and node.dep_ == "dobj":
        # "demanded the scheme 'close down'": the cue's object is the subject of the content.
        for clause in node.head.children:
            if clause.i in allowed and clause.dep_ in {"xcomp", "advcl", "ccomp", "oprd"}:
                _subject_reading(reading, node, clause)
                if reading.sign:
                    _modify(reading, clause)
                    node = clause
                    break
    if node.dep_ in {"nsubj", "nsubjpass"} and node.head.i not in allowed:
        node = _shared_subject(reading, node, allowed)
    via: str | None = None
    steps = 0
    while steps < 12 and not reading.closed:
        steps += 1
        addressee = _about_addressee(node) if node.pos_ in {"VERB", "AUX"} else []
        if addressee:
            # "I feel your heart is not in this": the other's position, not the speaker's.
            reading.sign = 0
            reading.closed = True
            reading.addressee = addressee
            break
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if node.lower_ in CONCESSIVE or marks & CONCESSIVE:
            reading.sign = 0
            break
        if reading.sign and node.dep_ == "advcl" and marks & SUBORDINATORS:
            break
        if node.dep_ in {"acl", "ccomp"} and node.head.pos_ == "NOUN" and "that" in marks:
            reading.sign = 0  # "reports that she urged him to ...": someone else's claim
            break
        head = node.head
        if head.i == node.i or head.i not in allowed:
            if not reading.sign and cue is not None:
                _cue_as_stance(reading, node, cue, via)
                if reading.sign:
                    return reading  # the cue was the stance: it is not also a frame
            break
        dep = node.dep_
        if dep == "poss":
            break  # "the UK's membership": the holder, not the target
        if dep == "pobj" and head.lower_ == "without" and head.head.i in allowed and not reading.sign:
            necessary = _necessary(head)
            if necessary:
                # "cannot reach net zero without it": what nothing works without is needed.
                _fire(reading, 1, necessary)
                node = head.head
                continue
        if dep == "pobj" and head.dep_ in {"prep", "prt", "dative", "agent"}:
            via = head.lower_
            node = head
            continue
        if dep in {"prep", "prt"} and head.dep_ in {"prep", "prt"} and via is not None:
            node = head  # "pull out of X": climb the particle chain, keep the preposition
            continue
        if dep in {"prep", "prt", "dative", "agent"} and via is not None:
            if head.pos_ in {"NOUN", "PROPN"} and via in TARGET_PREPS and _lemma(head) in lex.get("noun"):
                _fire(reading, lex.get("noun")[_lemma(head)], [head.i, node.i])
                _modify_noun(reading, head)
            elif head.pos_ in {"VERB", "AUX"}:
                _target_verb(reading, head, via)
            elif head.pos_ == "ADJ" and f"{_lemma(head)} {via}" in lex.get("attitude"):
                # "sceptical about X", "proud of X", "opposed to X"
                _fire(reading, lex.get("attitude")[f"{_lemma(head)} {via}"], [head.i, node.i])
            via = None
            node = head
            if reading.sign:
                _modify(reading, head)
            continue
        # "ban fracking": a topic word the parser reads as a verb hangs as the verb's xcomp.
        as_object = dep in {"dobj", "nsubjpass"} or (dep == "xcomp" and node.i == mention.i)
        if as_object and head.pos_ in {"VERB", "AUX"}:
            _target_verb(reading, head, None)
        elif dep == "nsubj" and head.pos_ in {"VERB", "AUX", "ADJ"}:
            _subject_reading(reading, node, head)
        elif dep == "csubj" and reading.sign:
            # "Scrapping X would be a mistake": the judgement of the act applies to its reading.
            found = _evaluate_predicate(node, head)
            if found:
                _fire(reading, *found)
        if dep == "nsubjpass" and reading.sign == 0:
            found = _evaluate_predicate(node, head)
            if found:
                _fire(reading, *found)
        if reading.sign and dep != "conj":  # "we cannot X, and so Y is right": Y's own clause
            _modify(reading, head)
            if head.dep_ in {"ccomp", "xcomp"} and _lemma(head.head) in lex.get("flip") and head.head.i in allowed:
                reading.sign = -reading.sign
                reading.confidence *= 0.7
        if head.dep_ == "relcl":
            break
        node = head
    if reading.sign and cue is not None:
        _frame(reading, cue)
    return reading


def _necessary(without: Token) -> list[int]:
    """The tokens of "cannot X without" / "no X without" on the preposition ``without``, or []:
    the negated verb or noun it hangs from says its object is necessary."""
    governor = without.head
    negs = _negated(governor)
    if not negs and governor.pos_ in {"NOUN", "PROPN"}:
        negs = [c.i for c in governor.children if c.dep_ == "det" and c.lower_ == "no"]
    return [*negs, governor.i, without.i] if negs else []


def _shared_subject(reading: Reading, subject: Token, allowed: set[int]) -> Token:
    """ "the tariffs had done their job and 'should be lifted'": the statement is a verb
    conjoined to the one the topic is the subject of; read it as the topic's own verb (its
    object when passive). Returns the node to walk on from."""
    for verb in subject.head.conjuncts:
        if verb.i not in allowed or verb.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            _target_verb(reading, verb, None)
        else:
            _subject_reading(reading, subject, verb)
        if reading.sign:
            _modify(reading, verb)
        return verb
    return subject


# Verbs of what someone thinks or wants: "you want to scrap it" says what the addressee wants.
ATTITUDE_VERBS = frozenset("""want believe think feel support oppose back like hate prefer
    wish hope mean""".split())


def _about_addressee(verb: Token) -> list[int]:
    """A clause about the person spoken to: its subject is theirs ("your heart is not in
    this") or is "you" with a verb of thinking or wanting and no modal of advice ("you want to
    scrap it", but not "you should scrap it"). Returns the subject's tokens, or []."""
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if any(c.dep_ == "poss" and c.lower_ == "your" for c in child.children):
            return [t.i for t in child.subtree]
        if child.lower_ == "you" and _lemma(verb) in ATTITUDE_VERBS and not any(
                c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return [child.i, verb.i]
    return []


def _cue_as_stance(reading: Reading, node: Token, cue: Token, via: str | None) -> None:
    """The reporting verb is itself the stance, aimed at the content: "has opposed [nuclear
    power]", "backed [the plan]", "campaigned against [the levy]"."""
    if node.head.i == cue.i and node.dep_ == "dobj":
        _target_verb(reading, cue, None)
    elif node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.i == cue.i:
        _target_verb(reading, cue, node.head.lower_)
    if reading.sign:
        _modify(reading, cue)


def _subject_reading(reading: Reading, subject: Token, head: Token) -> None:
    """What a clause does to its subject: "X should close down", "X is vital", "X needs to be
    taken to task"."""
    if _lemma(head) in {"remain", "stay"} and any(
            p.lower_ == "in" and any(_lemma(g) in {"place", "force"} for g in p.children)
            for p in head.children if p.dep_ == "prep"):
        _fire(reading, 1, [head.i])  # "the limit would remain in place"
        return
    entry = _verb_entry(head, "erg", None)
    if entry and not _has_object(head, entry[1]):
        polarity, tokens = _moving(head, entry)
        if polarity:
            _fire(reading, polarity, tokens)
            return
    found = _evaluate_predicate(subject, head)
    if found:
        _fire(reading, *found)
        return
    for child in head.children:
        if child.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in child.children):
            _target_verb(reading, child, None)
            if reading.sign:
                _modify(reading, child)
                return


# "The money will go into school sport" moves somewhere; "the scheme will go ahead" proceeds.
DESTINATIONS = frozenset({"into", "to", "towards", "toward", "through", "on"})
ONWARD = frozenset({"ahead", "forward"})
# "should go further": asks for more of it (not "goes further than anyone wanted").
FARTHER = frozenset({"further", "farther"})


def _moving(verb: Token, entry: tuple[int, list[int]]) -> tuple[int, list[int]]:
    """An intransitive "go" that goes somewhere says nothing (0), "go ahead" is for (+1);
    any other entry as it is."""
    polarity, tokens = entry
    if _lemma(verb) != "go" or len(tokens) > 1:
        return entry
    onward = [c.i for c in verb.children if c.dep_ in {"advmod", "prt"} and c.lower_ in ONWARD]
    if onward:
        return 1, [verb.i, *onward]
    farther = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in FARTHER]
    if farther:
        asked = any(c.dep_ == "aux" and c.lower_ in {"should", "must", "could", "would", "will"}
                    for c in verb.children)
        compared = any(g.lower_ == "than" for c in farther for g in c.subtree)
        return (1, [verb.i, farther[0].i]) if asked and not compared and not _negated(verb) else (0, [])
    if any(c.dep_ == "prep" and c.lower_ in DESTINATIONS for c in verb.children):
        return 0, []
    return entry


def _modify_noun(reading: Reading, noun: Token) -> None:
    if any(c.lower_ in NEGATIONS for c in noun.children):
        reading.sign = -reading.sign


# "I backed this line for years", "she once supported it": a simple past over a stretch of
# time recalls a position the speaker no longer states.
RECALLED_SPANS = frozenset({"year", "decade", "month", "long", "while"})


def _recalled(verb: Token) -> bool:
    """A stance verb in the simple past that says the position lasted a while, or once held."""
    if verb.tag_ != "VBD" or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    for child in verb.children:
        if child.lower_ == "once" and child.dep_ == "advmod":
            return True
        if child.dep_ == "prep" and child.lower_ == "for":
            if any(_lemma(g) in RECALLED_SPANS for g in child.children if g.dep_ == "pobj"):
                return True
    return False


def _target_verb(reading: Reading, verb: Token, via: str | None) -> None:
    lex = load_lexicon()
    entry = _verb_entry(verb, "verb", via)
    if entry and _recalled(verb):
        reading.closed = True  # a past position recalled: no stance now
        return
    if entry:
        _fire(reading, *entry)
        return
    # "give/offer backing to X": the noun carries the stance, the light verb the target.
    for child in verb.children:
        if child.dep_ == "dobj" and _lemma(child) in lex.get("noun") and via in {"to", "for"}:
            _fire(reading, lex.get("noun")[_lemma(child)], [child.i])
            return


def _frame(reading: Reading, cue: Token) -> None:
    """The reporting frame: "refused to back", "denied that"; a negated cue says nothing."""
    lex = load_lexicon()
    node: Token | None = cue
    while node is not None:
        if _lemma(node) in lex.get("flip"):
            reading.sign = -reading.sign
            reading.confidence *= 0.7
        if _negated(node):
            reading.sign = 0
            return
        node = node.head if node.dep_ in {"xcomp", "ccomp"} and node.head.i != node.i else None


def _cue_token(doc: Doc, quote: Quote) -> Token | None:
    if quote.cue is None:
        return None
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _label(total: float) -> StanceLabel:
    if total > THRESHOLD:
        return "favor"
    if total < -THRESHOLD:
        return "against"
    return "neutral"


def _evidence_span(doc: Doc, indices: Sequence[int]) -> Span | None:
    if not indices:
        return None
    ordered = sorted(set(indices))
    first, last = ordered[0], ordered[-1]
    if last - first > 8:
        last = max(i for i in ordered if i - first <= 8)
    return Span.of(doc_text(doc), doc[first].idx, doc[last].idx + len(doc[last]))


def stance_for(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention]) -> TopicStance:
    """One topic's stance in one statement, from every mention of it there."""
    total, evidence = _read_topic(doc, quote, topic, mentions)
    return _labelled(doc, topic, total, evidence)


def _read_topic(
    doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention]
) -> tuple[float, list[int]]:
    """The signed sum of the readings of every mention of ``topic`` in the statement, and the
    tokens that carried them (empty: no stance word is aimed at the topic)."""
    tokens = statement_tokens(doc, quote)
    allowed = {t.i for t in tokens}
    cue = _cue_token(doc, quote)
    key = canonical_topic(topic.name)
    heads = {m.head for m in mentions if m.head in allowed and (m.key == key or _names(topic, m))}
    # "abolition would cost 4,000 jobs", in a story whose lead abolishes the licence fee.
    lead_acts = _lead_acts(doc, mentions)
    heads |= {t.i for t in tokens if key in lead_acts.get(_lemma(t), ()) and _ownerless(t)}
    if topic.evidence is not None:
        span = doc.char_span(topic.evidence.start, topic.evidence.end, alignment_mode="expand")
        if span is not None:
            heads.add(span.root.i)
    favor = against = 0.0
    evidence: list[int] = []
    banned = _banned_names(doc, mentions)
    turns = _ban_of(key) in banned if _ban_of(key) is not None else True
    for head in sorted(heads):
        reading = read_mention(doc[head], allowed, cue)
        if _lemma(doc[head]) in BAN_NOUNS and turns:
            reading.sign = -reading.sign  # "the moratorium will stay": for the ban, against X
        elif _names_the_removed(key, _lemma(doc[head]), banned):
            reading.sign = -reading.sign  # "keep the library open": against library closures
        elif _ends_the_topic(doc[head], key) or _measure_to_end(doc, head, key, mentions):
            reading.sign = -reading.sign  # "fight the closure", of the mine: for the mine
        elif _ends_by_name(key) and _lemma(doc[head]) not in _ACT_WORDS and any(
                ACT_NOUNS.get(_lemma(doc[i])) == key.split()[-1] for i in reading.evidence or []):
            # "Ban it", in a story about the chlorotrifen ban: no one bans a ban, so "it" is
            # the chemical, and to ban it is for the ban ("scrap it" may scrap the ban).
            reading.sign = -reading.sign
        if reading.sign > 0:
            favor += reading.confidence
        elif reading.sign < 0:
            against += reading.confidence
        if reading.sign:
            evidence += reading.evidence or []
        elif reading.addressee:
            evidence += reading.addressee  # read, and neutral: the classifier is not asked
    total = favor - against
    # Both sides in one statement ("a Cold War product ... we will be members of it"): only
    # a clear preponderance takes a side; otherwise the statement is mixed, read as neutral.
    if favor and against and abs(total) < MIXED_MARGIN * max(favor, against):
        return 0.0, evidence
    return total, evidence


def _lead_acts(doc: Doc, mentions: Sequence[Mention]) -> dict[str, frozenset[str]]:
    """The acts that end a thing which the story's opening reports, by the noun that names
    the act ("The licence fee will be abolished": abolition -> {licence fee}); read once."""
    cache = "onrecord.stance.lead_acts"
    found = doc.user_data.get(cache)
    if found is None:
        key_at = {m.head: m.key for m in mentions}
        acts: dict[str, set[str]] = {}
        for i in sorted(_opening(doc)):
            verb = doc[i]
            nominal = ACT_NOUNS.get(_lemma(verb))
            if verb.pos_ != "VERB" or nominal is None or nominal not in ENDING_ACTS:
                continue
            for child in verb.children:
                if child.dep_ in {"dobj", "nsubjpass"} and child.i in key_at:
                    acts.setdefault(nominal, set()).add(key_at[child.i])
        found = {nominal: frozenset(keys) for nominal, keys in acts.items()}
        doc.user_data[cache] = found
    return found  # type: ignore[no-any-return]


def _ownerless(token: Token) -> bool:
    """An act's noun said of nothing named ("abolition would cost jobs"), not "the abolition of
    the toll" nor "its closure"."""
    return token.pos_ == "NOUN" and not any(
        c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _labelled(doc: Doc, topic: TopicStance, total: float, evidence: list[int]) -> TopicStance:
    label = _label(total)
    if label == "neutral":
        return replace(topic, stance="neutral", confidence=0.6 if not evidence else 0.4)
    return replace(topic, stance=label, confidence=round(min(0.95, 0.5 + 0.4 * abs(total)), 3),
                   evidence=_evidence_span(doc, evidence) or topic.evidence)


def _written(text: str, name: str) -> list[tuple[int, int]]:
    """Whole-word, case-insensitive occurrences of a topic's name in the text."""
    return [(start, end) for start, end in model.occurrences(text, name)
            if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())]


def _names(topic: TopicStance, mention: Mention) -> bool:
    return topic.evidence is not None and topic.evidence.start == mention.start


# Measures that stop something: a statement for "the X ban" is against X.
BAN_NOUNS = frozenset({"ban", "moratorium", "prohibition", "freeze"})


def _ban_of(key: str) -> str | None:
    """X when a canonical topic name is "X ban" (or moratorium, prohibition, freeze), else None."""
    words = key.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in BAN_NOUNS else None


def _names_the_removed(key: str, head_lemma: str, banned: dict[str, str]) -> bool:
    """A mention headed by ``head_lemma`` names the thing a removal topic ends ("library" of
    "library closures", "smartphone" of a "smartphone ban" that stays a ban): what is said of
    it turns for the topic."""
    return removes(key, head_lemma) or _bans_unnamed(key, head_lemma, banned)


def _bans_unnamed(key: str, head_lemma: str, banned: dict[str, str]) -> bool:
    """``key`` is "X ban" where the article never names X on its own, so the topic stays the
    ban, and ``head_lemma`` names X: a reading of X ("smartphones are a lifeline") turns."""
    thing = _ban_of(key)
    return thing is not None and thing not in banned and head_lemma in thing.split()


def banned_topic(topic: TopicStance, names: dict[str, str]) -> TopicStance:
    """A topic named "X ban" as the thing banned, so a speaker's record on X is one timeline;
    "X ban" stays an alias. Its stance is already toward X (``combined`` turns what was read
    toward the ban itself).
    Only when the article names X on its own (``names``: canonical key -> display name), so a
    measure that is the issue itself ("lifetime doping bans") keeps its name."""
    banned = _ban_of(canonical_topic(topic.name))
    if banned is None or banned not in names:
        return topic
    aliases = tuple(dict.fromkeys((topic.name, *topic.aliases)))
    return replace(topic, name=names[banned], aliases=aliases)


OPPOSITE_SIDE: dict[StanceLabel, StanceLabel] = {"favor": "against", "against": "favor", "neutral": "neutral"}


def _banned_names(doc: Doc, mentions: Sequence[Mention]) -> dict[str, str]:
    """Canonical key -> display name of every topic the article names that is no ban itself
    (read once per doc)."""
    cache = "onrecord.stance.banned_names"
    found = doc.user_data.get(cache)
    if found is None:
        found = {m.key: m.name or m.text for m in mentions if _ban_of(m.key) is None}
        doc.user_data[cache] = found
    return dict(found)


def _merged(topics: Sequence[TopicStance]) -> tuple[TopicStance, ...]:
    """One topic per canonical name: the first that takes a side, else the first."""
    out: dict[str, TopicStance] = {}
    for topic in topics:
        key = canonical_topic(topic.name)
        kept = out.get(key)
        if kept is None or (kept.stance == "neutral" and topic.stance != "neutral"):
            aliases = tuple(dict.fromkeys((*topic.aliases, *(kept.aliases if kept else ()))))
            out[key] = replace(topic, aliases=aliases)
    return tuple(out.values())


# Words that show a statement speaks for a party, government or organisation.
PARTY_NOUNS = frozenset({"manifesto", "party", "government", "policy", "position", "programme"})
# Bodies a person may speak for, as the subject of what they say the body will do.
INSTITUTIONS = frozenset("""union group trust company council caucus chamber board federation
    association department ministry administration opposition coalition campaign firm""".split())
OWNERS = frozenset({"our", "the", "my", "his", "her", "their", "its"})
PERSONAL_WORDS = frozenset({"i", "me", "my", "myself", "personally", "mine"})


def voice_of(doc: Doc, quote: Quote) -> Literal["personal", "party"]:
    """ "party" when a person speaks for a party or body ("our manifesto says", "a Labour
    government would", "we will" as a party), or a party's own document or the government
    speaks ("Labour's manifesto states", "the government said"); else "personal" ("I", "my
    view"). Any other body or document speaks in its own voice: a union, a think tank's report."""
    mention = quote.speaker.mention
    if mention is not None:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and any(_lemma(t) in PARTY_NOUNS for t in span):
            return "party"  # "Labour's manifesto states ..."
    if quote.speaker.type in {"organization", "document"}:
        return "personal"
    tokens = statement_tokens(doc, quote)
    party = personal = 0.0
    for token in tokens:
        lower = token.lower_
        if _lemma(token) in PARTY_NOUNS and token.pos_ == "NOUN":
            owner = [c.text for c in token.children if c.dep_ in {"poss", "compound", "det", "amod"}]
            owners = OWNERS if _lemma(token) == "party" else {"our", "the", "my"}  # not "his position"
            if any(o.lower() in owners or o[:1].isupper() for o in owner) or any(
                c.ent_type_ in {"ORG", "NORP"} for c in token.children
            ):
                party += 1.0  # "our manifesto", "his party would scrap the levy"
        elif _lemma(token) in INSTITUTIONS and token.pos_ == "NOUN" and token.dep_ in {"nsubj", "nsubjpass"} \
                and any(c.dep_ in {"poss", "det"} and c.lower_ in OWNERS for c in token.children):
            party += 1.0  # a person stating what "the union would" or "her group will" do
        elif lower in {"we", "our", "us"}:
            head = token.head
            modal = any(c.lower_ in {"will", "would", "shall", "'ll", "’ll"} for c in head.children)
            party += 0.6 if modal else 0.1
        elif lower in PERSONAL_WORDS:
            personal += 0.7
    return "party" if party > personal and party >= 0.6 else "personal"


def _reaction(doc: Doc, quote: Quote) -> tuple[int, list[int]]:
    """A reaction in the statement's own words ("she was 'incandescent'", "he was delighted"):
    its sign, and the word; (0, []) when there is none or it is negated."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None:
        return 0, []
    affect = load_lexicon().get("affect")
    for token in content:
        polarity = affect.get(_lemma(token)) or affect.get(token.lower_)
        if polarity and not _negated(token) and not _negated(token.head):
            return polarity, [token.i]
    return 0, []


def news_polarity(doc: Doc, mentions: Sequence[Mention], key: str) -> int:
    """What the news the article reports does to a topic, read from the headline and the first
    sentence of the body: "X is scrapped" -1, "X gets the go-ahead" +1, else 0."""
    banned = _banned_names(doc, mentions)
    # "Four libraries to close": the news is for the closures, against the libraries.
    return polarity_in(doc, [m for m in mentions if m.key == key], _opening(doc),
                       turned=lambda lemma: _names_the_removed(key, lemma, banned))


def _opening(doc: Doc) -> set[int]:
    """The tokens of the headline and the first sentence of the body, read once per doc."""
    cache = "onrecord.stance.opening"
    found = doc.user_data.get(cache)
    if found is None:
        title_end = headline_end(doc_text(doc))
        sentences = [s for s in doc.sents if s.text.strip()]
        lead = _first_body(sentences, title_end)
        opening = [s for s in sentences if s.start_char < title_end] + ([lead] if lead is not None else [])
        found = frozenset(t.i for s in opening for t in s)
        doc.user_data[cache] = found
    return set(found)


def polarity_in(doc: Doc, mentions: Sequence[Mention], region: set[int],
                turned: Callable[[str], bool] = lambda lemma: False) -> int:
    """The sign of what the words in ``region`` do to the topic of ``mentions``; a mention whose
    head lemma is ``turned`` counts the other way (the training script reads a training
    statement's lead with it)."""
    total = 0
    for m in mentions:
        if m.head in region:
            sign = read_mention(doc[m.head], region, None).sign
            total += -sign if turned(_lemma(doc[m.head])) else sign
    return (total > 0) - (total < 0)


def _first_body(sentences: Sequence[SpacySpan], title_end: int) -> SpacySpan | None:
    return next((s for s in sentences if s.start_char >= title_end), None)


# Confidence of a stance read from a reaction or carried over from the speaker's other words.
REACTION_CONFIDENCE = 0.45
CARRIED_CONFIDENCE = 0.35
# The least probability the classifier may give a side for the speaker's other words to carry it
# (chosen on the dev half of evalsets once carrying was limited to where the text carries the
# words on: 0.2 to 0.35 score alike, 0.4 loses; the middle of that range).
CARRY_MIN = 0.3


def rule_reading(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention],
                 news: dict[str, int]) -> tuple[TopicStance, bool]:
    """The rules' stance toward one topic of one statement, and whether words of the
    statement carry it (a stance word aimed at the topic, or a reaction to the news).

    A topic no stance word is aimed at takes the stance a reaction word implies toward the
    reported news ("delighted" that the line is scrapped: against the line). ``news`` caches
    the news polarity per topic key across the statements of one article.
    """
    total, evidence = _read_topic(doc, quote, topic, mentions)
    if not evidence and len(quote.topics) == 1:
        total, evidence = _implicit(doc, quote, mentions)
    if not evidence:
        sign, words = _reaction(doc, quote)
        key = canonical_topic(topic.name)
        if sign and key not in news:
            news[key] = news_polarity(doc, mentions, key)
        if sign and news.get(key):
            total, evidence = sign * news[key] * REACTION_CONFIDENCE * 2, words
    return _labelled(doc, topic, total, evidence), bool(evidence)


# Confidence of a stance read through a definite description the topics stage did not resolve.
IMPLICIT_CONFIDENCE = 0.6


def _implicit(doc: Doc, quote: Quote, mentions: Sequence[Mention]) -> tuple[float, list[int]]:
    """A statement with one topic whose stance word is aimed at a definite description that
    names no topic ("called for the industry to be 'shut down for good'", when the article is
    about one industry): read as aimed at that topic. (0.0, []) when there is none."""
    tokens = statement_tokens(doc, quote)
    allowed = {t.i for t in tokens}
    named = {m.head for m in mentions}
    cue = _cue_token(doc, quote)
    for token in tokens:
        if token.i in named or token.pos_ != "NOUN" or token.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            continue
        # A bare description ("the industry"), not "the first attempt" nor "the plant's owners".
        children = [c for c in token.children if not c.is_punct]
        if len(children) != 1 or children[0].dep_ != "det" or children[0].lower_ not in {"the", "this", "that"}:
            continue
        marks = {c.lower_ for c in token.head.children if c.dep_ == "mark"}
        if token.head.dep_ == "relcl" or token.head.dep_ == "advcl" and marks & SUBORDINATORS:
            continue  # "after the attempt collapsed": a circumstance, not the claim
        reading = read_mention(token, allowed, cue)
        if reading.sign and reading.evidence:
            return reading.sign * reading.confidence * IMPLICIT_CONFIDENCE, reading.evidence
    return 0.0, []


def classifier_input(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention],
                     rule: TopicStance, found: bool,
                     topic_spans: Sequence[tuple[int, int]] | None = None, news: int = 0) -> model.Statement:
    """What the classifier reads for one (statement, topic): the statement's tokens, its
    sentence(s) with the cue, the tokens naming the topic there (its mentions, or
    ``topic_spans`` when given as character offsets), and the rules' reading."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    inside = frozenset(t.i for t in content) if content is not None else frozenset()
    start, end = quote.content.start, quote.content.end
    if quote.cue is not None:
        start, end = min(start, quote.cue.start), max(end, quote.cue.end)
    context = tuple(i for first_char, last_char, first, last in sentence_bounds(doc)
                    if first_char < end and start < last_char for i in range(first, last))
    if topic_spans is None:
        key = canonical_topic(topic.name)
        topic_spans = [(m.start, m.end) for m in mentions if m.key == key or _names(topic, m)]
        if topic.evidence is not None:
            topic_spans = [*topic_spans, (topic.evidence.start, topic.evidence.end)]
        # The topic's name written out, as the training statements mark it ("ban fracking",
        # where the parse reads "fracking" as a verb and no mention is found).
        topic_spans = [*topic_spans, *_written(doc_text(doc), topic.name)]
    scope = set(context)
    named: set[int] = set()
    for begin, finish in topic_spans:
        span = doc.char_span(begin, finish, alignment_mode="expand")
        if span is not None:
            named.update(t.i for t in span if t.i in scope)
    cue = _cue_token(doc, quote)
    return model.Statement(content=inside, context=context, topic=frozenset(named),
                           rule=rule.stance, rule_confidence=rule.confidence if found else 0.0,
                           rule_found=found, news=news, cue=cue.i if cue is not None else None)


# How the rules and the classifier are combined (chosen on the dev half of evalsets):
# the rules' reading stands when a stance word is aimed at the topic; otherwise the
# classifier's, when it is at least this sure.
CLASSIFIER_MIN = 0.5
COMBINE = "rules-first"


# Doubt is no side: "I am no longer sure", "not so sure", "unsure" (what compare's
# ``takes_no_side`` does not list).
UNSURE = re.compile(r"\b(?:not|no longer|n't|n’t)\s+(?:so\s+|entirely\s+|quite\s+|at all\s+)?sure\b|\bunsure\b",
                    re.IGNORECASE)


# Questions that object rather than ask: "Why should/would ...?", "Who asked for this?", "How
# is a pensioner supposed to ...?", "Would the governor put this next to his house?".
RHETORICAL = re.compile(
    r"(?:^|[.!?]\s+)[‘“'\"]?(?:why (?:should|would|must|on earth)|who (?:exactly |on earth )?"
    r"(?:asked|wants|needs)|who(?: is|'s|’s| will) (?:going to )?(?:pay|foot|look after|watch|police|"
    r"care for|clean up|pick up)|why is it (?:always|never)"
    r"|how (?:is|are|can|could)\b[^?]*\bsupposed to|(?:are|is)\b[^?]*\bsupposed to"
    r"|would (?:the|he|she|they|any|anyone)\b)[^?]*\?",
    re.IGNORECASE,
)


# A rhetorical question whose act ends the thing it asks about ("Why would we scrap it?").
ENDING_QUESTION = re.compile(
    r"\bwhy (?:should|would|must|on earth) (?:we|they|you|anyone|the \w+|\w+) (?:ever |even |now )?"
    r"(?:scrap|close|ban|abolish|axe|shut|ditch|get rid of|throw away|give up|tear up|pull out of|"
    r"withdraw from)\b[^?]*\?",
    re.IGNORECASE,
)


def ended_thing(key: str) -> str | None:
    """X when a canonical topic name is an act that ends X ("library closure": library) or a
    ban on X ("fracking ban": fracking), else None."""
    words = key.split()
    if len(words) > 1 and words[-1] in REMOVAL_ACTS:
        return " ".join(words[:-1])
    return _ban_of(key)


def _ends_by_name(key: str) -> bool:
    """A topic named as the act that ends a thing ("library closures", "X ban")."""
    return ended_thing(key) is not None


EXEMPTION = re.compile(r"\bbe (?:any )?(?:different|exempt|special|excused)\b", re.IGNORECASE)


def _rhetorical_objection(content: str) -> bool:
    """A rhetorical question in the statement, not put to the one spoken to ("you")."""
    return RHETORICAL.search(content) is not None and re.search(
        r"\b(?:you|your)\b", content, re.IGNORECASE) is None


def _undecided(content: str) -> bool:
    """The words say the speaker takes no side yet: undecided, waiting, unsure; or a short
    fragment that only says what comes next ("study the detail", "on the table")."""
    short = len(content.split()) <= SHORT_FRAGMENT
    return (takes_no_side(content) or bool(UNSURE.search(content))
            or bool(UNDECIDED_BODY.search(content)) or short and bool(PROCESS_FRAGMENT.search(content)))


# A body's decision not yet taken: no side in the statement (nor a position of the speaker's
# own, so ``compare.takes_no_side`` leaves it out).
UNDECIDED_BODY = re.compile(
    r"\bno (?:final )?decisions? (?:had|has|have) (?:yet )?been (?:taken|made)(?![^.]*\bbut\b)"
    r"|^(?:that|the) question (?:is|was) still being considered",
    re.IGNORECASE,
)


SHORT_FRAGMENT = 8
# What a short fragment says when it says only what happens next.
PROCESS_FRAGMENT = re.compile(
    r"^(?:to )?(?:study|studying|examine|examining|read|reading)(?: the| it)?(?: detail| details| text|"
    r" small print)?(?: line by line)?[.,]?$|^(?:still )?on the table[.,]?$|^in good faith[.,]?$"
    r"|^open[- ]minded[.,]?$|\bwould discuss (?:the issue|it|the matter)\b",
    re.IGNORECASE,
)


# Protest and resistance: what would set them off is what the speaker is against.
PROTEST_VERBS = frozenset({"protest", "march", "strike", "boycott", "riot", "sue", "resist", "picket",
                           "blockade", "revolt"})
PROTEST_PHRASES = frozenset({("take", "street"), ("see", "court"), ("take", "court")})


def _protest(token: Token) -> bool:
    """A verb of protest: "march", "strike", "take to the streets", "see them in court"."""
    if _lemma(token) in PROTEST_VERBS:
        return True
    objects = {_lemma(g) for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
    return any((_lemma(token), noun) in PROTEST_PHRASES for noun in objects)


def _threat(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention]) -> int:
    """The side a conditional protest takes toward the topic named in its "if" clause: -1 when
    the protest answers the topic going ahead ("will strike if the levy is introduced"), +1
    when it answers its loss ("will march if they scrap the line"); 0 when there is none."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None:
        return 0
    key = canonical_topic(topic.name)
    heads = {m.head for m in mentions if m.key == key}
    for verb in {t for t in content if _protest(t) and not _negated(t)}:
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children):
                continue
            named = [t for t in clause.subtree if t.i in heads]
            if not named:
                continue
            entry = _verb_entry(clause, "verb", None)
            sign = entry[0] if entry and any(t.dep_ in {"dobj", "nsubjpass"} for t in named) else 1
            return sign if _negated(clause) else -sign
    return 0


# The freedom-to-choose argument against a rule ("people are capable of deciding what to
# drink", "adults can decide for themselves"), and the measures it is made against.
CHOICE = re.compile(
    r"\b(?<!not )(?:capable|able|free|trusted|entitled|old enough)\s+(?:of|to)\s+"
    r"(?:decid|choos|mak\w*\s+(?:their|his|her|our|your|my)\s+own)"
    r"|\b(?<!not )(?<!n't )(?<!n’t )decide for (?:themselves|ourselves|yourself|yourselves|himself|herself)\b"
    r"|\b(?:their|his|her|our|your) own (?:choice|choices|decision|decisions|affair|business)\b"
    r"|\bnanny state\b",
    re.IGNORECASE,
)
MEASURES = frozenset(("tax levy duty ban charge fee toll limit cap curfew restriction restrictions "
                      "rule rules regulation regulations licence license licensing moratorium "
                      "prohibition").split())


def _choice_argument(content: str, topic: str) -> bool:
    """The statement argues people should choose for themselves, about a measure that
    restricts or charges them."""
    words = canonical_topic(topic).split()
    return bool(words) and words[-1] in MEASURES and bool(CHOICE.search(content))


# Predictions of the topic's fate: "X is inevitable", "X is here to stay", "X is doomed".
FATES = {"inevitable": 1, "unstoppable": 1, "doomed": -1}
# What a measure's money is said to pay for: "the money raised would double the budget".
REVENUE = frozenset({"money", "revenue", "revenues", "proceeds", "income", "cash", "fund", "funds", "pound"})
SPENDING = frozenset({"pay", "fund", "double", "go", "finance", "buy", "build", "help", "support"})
REVENUE_MEASURES = frozenset({"tax", "levy", "duty", "charge", "fee", "toll"})


# Asking for more of the measure: for it.
FURTHER = re.compile(
    r"\b(?:should|must|could|would|will|ought to|needs? to|has to|have to) (?:now )?go (?:even |much |a step )?"
    r"further\b(?! than)|\b(?:should|must)(?:n't|n’t| not| never) stop (?:at|there)\b",
    re.IGNORECASE,
)


def outcome_side(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention]) -> int:
    """A side from what the statement says will become of the topic: its fate ("a breakaway
    league was 'inevitable'": +1; "doomed": -1), or the good its money will do ("the money
    would pay for new bus routes", about a tax or charge: +1); 0 when it says neither."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None:
        return 0
    if FURTHER.search(quote.content.text):
        return 1  # "the levy should go further", "it should not stop at disposables"
    key = canonical_topic(topic.name)
    heads = {m.head for m in mentions if m.key == key}
    for word in content:
        if word.lower_ not in FATES:
            continue
        if word.dep_ in {"acomp", "attr"}:
            verb = word.head
        elif any(c.dep_ == "auxpass" for c in word.children):
            verb = word  # "was doomed": a passive participle
        else:
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        # The subject, or with none (a misparse) the topic named earlier in the sentence.
        named = (any(s.i in heads for s in subjects) if subjects
                 else any(verb.sent.start <= h < verb.i for h in heads))
        if named:
            return 0 if _negated(verb) else FATES[word.lower_]  # "not inevitable": no side
    words = key.split()
    if not words or words[-1] not in REVENUE_MEASURES or any(t.lower_ == "instead" for t in content):
        return 0
    revenue = [t.i for t in content if _lemma(t) in REVENUE and t.dep_ in {"nsubj", "nsubjpass"}]
    for verb in content:
        if verb.pos_ == "VERB" and _lemma(verb) in SPENDING and revenue and revenue[0] < verb.i:
            return 0 if _negated(verb) else 1
    return 0


def _bare_attitude(doc: Doc, quote: Quote) -> int:
    """The sign of a short fragment that is an attitude adjective ("still deeply 'sceptical'",
    "'sceptical' about the technology"), from the lexicon's "<adjective> <preposition>"
    entries; 0 when the fragment is anything else, longer than five words or negated. The
    caller asks only for a statement with one topic: that is what the attitude is toward."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    words = [t for t in content or [] if not (t.is_punct or t.is_space)]
    if not words or len(words) > 5:
        return 0
    table = load_lexicon().get("attitude")
    for word in words:
        if word.pos_ != "ADJ":
            continue
        # "'sceptical' about the technology": the preposition outside the quote picks the entry.
        preps = [c.lower_ for c in word.children if c.dep_ == "prep"]
        signs = {sign for term, sign in table.items()
                 if term.split()[0] == _lemma(word) and (not preps or term.split()[-1] in preps)}
        if len(signs) == 1 and not _negated(word) and not any(t.lower_ in NEGATIONS for t in words):
            return signs.pop()
    return 0


# Verbs of a refusal to answer ("would not be 'drawn'", "declined 'to comment'"): a fragment
# made of one of them says nothing on any topic.
NON_ANSWERS = frozenset({"draw", "comment", "speculate", "elaborate", "answer"})


def _non_answer(doc: Doc, quote: Quote) -> bool:
    """The statement is only a verb of answering and its function words ("to be drawn")."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None:
        return False
    words = [t for t in content if not (t.is_punct or t.is_space)]
    meaningful = [t for t in words if t.pos_ not in {"AUX", "PART", "ADP", "PRON", "DET", "SCONJ"}]
    return len(words) <= 5 and len(meaningful) == 1 and _lemma(meaningful[0]) in NON_ANSWERS


@dataclass(frozen=True)
class Decision:
    """One topic's reading: the stance, whether it is settled (a stance word aimed at the topic,
    or a sure classifier), and the classifier's probabilities when it was asked."""

    topic: TopicStance
    settled: bool
    probabilities: dict[StanceLabel, float] | None = None
    by_rules: bool = False  # the rules' own reading (what they read of a ban is already turned)


def combined(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention],
             rule: TopicStance, found: bool, news: int, aimed_elsewhere: bool,
             policy: str | None = None) -> Decision:
    """One topic's stance from the rules and the classifier.
    ``aimed_elsewhere``: the rules found the statement's stance words aimed at another of its
    topics ("The UN should abolish the sugar tax": the UN gets none).

    A topic "X ban" that will be filed under X (``banned_topic``) is read toward X: the rules
    already turn what they read of the ban; a side the statement takes on the measure as a
    whole ("Why should ...?") turns here, and so does the classifier's, when the statement
    speaks of banning ("Banning them will save lives"; without such words, "These things are
    cheap and bright" is read of the things)."""
    decision = _combined_as_named(doc, quote, topic, mentions, rule, found, news, aimed_elsewhere, policy)
    thing = _ban_of(canonical_topic(topic.name))
    if (thing is None or thing not in _banned_names(doc, mentions) or decision.by_rules
            or decision.topic.stance == "neutral"):
        return decision
    if decision.probabilities is not None and not any(
            _lemma(t) in BAN_NOUNS | BANNING_VERBS for t in statement_tokens(doc, quote)):
        return decision
    return replace(decision, topic=replace(decision.topic, stance=OPPOSITE_SIDE[decision.topic.stance]))


BANNING_VERBS = frozenset({"ban", "prohibit", "outlaw"})


def _combined_as_named(doc: Doc, quote: Quote, topic: TopicStance, mentions: Sequence[Mention],
                       rule: TopicStance, found: bool, news: int, aimed_elsewhere: bool,
                       policy: str | None = None) -> Decision:
    """``combined``, each side toward the topic as it is named."""
    policy = policy or COMBINE
    if policy != "rules" and (_undecided(quote.content.text) or _non_answer(doc, quote)):
        # "Ask me again in six months", "would not be 'drawn'": no side, and none to carry.
        return Decision(replace(topic, stance="neutral", confidence=0.6), True)
    threat = _threat(doc, quote, topic, mentions) if policy != "rules" and not found else 0
    if policy != "rules" and not found and _choice_argument(quote.content.text, topic.name):
        # "People are perfectly capable of deciding what to drink": no to the rule.
        return Decision(replace(topic, stance="against", confidence=0.6), True)
    attitude = _bare_attitude(doc, quote) if policy != "rules" and not found and len(quote.topics) == 1 else 0
    if attitude:
        # "still deeply 'sceptical'": the one topic is what the attitude is toward.
        felt: StanceLabel = "favor" if attitude > 0 else "against"
        return Decision(replace(topic, stance=felt, confidence=0.6), True)
    if policy != "rules" and not found and _rhetorical_objection(quote.content.text):
        # "Why should a care worker pay for a tram she will never use?": a question no one
        # is asked, in a story about a measure, is an objection to it; "Why should this one
        # be different?" asks for the same rule for all.
        side: StanceLabel = "favor" if EXEMPTION.search(quote.content.text) else "against"
        if ENDING_QUESTION.search(quote.content.text):
            # "Why would we scrap something that works?": the objection is to ending it.
            side = "against" if _ends_by_name(canonical_topic(topic.name)) else "favor"
        return Decision(replace(topic, stance=side, confidence=0.6), True)
    outcome = outcome_side(doc, quote, topic, mentions) if policy != "rules" and not found else 0
    if outcome:
        # "X was 'inevitable'", "the money raised would double the budget": the speaker's side.
        side_: StanceLabel = "favor" if outcome > 0 else "against"
        return Decision(replace(topic, stance=side_, confidence=0.6), True)
    if threat:
        # "fans would 'take to the streets' if the plan returned": against what sets it off.
        side = "favor" if threat > 0 else "against"
        return Decision(replace(topic, stance=side, confidence=0.6), True)
    weights = model.load_model()
    if policy == "rules" or weights is None or (policy == "rules-first" and (found or aimed_elsewhere)):
        return Decision(rule, found, by_rules=True)
    statement = classifier_input(doc, quote, topic, mentions, rule, found, news=news)
    probabilities = weights.probabilities(model.features(doc, statement))
    key = canonical_topic(topic.name)
    nouns = [i for i in statement.topic if doc[i].pos_ == "NOUN"]
    if _marks_only_the_removed(doc, key, statement.topic, _banned_names(doc, mentions)) or (
            nouns and all(_ends_the_topic(doc[i], key) or _measure_to_end(doc, i, key, mentions)
                          for i in nouns)):
        # The classifier read the words about the department; the topic is its closure.
        probabilities = {**probabilities, "favor": probabilities["against"],
                         "against": probabilities["favor"]}
    label = max(model.LABELS, key=lambda name: probabilities[name])
    probability = probabilities[label]
    if probability < CLASSIFIER_MIN:
        return Decision(rule, found, probabilities, by_rules=True)
    if label == "neutral":
        # A sure neutral reading is a reading: the speaker's other words do not carry here.
        sure = replace(topic, stance="neutral", confidence=round(probability * 0.6, 3))
        return Decision(sure, True, probabilities)
    sided = replace(topic, stance=label, confidence=round(min(0.9, probability * 0.8), 3),
                    evidence=rule.evidence if rule.stance == label else topic.evidence)
    return Decision(sided, True, probabilities)


def _ends_the_topic(token: Token, key: str) -> bool:
    """A mention of ending the topic, filed under the topic: "the closure" of the mine, a
    "bill to ban" the app. Readings of it are turned to be readings of the topic."""
    lemma = _lemma(token)
    words = key.split()
    if lemma in REMOVAL_ACTS:
        return not words or words[-1] != lemma
    if token.pos_ == "NOUN" and lemma in POLICY_NOUNS:
        return any(c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" and _lemma(c) in ENDING_VERBS
                   for c in token.children)
    return False


def _measure_to_end(doc: Doc, head: int, key: str, mentions: Sequence[Mention]) -> bool:
    """ "the bill", filed under the app that the article's bill would ban: a measure noun
    whose topic the article says a measure would end ("a bill that would ban Flikka")."""
    token = doc[head]
    return (token.pos_ == "NOUN" and _lemma(token) in POLICY_NOUNS and not _ends_by_name(key)
            and key in _ended_keys(doc, mentions))  # a topic that is the ban reads it as it is


def _ended_keys(doc: Doc, mentions: Sequence[Mention]) -> frozenset[str]:
    """Topics the article names as what a measure would end (read once per doc)."""
    cache = "onrecord.stance.ended_keys"
    found = doc.user_data.get(cache)
    if found is None:
        key_at = {m.head: m.key for m in mentions}
        keys: set[str] = set()
        for token in doc:
            if token.pos_ != "NOUN" or _lemma(token) not in POLICY_NOUNS:
                continue
            for verb in token.children:
                if verb.dep_ in {"acl", "relcl"} and _lemma(verb) in ENDING_VERBS:
                    keys.update(key_at[c.i] for c in verb.children
                                if c.dep_ in {"dobj", "nsubjpass"} and c.i in key_at)
        found = frozenset(keys)
        doc.user_data[cache] = found
    return found


# Verbs of a measure that ends what it is about ("a bill that would ban the app").
ENDING_VERBS = frozenset({"ban", "scrap", "abolish", "close", "outlaw", "prohibit", "shut",
                          "axe", "repeal"})


# Words that name a removal topic's act or the measure itself, not the thing removed.
_ACT_WORDS = REMOVAL_ACTS | BAN_NOUNS | {"plan", "proposal", "decision", "move", "scheme"}


def _marks_only_the_removed(doc: Doc, key: str, marked: frozenset[int], banned: dict[str, str]) -> bool:
    """A removal topic ("library closure", or "smartphone ban" where the article never names
    smartphones on their own) whose marked words in the statement all name the thing removed
    ("the library", "it"), none the act: the reading is toward the thing."""
    words = key.split()
    if not marked or len(words) < 2 or not _names_the_removed(key, words[-2], banned):
        return False
    return not any(_lemma(doc[i]) in _ACT_WORDS for i in marked)


def assign_stance(doc: Doc, quotes: Sequence[Quote], policy: str | None = None,
                  removed: Sequence[Removed] = ()) -> list[Quote]:
    """Each statement's topics with their stance, and the statement's voice.

    Each topic is read by the rules (``rule_reading``) and, unless a stance word is aimed at
    it, by the classifier (``model``). A topic still without a stance takes the stance the
    same speaker takes toward it elsewhere in the article on the same occasion (same
    statement date), unless the classifier finds that side unlikely here: "I will fight for
    it now. This is not the end."

    ``removed``: the spans the clean stage set aside, as the topics stage was given them, so
    both stages read the same mentions (a caption's words are no one's topic).
    """
    mentions = find_mentions(doc, removed)
    news: dict[str, int] = {}
    read: list[list[Decision]] = []
    for quote in quotes:
        rules = [rule_reading(doc, quote, topic, mentions, news) for topic in quote.topics]
        row: list[Decision] = []
        for number, (topic, (rule, found)) in enumerate(zip(quote.topics, rules, strict=True)):
            key = canonical_topic(topic.name)
            if key not in news:
                news[key] = news_polarity(doc, mentions, key)
            elsewhere = any(other_found for other, (_, other_found) in enumerate(rules) if other != number)
            row.append(combined(doc, quote, topic, mentions, rule, found, news[key], elsewhere, policy))
        read.append(row)
    names = _banned_names(doc, mentions)
    out: list[Quote] = []
    for number, quote in enumerate(quotes):
        topics = _merged([
            banned_topic(
                decision.topic if decision.settled else _carried(decision, number, quotes, read, doc_text(doc)),
                names)
            for decision in read[number]
        ])
        out.append(replace(quote, topics=_without_idle_themes(quote, topics), voice=voice_of(doc, quote)))
    return out


def _without_idle_themes(quote: Quote, topics: tuple[TopicStance, ...]) -> tuple[TopicStance, ...]:
    """The article's theme, given to every statement by the topics stage, stays on a statement
    with topics of its own only when the statement takes a side on it ("The parking charge
    must go" in a story about a rail line is not about the line)."""
    implicit = {canonical_topic(t.name) for t in quote.topics if t.evidence is None}
    kept = tuple(t for t in topics
                 if canonical_topic(t.name) not in implicit or t.stance != "neutral")
    return kept if kept else topics


# Cues that continue the statement before ("he added", "she went on").
PARAGRAPH_BREAK = 2  # newlines between two neighbouring paragraphs, at most
CONTINUING_CUES = frozenset({"add", "added", "adds", "continue", "continued", "continues",
                             "go", "went", "goes"})


def _carried_on(text: str, quote: Quote, other: Quote, adjacent: bool) -> bool:
    """Whether the text carries ``other``'s words on into ``quote``: both in one paragraph,
    or in neighbouring paragraphs with no one else's statement between them, or ``quote``
    continuing the one before it ("He continued: ...", "she added")."""
    first, second = sorted((quote, other), key=lambda q: q.content.start)
    breaks = text[first.content.end : second.content.start].count("\n")
    cue = second.cue.text.casefold() if second.cue is not None else ""
    continuing = any(word in CONTINUING_CUES for word in cue.split())
    return breaks == 0 or (adjacent or continuing) and breaks <= PARAGRAPH_BREAK


def _carried(decision: Decision, number: int, quotes: Sequence[Quote],
             read: Sequence[Sequence[Decision]], text: str) -> TopicStance:
    """The stance of the nearest statement by the same named speaker, on the same topic and
    occasion, that takes one, unless the classifier gives that side less than CARRY_MIN here;
    else the topic as it is (neutral)."""
    topic = decision.topic
    speaker = quotes[number].speaker.name
    if speaker is None:
        return topic
    key = canonical_topic(topic.name)
    when = quotes[number].said_on.date
    order = sorted(range(len(quotes)), key=lambda other: (abs(other - number), other))
    for other in order:
        if other == number or quotes[other].speaker.name != speaker or quotes[other].said_on.date != when:
            continue
        adjacent = all(quotes[i].speaker.name == speaker
                       for i in range(min(number, other) + 1, max(number, other)))
        if not _carried_on(text, quotes[number], quotes[other], adjacent):
            continue
        for candidate in read[other]:
            if (candidate.settled and candidate.topic.stance != "neutral"
                    and canonical_topic(candidate.topic.name) == key):
                side = candidate.topic.stance
                if decision.probabilities is not None and decision.probabilities[side] < CARRY_MIN:
                    return topic
                return replace(topic, stance=candidate.topic.stance, confidence=CARRIED_CONFIDENCE)
    return topic

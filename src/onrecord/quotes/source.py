"""Cue -> source mention: who the reporting word says is speaking, as written in the text.

The mention is the grammatical subject of the reporting verb (or the object of "according
to", or the agent of a passive), cut down to its noun phrase: appositions, relative clauses
and participle phrases ("Mr X, pictured in London,") are not part of the mention. A verb with
no subject of its own ("..., adding that", "and warned that") borrows its head's subject.
Resolving the mention to a name is the speakers stage's job.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord.models import SpeakerType
from onrecord.quotes.cues import DOCUMENT_NOUNS, SEED

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Parts of a subject's subtree that describe the speaker rather than name them.
NOT_MENTION = ("relcl", "acl", "appos", "punct", "advcl", "cc", "conj")
# Dependencies through which a verb without a subject of its own borrows its head's.
BORROWS_SUBJECT = ("advcl", "xcomp", "conj", "pcomp", "ccomp", "prep", "advmod", "dep", "pobj",
                   "acomp")  # "were quick to point out that", "was ready to endorse"
# Nouns through which a gerund borrows the subject of the verb that has them: "makes no
# apologies for accusing X", "has a long history of blaming others".
NOUN_HOPS = ("dobj", "attr")
MAX_HOPS = 6
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
# Verbs whose "it" subject is a placeholder, not an organisation or a document.
EXPLETIVE_VERBS = frozenset("be seem appear happen turn remain become look sound".split())
PERSON_PRONOUNS = frozenset("i he she we you they me him her us them who".split())
ORG_LABELS = ("ORG", "NORP", "GPE")
# Heads of noun phrases that name a body, not a person ("the union called for ...").
ORGANIZATION_NOUNS = frozenset(
    """union council government ministry department agency party committee commission
    campaign company firm board court police army administration office parliament senate
    congress assembly authority association federation organisation organization group
    coalition charity bank school university hospital newspaper network""".split()
)


def subject(token: Token) -> Token | None:
    """The token naming who speaks through ``token`` (following borrowed subjects up).

    "..., adding that" and "by pointing out that" borrow the subject of the verb they hang
    from; "a statement saying that" has the noun it modifies as its source.
    """
    for hop in range(MAX_HOPS):
        children = list(token.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        subj = next((c for c in children if c.dep_ in SUBJECTS), None) or _stray_subject(token)
        if subj is not None:
            nobody = subj.dep_ == "nsubjpass" and (hop == 0 or subj.lower_ == "it")
            if subj.lower_ == "there" or nobody:
                return None  # "it was reported that": nobody named ("X was forced ... and said": X)
            if subj.lower_ == "it" and token.lemma_ in EXPLETIVE_VERBS:
                return None  # "it seems that", "it is clear that"
            return _past_dateline(subj, token)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            issuer = _issuer(token.head) if _says_for_another(token) else None
            return issuer or token.head
        came_by_prep = hop > 0 and token.pos_ == "NOUN" and token.dep_ in NOUN_HOPS and any(
            c.dep_ == "prep" for c in token.children)
        if came_by_prep and token.head.pos_ in ("VERB", "AUX"):
            token = token.head  # "makes no apologies for accusing": the maker accuses
            continue
        if token.dep_ not in BORROWS_SUBJECT or token.head is token:
            return None
        if token.dep_ == "ccomp" and token.head.i > token.i:
            return None  # a quoted clause has its own speaker
        reporter = _reporter_of(token.head)
        if token.dep_ in ("advcl", "conj") and token.lemma_ in SEED and reporter is not None:
            # "X said the plant was vital ... and called for ...", "refused to say whether it
            # would build ..., insisting that": a speech verb hung on the reported clause
            # speaks for the reporter, not for that clause's subject.
            token = reporter
            continue
        token = token.head
    return None


def _reporter_of(verb: Token) -> Token | None:
    """The speech verb whose reported clause ``verb`` heads ("said [the plant was]")."""
    if verb.dep_ == "ccomp" and verb.head.lemma_ in SEED and verb.head.i < verb.i:
        return verb.head
    return None


# Occasions of speech: "issued a statement saying", "in an interview, saying" speak for the
# subject of the verb that has them, not for themselves.
OCCASION_NOUNS = frozenset(
    "statement interview release remarks speech appearance conference".split()
)
# Acts of a body or a court that speak for whoever issued them ("the council passed a
# resolution condemning X": the council condemns; "the judge issued an injunction blocking").
ACT_NOUNS = frozenset("resolution injunction order motion ruling ad advert".split())


def _says_for_another(participle: Token) -> bool:
    """A participle that speaks for someone other than the noun it hangs from: after an
    occasion of speech, or after a comma from a noun that names no one ("a meeting, vowing")."""
    noun = participle.head
    if noun.lemma_.lower() in OCCASION_NOUNS | ACT_NOUNS:
        return True
    after_comma = participle.i > 0 and participle.doc[participle.i - 1].text == ","
    names_someone = noun.pos_ == "PROPN" or noun.ent_type_ != "" or speaker_type(noun) != "unknown"
    return after_comma and participle.tag_ == "VBG" and not names_someone


def _issuer(noun: Token) -> Token | None:
    """Who made the statement: the subject of the verb whose object (or phrase) the noun is."""
    verb = noun.head if noun.dep_ in ("dobj", "attr", "nsubj") else None
    if noun.dep_ == "pobj":
        verb = noun.head.head
    if verb is None or verb.pos_ not in ("VERB", "AUX") or verb is noun:
        return None
    found = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    if found is not None and found.dep_ == "agent":
        found = next((c for c in found.children if c.dep_ == "pobj"), None)
    return found if found is not None and found.i != noun.i else None


DASHES = frozenset("—–―-")


def _past_dateline(subj: Token, verb: Token) -> Token:
    """"CLEVELAND, July 19 — Michael Mukasey told ...": the parser may take the dateline's
    capitals for the subject; the subject is the name after the dash (another subject of the
    verb, or the dateline's apposition)."""
    line_start = subj.i == 0 or "\n" in subj.doc[subj.i - 1].text
    if not (line_start and subj.is_upper and subj.is_alpha and len(subj) > 2):
        return subj
    dash = next((t for t in subj.doc[subj.i : verb.i] if t.text in DASHES), None)
    if dash is None:
        return subj
    after = [c for c in list(verb.children) + list(subj.children)
             if c.dep_ in ("nsubj", "appos") and dash.i < c.i < verb.i]
    return after[-1] if after else subj


def _stray_subject(verb: Token) -> Token | None:
    """A subject the parser attached under another name ("About 4 in 10 say ..." with "10" as
    a number modifier of "say"): the nearest number or noun hanging left of a finite verb."""
    if verb.tag_ not in ("VBD", "VBP", "VBZ"):
        return None
    left = [c for c in verb.lefts if c.dep_ in ("nummod", "npadvmod", "dep", "nmod", "compound")]
    left = [c for c in left if c.pos_ in ("NUM", "NOUN", "PROPN") and c.i >= verb.i - 3]
    if left:
        return left[-1]
    return _named_before(verb) if verb.dep_ == "ROOT" else None


def _named_before(verb: Token) -> Token | None:
    """A name right before a sentence's verb that the parser hung elsewhere ("Alarmed by the
    unrest, Senator X, the minority leader, said ...": X parsed as part of the phrase before)."""
    before = [t for t in verb.doc[verb.sent.start : verb.i] if not (t.is_punct or t.is_space)]
    if not before or before[-1].pos_ not in ("NOUN", "PROPN"):
        return None
    named = before[-1]
    while named.dep_ == "appos" and named.head.i < named.i:
        named = named.head
    if named.pos_ == "PROPN" and named.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return named
    return None


def antecedent(subj: Token) -> Token | None:
    """The noun a relative pronoun stands for ("the senator, who said ..." -> "senator")."""
    clause = subj.head
    relative = subj.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl"
    if relative and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return None


def mention_tokens(head: Token) -> list[Token]:
    """The mention's words: the head with its determiners, modifiers and compounds."""
    words = [head]
    for child in head.children:
        if child.dep_ in NOT_MENTION:
            continue
        if child.dep_ == "prep" and child.i > head.i:
            # "head of the party" is a mention; a long trailing phrase is not.
            if len(list(child.subtree)) > 6:
                continue
        words.extend(child.subtree)
    words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
    # Keep a contiguous run around the head.
    start = end = words.index(head)
    while start > 0 and words[start - 1].i == words[start].i - 1:
        start -= 1
    while end + 1 < len(words) and words[end + 1].i == words[end].i + 1:
        end += 1
    run = words[start : end + 1]
    while run and (run[0].is_punct or run[0].is_space) and run[0] is not head:
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].is_space) and run[-1] is not head:
        run = run[:-1]
    return run


def noun_source(noun: Token) -> Token | None:
    """Whose claim a reporting noun is: "his insistence", "the union's call", "a call by the
    union", or the subject of the verb that has it ("she repeated her claim that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            # "X repeated his claim": the subject names whom the pronoun stands for
            owner = _verb_subject(noun) if child.pos_ == "PRON" else None
            return owner if owner is not None and _agrees(child, owner) else child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return subject(noun.head)
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
        return subject(noun.head.head)  # "she said in a statement that ..."
    return None


def _verb_subject(noun: Token) -> Token | None:
    """The subject of the verb whose object (or prepositional object) ``noun`` is."""
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return subject(noun.head)
    if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
        return subject(noun.head.head)
    return None


def _agrees(pronoun: Token, named: Token) -> bool:
    """Whether a possessive pronoun can stand for ``named``: "his"/"her" for a person,
    "their" for a plural, "its" for a body ("the council rejected his claim": not the council's)."""
    word = pronoun.lower_
    if named.pos_ == "PRON":
        pairs = (("his", "he"), ("her", "she"), ("their", "they"), ("its", "it"))
        return (word, named.lower_) in pairs
    if word in ("his", "her"):
        return named.ent_type_ == "PERSON"
    if word == "their":
        return named.tag_ in ("NNS", "NNPS")
    if word == "its":
        return named.ent_type_ in ORG_LABELS or named.lemma_.lower() in ORGANIZATION_NOUNS
    return False


def according_source(token: Token) -> Token | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def speaker_type(head: Token) -> SpeakerType:
    """person / organization / document from the named entity or the head noun."""
    lemma = head.lemma_.lower()
    if lemma in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS:
        return "document"
    if head.ent_type_ == "PERSON" or head.lower_ in PERSON_PRONOUNS:
        return "person"
    if head.ent_type_ in ORG_LABELS or lemma in ORGANIZATION_NOUNS:
        return "organization"
    return "unknown"


def source_span(doc: Doc, head: Token) -> tuple[int, int]:
    """The mention's characters. A relative pronoun's mention runs from the noun it stands for
    to the pronoun ("Ms Ito, who"): the words that name the speaker and the word that speaks."""
    words = mention_tokens(head)
    noun = antecedent(head)
    if noun is not None and noun.i < head.i:
        words = mention_tokens(noun) + [head]
    return words[0].idx, words[-1].idx + len(words[-1])


def speaker_head(head: Token) -> Token:
    """The token whose words say what kind of speaker it is (a relative pronoun's noun)."""
    return antecedent(head) or head

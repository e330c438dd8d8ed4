"""Topics stage: what each statement is about.

A statement is about the organisations, places, laws, events, parties and policies that are
the arguments of its main predicates, named directly ("Nato", "the sugar tax") or through a
pronoun or definite description ("it", "the alliance", "the levy") that we resolve to the most
salient compatible mention earlier in the article.

Names are canonicalised twice: ``canonical_topic`` is a pure, article-independent normaliser
(case, articles, possessives, well-known acronyms); within an article, acronyms are matched with
their expansions ("North Atlantic Treaty Organization (Nato)") and descriptions with the names
they refer to, so every mention of one thing becomes one topic.

Each topic also carries its aliases: the other names the article gives it ("breakaway Grand
League" for "Grand League", "Mill Road scheme" for the Mill Road low-traffic zone, the
everyday "sugar tax" for a "sugar levy"), so a search by any of them finds it. A name never
comes from a size ("steel tariffs", not "25 percent tariffs").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.attrs import IS_ALPHA, IS_UPPER, LENGTH, LOWER, ORTH
from spacy.tokens import Doc, Span as SpacySpan, Token

from onrecord.compare import takes_no_side
from onrecord.parse import doc_text, load_nlp
from onrecord.models import Quote, Removed, Span, TopicStance
from onrecord.quotes.marks import quoted_regions
from onrecord.speakers import PERSON_ROLES, headline_end, lead_end

MAX_TOPICS = 3

# Entity labels that can be what a statement is about (not dates, numbers, money...).
TOPIC_LABELS = frozenset({"ORG", "NORP", "GPE", "LAW", "EVENT", "PERSON", "FAC", "LOC", "PRODUCT"})

# Well-known acronyms and their expansions: general world knowledge, not any article's words.
KNOWN_ACRONYMS: dict[str, tuple[str, ...]] = {
    "nato": ("north atlantic treaty organization", "north atlantic treaty organisation",
             "north atlantic alliance"),
    "eu": ("european union",),
    "un": ("united nations",),
    "nhs": ("national health service",),
    "who": ("world health organization", "world health organisation"),
    "imf": ("international monetary fund",),
    "wto": ("world trade organization", "world trade organisation"),
    "ecb": ("european central bank",),
    "oecd": ("organisation for economic co-operation and development",
             "organization for economic cooperation and development"),
    "opec": ("organization of the petroleum exporting countries",),
    "uk": ("united kingdom", "britain", "great britain"),
    "us": ("united states", "united states of america", "usa", "america"),
    "bbc": ("british broadcasting corporation",),
    "echr": ("european convention on human rights",),
    "icc": ("international criminal court",),
    "fbi": ("federal bureau of investigation",),
    "cia": ("central intelligence agency",),
    "nafta": ("north american free trade agreement",),
    "a&e": ("accident and emergency", "accident and emergency department"),
}
_EXPANSIONS = {expansion: acronym for acronym, rows in KNOWN_ACRONYMS.items() for expansion in rows}
_MULTIWORD_EXPANSIONS = sorted((e for e in _EXPANSIONS if " " in e), key=len, reverse=True)

# Head nouns of policy noun phrases ("the sugar tax", "the third runway", "tuition fees").
ISSUE_HEADS = frozenset(
    """tax levy duty tariff fee toll surcharge charge runway airport scheme policy bill law act
    ban plan programme program reform deal treaty agreement budget wall pipeline benefit pension
    wage referendum vaccine vaccination lockdown mandate subsidy spending welfare immigration
    migration asylum abortion railway rail line deterrent station hospital bridge tunnel road
    bypass motorway housing rent cap quota sanction sanctions regulation rule limit zone
    academy curriculum privatisation privatization nationalisation nationalization
    project proposal strategy bailout
    loan grant allowance credit exemption relief levy licence license permit fracking
    mine plant farm windfarm incinerator power energy generation reactor
    link route stadium arena league moratorium trial closure cancellation legislation measure
    forgiveness wind freeze expansion curfew cull fence royalty
    """.split()
)

# Definite descriptions that refer back to something named earlier, by the class they need.
ORG_NOUNS = frozenset(
    """alliance organisation organization bloc union body group agency coalition league
    federation institution company firm bank council committee commission party movement
    association charity regulator authority government administration board panel cabinet
    trust""".split()
)
PLACE_NOUNS = frozenset("country nation state city region kingdom republic island town".split())
CLASS_OF: dict[str, str] = {n: "org" for n in ORG_NOUNS} | {n: "place" for n in PLACE_NOUNS}
for _noun in ISSUE_HEADS:
    CLASS_OF.setdefault(_noun, "issue")

LABEL_CLASS = {"ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place", "FAC": "issue",
               "LAW": "issue", "EVENT": "event", "PRODUCT": "issue", "PERSON": "person"}
# What "it"/"this" can refer to: not people, not plural party names.
IT_CLASSES = frozenset({"org", "place", "issue", "event"})
ANAPHORS = frozenset({"it", "this", "its"})
# "they", "them": only a plural issue named in this sentence or the one before ("these tariffs
# cost more jobs than they save, and we should end them"); people are "they" far more often.
PLURAL_ANAPHORS = frozenset({"they", "them"})
PLURAL = "plural"
# "It" more often continues an organisation or a policy than an event named in passing.
KIND_WEIGHT = {"event": 0.6, "place": 0.8}

# "the levy" may name "the sugar tax", "the scheme" "the parking plan": near-synonym heads.
SYNONYM_GROUPS = (
    frozenset("tax levy duty tariff charge fee toll surcharge pricing".split()),
    frozenset("law act bill legislation measure treaty pact agreement deal accord".split()),
    frozenset("scheme plan project programme program policy proposal strategy".split()),
    frozenset("line link railway rail route".split()),
    frozenset("road bypass motorway highway route".split()),
    frozenset("cap limit freeze control controls ceiling".split()),  # of a price or a rent
    frozenset("ban moratorium prohibition".split()),
    frozenset("relief forgiveness cancellation write-off".split()),  # of a debt
)


def _same_thing(description: str, head: str) -> bool:
    return description == head or any(description in g and head in g for g in SYNONYM_GROUPS)


# Role weights for centrality and salience: arguments of predicates over modifiers.
ROLE_WEIGHT = {"nsubj": 1.0, "nsubjpass": 1.0, "dobj": 1.0, "attr": 0.8, "pobj": 0.7,
               "conj": 0.7, "appos": 0.6, "compound": 0.6, "poss": 0.6, "dative": 0.7}
TEMPORAL_PREPS = frozenset({"after", "before", "during", "since", "until", "when"})
# Prepositions that set a story's circumstance in a headline ("under budget plans", "despite
# $600m price tag", "amid protests").
CIRCUMSTANCES = frozenset({"under", "despite", "amid", "after", "following"})

_ARTICLE = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_PUNCT = re.compile(r"[^\w\s&-]")
_PARTY = re.compile(r"\s+party$")


@lru_cache(maxsize=65536)  # pure, and asked for every mention and topic of every article
def canonical_topic(name: str) -> str:
    """Normalise a topic name so that mentions of one thing compare equal across articles.

    >>> canonical_topic("the North Atlantic Treaty Organization") == canonical_topic("Nato")
    True
    """
    key = " ".join(name.replace("’", "'").split()).casefold()
    key = _POSSESSIVE.sub("", key)
    key = _ARTICLE.sub("", key)
    key = " ".join(_PUNCT.sub(" ", key).split())
    key = _PARTY.sub("", key) if key.count(" ") >= 1 else key  # "Labour Party" = "Labour"
    key = key.replace(".", "")
    key = _EXPANSIONS.get(key, key)
    key = _expanded_prefix(key)
    return _singular_last(key, name)


def _expanded_prefix(key: str) -> str:
    """ "accident and emergency department closure" is the "a&e closure": a well-known
    expansion opening a longer name reads as its acronym (longest expansion first)."""
    for expansion in _MULTIWORD_EXPANSIONS:
        if key.startswith(expansion + " "):
            return _EXPANSIONS[expansion] + key[len(expansion):]
    return key


PLURAL_ONLY = frozenset("news series species means politics economics physics arms".split())


def _singular_last(key: str, name: str) -> str:
    """ "steel tariffs" = "steel tariff": a common-noun name's plural head is the same topic.
    Proper names ("Wales", "Athens") and one-word keys ("news", "us") are left alone."""
    words = key.split()
    surface = name.split()
    if not words or not surface or not surface[-1][:1].islower() or words[-1] in PLURAL_ONLY:
        return key
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return " ".join(words[:-1] + [last])


def display_name(key: str, surfaces: Iterable[str]) -> str:
    """A readable name for a canonical key: the acronym in capitals, else the fullest proper
    name the article uses ("Northern Link", not "line"), else the first name it uses."""
    if key in KNOWN_ACRONYMS:
        return key.upper()
    names = [_ARTICLE.sub("", _POSSESSIVE.sub("", s.strip())) for s in surfaces]
    names = [n for n in names if n]
    # "LTN" is read as the "low-traffic neighbourhood" the article spells out.
    names = [n for n in names if not _abbreviates(n, names)]
    # "steel tariffs" over "25 percent tariffs": a name by content over a name by size.
    names = [n for n in names if not any(c.isdigit() for c in n)] or names
    # "cap" in a headline is the "international student cap" its story names in full.
    names = [n for n in names if len(n.split()) > 1 or not n.islower() or not any(
        len(m.split()) > 1 and m.split()[-1].casefold() == n.casefold() for m in names)] or names
    proper = [n for n in names if _is_proper_name(n)]
    if proper:
        return max(proper, key=lambda n: (len(n.split()), -proper.index(n)))
    # A common-noun name: the plainest word for its kind ("sugar tax" over "sugar levy" when
    # the article uses both), then the one the article uses most, the earliest of equals.
    if not names:
        return key
    return max(names, key=lambda n: (_plain_head(n), names.count(n), -names.index(n)))


# The everyday word for a kind of measure, among its near-synonyms (see SYNONYM_GROUPS).
PLAIN_HEADS = frozenset({"tax", "taxes", "ban", "bans"})


def _plain_head(name: str) -> bool:
    words = name.casefold().split()
    return len(words) > 1 and words[-1] in PLAIN_HEADS


def _abbreviates(name: str, names: Sequence[str]) -> bool:
    """ "LTN" among "low-traffic neighbourhood": an acronym of another name in the list."""
    if not (name.isupper() and name.isalpha()):
        return False
    return any(_initials(re.findall(r"[^\W\d_]+", other)) == name.casefold() for other in names
               if other != name)


def _is_proper_name(name: str) -> bool:
    """Every word capitalised ("Northern Link"), unlike "Northern Link rail line"."""
    words = [w for w in name.split() if w[:1].isalpha() and w.casefold() not in _NAME_LINKS]
    return bool(words) and all(w[:1].isupper() for w in words)


_NAME_LINKS = frozenset({"of", "and", "for", "on", "the", "in", "de"})


@dataclass(frozen=True)
class Mention:
    """One mention of a topic in the article: ``head`` is the token index of its head word."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # org, place, issue, event, person
    head: int
    direct: bool  # named here, not through a pronoun or description
    name: str = ""  # the display name of its topic (see ``display_name``)
    modifier: bool = False  # a body or place qualifying a noun ("a Senate hearing")
    # Longer names this mention is written within ("breakaway Elite League", "Elm Road
    # scheme"), and, once named, every other name the article gives its topic.
    forms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def _in_removed(start: int, end: int, removed: Sequence[Removed]) -> bool:
    if not removed:
        return False
    return any(r.start < end and start < r.end for r in removed)


def _initials(words: Sequence[str]) -> str:
    skip = {"of", "the", "and", "for", "on", "in", "de"}
    return "".join(w[0] for w in words if w and w.casefold() not in skip).casefold()


def _entity_mentions(doc: Doc) -> list[tuple[SpacySpan, str]]:
    found: list[tuple[SpacySpan, str]] = []
    for ent in doc.ents:
        if ent.label_ not in TOPIC_LABELS:
            continue
        # "The World Health Organization (WHO": the NER may swallow a bracketed acronym.
        parts: list[list[Token]] = [[]]
        for t in ent:
            if t.text in {"(", ")"}:
                parts.append([])
            elif not t.is_punct and t.tag_ != "POS" and t.lower_ not in {"the", "a"}:
                parts[-1].append(t)
        if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound", "nmod"} \
                and ent.root.head.pos_ == "NOUN":
            continue  # "a Progressive government", "American troops": who, not what
        if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.pos_ == "ADJ":
            continue  # "backs Olympic bid": an adjective the NER took for a name
        for tokens in parts:
            if tokens and not _dateline(doc[tokens[0].i : tokens[-1].i + 1]):
                found.append((doc[tokens[0].i : tokens[-1].i + 1], LABEL_CLASS[ent.label_]))
    return found


def _dateline(span: SpacySpan) -> bool:
    """ "WASHINGTON — Sen. ...": the place a report was filed from opens its paragraph in
    capitals and a dash; it is where the reporter was, not what anyone spoke about."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    follows = doc[span.end].text if span.end < len(doc) else ""
    capitals = span.text.isupper() and len(span.text) > 2
    return opens and capitals and follows in {"—", "–", "-", ","}


# Heads that say only that something is a measure: "the Elm Street scheme" is whatever the
# article calls Elm Street's measure otherwise.
GENERIC_MEASURES = frozenset({"scheme", "plan", "project", "programme", "program", "proposal"})

# Nouns for measures that are about what they would do: "a bill to ban fracking".
POLICY_NOUNS = frozenset(
    """bill law legislation plan proposal measure motion scheme programme program strategy
    amendment regulation rule campaign bid move decision pledge promise vote""".split()
)
# Nouns for intentions, which are about the thing intended, not a thing of their own.
INTENT_NOUNS = frozenset({"plan", "proposal", "bid", "idea", "move", "pledge", "promise"})
# Verbs whose object is the subject of the next clause: "allow crops to be grown".
LETTING_VERBS = frozenset({"allow", "let", "permit", "enable", "require", "force", "stop"})
# Objects too vague to be an issue ("to spend the money", "to do this").
VAGUE_OBJECTS = frozenset(
    """money way thing things something people case issue matter lot part rest time""".split()
)


def _purposes(doc: Doc) -> dict[int, SpacySpan]:
    """Policy nouns followed by what they would do, and the object that names the issue:
    "legislation to allow gene-edited crops to be grown" -> "gene-edited crops", "plans to
    close four libraries" -> "libraries", "a proposal to scrap tuition fees" -> "tuition fees"."""
    found: dict[int, SpacySpan] = {}
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in POLICY_NOUNS:
            continue
        named = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if named and noun.lemma_.lower() in INTENT_NOUNS:
            # "the Elite League plan" is about the Elite League.
            found[noun.i] = doc[min(c.left_edge.i for c in named) : named[-1].i + 1]
            continue
        wanted = [c for p in noun.rights if p.dep_ == "prep" and p.lower_ == "for"
                  for c in p.children if c.dep_ == "pobj" and c.pos_ == "NOUN" and (
                      c.lemma_.lower() in ISSUE_HEADS
                      or _naming_modifiers(c) and c.lemma_.lower() not in _NOT_ISSUE_HEADS)
                  and c.lemma_.lower() not in SPANS_OF_TIME]
        if wanted and noun.lemma_.lower() in INTENT_NOUNS:
            found[noun.i] = noun.doc[wanted[0].left_edge.i : wanted[0].i + 1]
            continue  # "plans for a new stadium" are about the stadium
        verbs = [c for c in noun.rights if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        if not verbs or verbs[0].i - noun.i > 3:
            continue
        target = _object_of(verbs[0])
        if target is not None:
            found[noun.i] = target
    return found


# "the biggest pledge for a generation": a span of time, not what the pledge is for.
SPANS_OF_TIME = frozenset({"generation", "decade", "year", "century", "lifetime"})


def _object_of(verb: Token) -> SpacySpan | None:
    """The noun phrase a verb acts on, by its naming words ("gene-edited crops")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objects and verb.lemma_.lower() in LETTING_VERBS:
        for clause in verb.children:
            if clause.dep_ in {"ccomp", "xcomp"}:
                objects += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not objects:
        return None
    head = objects[0]
    if head.pos_ not in {"NOUN", "PROPN"} and head.lower_ not in MASS_ISSUES:
        return None
    if head.lemma_.lower() in VAGUE_OBJECTS:
        return None
    if head.lemma_.lower() in CLASS_OF and not _naming_modifiers(head):
        return None  # "a bill to put a fee on ...": the fee is a description, resolved as one
    start = min((c.left_edge.i for c in _naming_modifiers(head)), default=head.i)
    return head.doc[start : head.i + 1]


def _whole_words(span: SpacySpan) -> SpacySpan:
    """A name never ends inside a hyphenated word ("e" of "e-scooters"): run on to its end."""
    doc, end = span.doc, span.end
    while end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text == "-" \
            and doc[end].whitespace_ == "" and doc[end + 1].is_alpha:
        end += 2
    return doc[span.start : end] if end != span.end else span


def _without_headline_subjects(
    spans: Sequence[tuple[SpacySpan, str]], title_end: int
) -> list[tuple[SpacySpan, str]]:
    """ "Whitlock cheers steel tariffs": a headline's parse may read its subject and verb as
    modifiers of its object. An issue in the headline that opens with a person the article
    names, then one more word (the verb), is the words after them ("steel tariffs")."""
    people = {w.casefold() for s, kind in spans if kind == "person" and s.start_char >= title_end
              for w in s.text.split()}
    out: list[tuple[SpacySpan, str]] = []
    for span, kind in spans:
        if kind == "issue" and span.start_char < title_end:
            named = 0
            while named < len(span) - 2 and span[named].is_title and span[named].lower_ in people:
                named += 1
            if named and span.root.i > span[named].i and span[named].text != "-":
                span = span[named + 1 :]  # (not "Penrose-Galloway merger": one name)
            elif len(span) > 2 and span[0].is_title and _people_noun(span[0]) and span.root.i > span[1].i:
                # "Ministers unveil plan": the verb goes too, when it can only be a verb;
                # "Nurses pay deal": "pay" may name the deal, and stays.
                span = span[2:] if _only_a_verb(span[1]) else span[1:]
        out.append((span, kind))
    return out


# Plural nouns for groups of people that open headlines as their subject ("Fishermen brand
# Skerra deal 'a sell-out'", "Ministers unveil plan"), beside the roles speakers are named by.
PEOPLE_NOUNS = frozenset(
    """fisherman farmer worker resident voter student pupil parent teacher doctor nurse miner
    trader shopkeeper retailer business landlord tenant driver commuter motorist family union
    campaigner critic protester mp councillor senator lawmaker minister official chief boss
    fan player owner""".split()
)


def _people_noun(token: Token) -> bool:
    """A plural noun naming people ("Ministers", "Fishermen", "MPs"), as a headline's subject."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and lemma.endswith("s"):
        lemma = lemma[:-1]  # "MPs", which the lemmatizer leaves as it is
    return token.tag_ in {"NNS", "NNPS"} and (lemma in PEOPLE_NOUNS or lemma in PERSON_ROLES)


def _only_a_verb(token: Token) -> bool:
    """A word the parser tagged a verb, or that English knows only as a verb ("unveil")."""
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
        return True
    index = _lemma_index()
    word = token.lower_
    return index is not None and word in index["verb"] and word not in index["noun"]


@lru_cache(maxsize=4)
def _lemma_table(lemmatizer: object) -> dict[str, set[str]] | None:
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return None
    table = lookups.get_table("lemma_index")
    return {pos: set(table[pos]) for pos in ("verb", "noun") if pos in table} or None


def _lemma_index() -> dict[str, set[str]] | None:
    """The words spaCy's lemmatizer lists as verbs and as nouns (None without such a table)."""
    try:
        lemmatizer = load_nlp().get_pipe("lemmatizer")
    except KeyError:
        return None
    table = _lemma_table(lemmatizer)
    return table if table is not None and {"verb", "noun"} <= set(table) else None


def _people_named(spans: Sequence[tuple[SpacySpan, str]]) -> list[tuple[SpacySpan, str]]:
    """ "Delgado" tagged a place or a body is the person the article calls "Marcus Delgado":
    a name that is a person's surname or full name elsewhere in the article is that person."""
    people = {s.text for s, kind in spans if kind == "person" and len(s) > 1}
    surnames = {name.split()[-1] for name in people}
    return [(s, "person" if kind in {"org", "place"} and (s.text in people or s.text in surnames)
             else kind) for s, kind in spans]


# Issues named by a bare mass noun ("Fracking should be banned"): no determiner needed.
MASS_ISSUES = frozenset(
    """fracking immigration migration asylum abortion welfare privatisation privatization
    nationalisation nationalization austerity conscription""".split()
)


def _issue_mentions(doc: Doc, taken: set[int]) -> list[tuple[SpacySpan, str]]:
    """Policy noun phrases: a policy head noun with a modifier ("the sugar tax", "the Northern
    Link"), and generic bare plurals and mass nouns ("tariffs", "fracking")."""
    found: list[tuple[SpacySpan, str]] = []
    title_end = headline_end(doc_text(doc))
    for token in doc:
        if token.i in taken:
            continue
        if token.lower_ in MASS_ISSUES and token.pos_ in {"NOUN", "VERB"} and token.dep_ != "amod":
            found.append((doc[token.i : token.i + 1], "issue"))
            continue
        if token.pos_ not in {"NOUN", "PROPN"} or token.lemma_.lower() not in ISSUE_HEADS:
            continue
        modifiers = _naming_modifiers(token)
        if token.pos_ == "PROPN":
            modifiers = [c for c in modifiers if c.pos_ == "PROPN"]
        sizes = [c for c in token.lefts if c.dep_ in {"compound", "amod", "nmod", "nummod"}
                 and _numeric(c)]
        if modifiers:
            start = min(c.left_edge.i for c in modifiers)
            found.append((doc[start : token.i + 1], "issue"))
        elif sizes and token.pos_ == "NOUN":
            # "a 12,000-seat stadium", "25 percent tariffs": an issue named by its size, the
            # same as the article's issue with that head when there is one (``_merged_names``).
            found.append((doc[min(c.left_edge.i for c in sizes) : token.i + 1], "issue"))
        elif token.tag_ == "NNS" and not any(c.dep_ in {"det", "poss"} for c in token.children) \
                and token.lemma_.lower() not in GENERIC_MEASURES:
            found.append((doc[token.i : token.i + 1], "issue"))  # "tariffs hurt families"
        elif token.idx < title_end and token.pos_ == "NOUN" and token.dep_ not in {"compound", "amod", "nmod"} \
                and token.lemma_.lower() not in GENERIC_MEASURES | ACT_NOMINALS \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            # "Residents pack hearing on proposed incinerator": a headline names the issue bare.
            found.append((doc[token.i : token.i + 1], "issue"))
    return found + _expanded_acronyms(doc, taken | {t.i for s, _ in found for t in s})


def _expanded_acronyms(doc: Doc, taken: set[int]) -> list[tuple[SpacySpan, str]]:
    """A noun phrase whose initials the article also uses as a name is a named thing, whatever
    its head: "low-traffic neighbourhood" where the article says "the LTN"."""
    acronyms = _acronyms(doc)
    found: list[tuple[SpacySpan, str]] = []
    for token in doc:
        if token.i in taken or token.tag_ not in {"NN", "NNS"} or not acronyms:
            continue
        modifiers = [c for c in _naming_modifiers(token) if c.i not in taken]
        if not modifiers:
            continue
        span = doc[min(c.left_edge.i for c in modifiers) : token.i + 1]
        words = [t.text for t in span if t.is_alpha]
        if len(words) >= 2 and _initials(words) in acronyms:
            found.append((span, "issue"))
    return found


def _acronyms(doc: Doc) -> set[str]:
    """The article's words in capitals of 2 to 6 letters, lower-cased (read from the token
    arrays: one pass, no token objects)."""
    rows = doc.to_array([IS_UPPER, IS_ALPHA, LENGTH, LOWER]).tolist()
    strings = doc.vocab.strings
    return {strings[lower] for upper, alpha, length, lower in rows if upper and alpha and 2 <= length <= 6}


# "spend £2bn on defence", "spending on defence": the issue is the spending on it.
SPENDING_WORDS = frozenset({"spend", "spending", "invest", "investment", "expenditure"})


# What a speaker invests "in" as an aim, not an area of spending: "invest in peace".
GOALS = frozenset("""peace hope future people job change prosperity growth dialogue
    opportunity fairness freedom democracy country nation community""".split())


def _spending_names(doc: Doc, taken: set[int]) -> dict[int, tuple[SpacySpan, str]]:
    """Objects of spending, by the name a reader gives them: "defence spending"."""
    found: dict[int, tuple[SpacySpan, str]] = {}
    for token in doc:
        if token.i in taken or token.dep_ != "pobj" or token.head.lower_ not in {"on", "in"}:
            continue
        if token.pos_ != "NOUN" or any(c.dep_ in {"det", "poss"} for c in token.children):
            continue
        node = token.head
        while node.dep_ in {"prep", "pobj", "dobj"} and node.head.i != node.i \
                and node.lemma_.lower() not in SPENDING_WORDS:
            node = node.head
        spending = node.head if node.dep_ == "prep" else node
        if token.lemma_.lower() in GOALS | VAGUE_OBJECTS:
            continue  # "invest in people, invest in peace": aims, not a budget line
        if spending.lemma_.lower() in SPENDING_WORDS and token.i - spending.i <= 12:
            start = min((c.left_edge.i for c in _naming_modifiers(token)), default=token.i)
            span = doc[start : token.i + 1]
            found[token.i] = (span, f"{span.text} spending")
    return found


# Nouns that are never the issue an article debates, however they are qualified.
NOT_ISSUES = frozenset(
    """year month day decade century hour minute time percent cent per number figure share
    rise fall increase drop resistance criticism opposition support anger concern fear row
    clash warning call calls question questions interview statement speech comment remarks
    conference meeting hearing session debate vote report study survey poll analysis
    campaign petition protest group review inquiry investigation consultation ruling judgment
    verdict decision hall rally summit talks event visit trip tour size level amount scale
    cost price""".split()
)
# What a headline or lede names by a head these words qualify is an issue only as a kind of
# thing, not as someone's role or an organisation: those are speakers and bodies.
_NOT_ISSUE_HEADS = NOT_ISSUES | VAGUE_OBJECTS | GOALS | PERSON_ROLES | ORG_NOUNS | PLACE_NOUNS


def _lead_issues(doc: Doc, taken: set[int]) -> list[tuple[SpacySpan, str]]:
    """The issue the story is about, as the headline and lede name it, whatever its head noun:
    "MPs clash over gene-edited crops", "a licensing regime for AI", "offshore wind capacity".

    A common noun qualified by a naming word ("gene-edited", "offshore wind") in the lead,
    whose head the article uses again elsewhere ("these crops"), is an issue; so is every
    other mention of it qualified the same way. People's roles, bodies, places, times and
    the story's own events ("a Senate hearing") are not.
    """
    end = lead_end(doc_text(doc))
    nouns = [t for t in doc if t.pos_ == "NOUN"]  # read once: this runs on every article
    lemmas: dict[str, int] = {}
    for token in nouns:
        lemmas[token.lemma_.lower()] = lemmas.get(token.lemma_.lower(), 0) + 1
    candidates = {t.i: words for t in nouns if lemmas[t.lemma_.lower()] >= 2
                  for words in [_issue_words(t, taken)] if words is not None}
    wanted = {(doc[i].lemma_.lower(), words) for i, words in candidates.items() if doc[i].idx < end}
    found: list[tuple[SpacySpan, str]] = []
    for i, words in candidates.items():
        token = doc[i]
        if (token.lemma_.lower(), words) not in wanted:
            continue
        modifiers = _naming_modifiers(token)
        found.append((doc[min(c.left_edge.i for c in modifiers) : token.i + 1], "issue"))
    return found


def _issue_words(token: Token, taken: set[int]) -> frozenset[str] | None:
    """The common naming words of a candidate lead issue ("gene-edited" of "gene-edited
    crops"), or None when ``token`` cannot head one."""
    if token.pos_ != "NOUN" or token.tag_ not in {"NN", "NNS"} or token.i in taken:
        return None
    if token.lemma_.lower() in _NOT_ISSUE_HEADS or token.lower_ in _NOT_ISSUE_HEADS:
        return None
    if token.dep_ not in {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "ROOT"}:
        return None
    modifiers = _naming_modifiers(token)
    common = frozenset(c.lower_ for c in modifiers if c.pos_ != "PROPN" or c.is_upper)
    # "Harwood libraries", "Senate seat": qualified only by a name, an instance of a body's.
    if not common or all(c.i in taken and not c.is_upper for c in modifiers):
        return None
    return common


# Acts done to a thing, and the noun that names the policy of doing them ("libraries to
# close": library closures; "canceling student debt": student debt cancellation).
ACT_NOUNS = {
    "close": "closure", "cancel": "cancellation", "forgive": "forgiveness",
    "abolish": "abolition", "expand": "expansion", "extend": "extension",
    "privatise": "privatisation", "privatize": "privatization", "nationalise": "nationalisation",
    "nationalize": "nationalization", "merge": "merger", "demolish": "demolition",
    "legalise": "legalisation", "legalize": "legalization", "decriminalise": "decriminalisation",
    "decriminalize": "decriminalization", "license": "licensing", "licence": "licensing",
    "regulate": "regulation", "freeze": "freeze", "cap": "cap", "raise": "rise", "hike": "hike",
    "cut": "cut", "ban": "ban", "outlaw": "ban", "prohibit": "ban",
}
# Acts that end the thing they are done to: a statement for the thing is against its closure.
REMOVAL_ACTS = frozenset({"closure", "abolition", "cancellation", "forgiveness", "demolition"})


# Acts whose name stands for the issue in place of the thing they end ("smartphone ban").
ENDING_ACTS = REMOVAL_ACTS | {"ban"}


def removes(key: str, head_lemma: str) -> bool:
    """Is a mention headed by ``head_lemma`` the thing a removal topic ends ("library" in
    "library closure")? Readings aimed at it are turned for the topic."""
    words = key.split()
    if len(words) < 2 or words[-1] not in REMOVAL_ACTS:
        return False
    # "the department" of the "a&e closure": an acronym's spelled-out words name it too.
    named = {w for word in words[:-1]
             for w in (word, *" ".join(KNOWN_ACRONYMS.get(word, ())).split()) if w not in _NAME_LINKS}
    return head_lemma in named


# What a policy act's noun is said of: "X faces closure", "the closure of X", "X's closure".
ACT_NOMINALS = frozenset(ACT_NOUNS.values()) - {"cuts", "cut", "rise", "hike", "regulation",
                                                  "licensing", "cap", "ban"}
# Acts the thing undergoes as the subject ("four libraries will close").
UNDERGONE = frozenset({"close", "merge", "expand"})
# Nominals named in the plural when their object is ("library closures", "school closures").
COUNTED_ACTS = frozenset({"closure", "cut", "cuts", "merger", "demolition"})


def _act_names(doc: Doc, quoted: Sequence[tuple[int, int]]) -> dict[int, tuple[SpacySpan, str]]:
    """Objects of a policy act in the story's lead, by the name of the act ("library
    closures"): news names an issue by what would be done ("Four libraries to close").
    ``quoted``: the article's quoted regions (a speaker's words name no issue)."""
    end = lead_end(doc_text(doc))
    found: dict[int, tuple[SpacySpan, str]] = {}
    for verb in doc:
        if verb.idx >= end:
            break
        nominal = ACT_NOUNS.get(verb.lemma_.lower())
        if verb.pos_ != "VERB" or nominal is None or _in_spans(verb.idx, quoted):
            continue  # a speaker's words name no issue for the article
        if any(c.dep_ == "prt" and c.lower_ != "down" for c in verb.children):
            continue  # "close up", "merge in": another act than the policy's
        target = _act_object(verb)
        if target is None or target.i in found:
            continue
        if nominal in REMOVAL_ACTS and target.lemma_.lower() in ISSUE_HEADS:
            continue  # "abolish the sugar tax": the issue is the tax, and abolishing is against it
        modifiers = [c for c in _naming_modifiers(target) if c.pos_ != "PROPN"]
        start = min((c.left_edge.i for c in modifiers), default=target.i)
        words = [t.lower_ for t in doc[start : target.i] if t.is_alpha or t.text == "-"]
        plural = target.tag_ == "NNS" and nominal in COUNTED_ACTS
        name = " ".join([*words, target.lemma_.lower(), nominal + ("s" if plural else "")])
        found[target.i] = (doc[start : target.i + 1], name.replace(" - ", "-"))
    for noun in doc:
        if noun.idx >= end:
            break
        owner = _act_owner(noun) if noun.lemma_.lower() in ACT_NOMINALS else None
        if owner is None or owner.i in found or _in_spans(noun.idx, quoted):
            continue
        if noun.lemma_.lower() in REMOVAL_ACTS and owner.lemma_.lower() in ISSUE_HEADS:
            continue
        start = min((c.left_edge.i for c in owner.lefts if c.dep_ in {"compound", "amod"}),
                    default=owner.i)
        words = [t.text for t in owner.doc[start : owner.i + 1] if t.tag_ != "POS"]
        found[owner.i] = (doc[start : owner.i + 1], " ".join([*words, noun.lemma_.lower()]))
    return found


# Measures named by what they are put on: "a cap on international students", "a ban on
# disposable vapes", "a levy on sugary drinks".
MEASURES_ON = frozenset({"cap", "ban", "limit", "tax", "levy", "freeze", "moratorium", "quota",
                         "curfew", "tariff", "duty", "charge", "royalty", "surcharge"})
# Modifiers that say whose a measure is, not what it is: "a federal cap", "a state ban".
JURISDICTIONS = frozenset("""federal national state statewide government city citywide county
    council local regional provincial nationwide countrywide blanket total outright""".split())
# Words that count or trade the thing a measure is on: "a cap on student numbers", "a ban on
# the sale of vapes".
COUNT_WORDS = frozenset({"number", "numbers", "sale", "sales", "use", "import", "imports",
                         "level", "levels", "amount", "supply"})


def _measures_on(doc: Doc, quoted: Sequence[tuple[int, int]]) -> dict[int, str]:
    """A measure in the story's lead named by what it is put on ("a federal cap on
    international student numbers": international student cap), when its own modifiers only
    say whose it is or how big it is. Root token of the measure -> name."""
    end = lead_end(doc_text(doc))
    found: dict[int, str] = {}
    for noun in doc:
        if noun.idx >= end:
            break
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MEASURES_ON or _in_spans(noun.idx, quoted):
            continue
        own = {c.lower_ for c in _naming_modifiers(noun)}
        if own - JURISDICTIONS:
            continue  # "the workplace parking levy on employers" has a name of its own
        target = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "on"
                       for g in p.children if g.dep_ == "pobj"), None)
        counted = False
        if target is not None and target.lower_ in COUNT_WORDS:
            inner = [g for p in target.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"]
            counted = not inner  # "student numbers": the students, named by the modifiers
            target = inner[0] if inner else target
        if target is None or target.pos_ != "NOUN" or (
                not counted and target.lemma_.lower() in _NOT_ISSUE_HEADS):
            continue
        modifiers = [c for c in _naming_modifiers(target) if c.pos_ != "PROPN" and c.i < target.i]
        if counted and not modifiers:
            continue
        words = [t.lower_ for t in doc[min((c.left_edge.i for c in modifiers), default=target.i) : target.i]
                 if t.is_alpha or t.text == "-"]
        thing = [] if counted else [target.lemma_.lower()]
        found[noun.i] = " ".join([*words, *thing, noun.lemma_.lower()]).replace(" - ", "-")
    return found


def _in_spans(offset: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _act_owner(nominal: Token) -> Token | None:
    """What a policy act's noun is said of: "Hensford A&E faces closure" (the subject of the
    verb the noun completes), "the closure of the ward", "the ward's closure"."""
    for child in nominal.children:
        if child.dep_ == "poss" and child.pos_ in {"NOUN", "PROPN"}:
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}]
            if objects:
                return objects[0]
    verb = nominal.head
    if nominal.dep_ == "dobj" and verb.lemma_.lower() in {"face", "risk", "escape", "avoid", "survive"}:
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}]
        return subjects[0] if subjects else None
    return None


def _act_object(verb: Token) -> Token | None:
    """The common noun a policy act is done to ("cancel student debt"; "up to $50,000 in
    student debt": the debt), or that undergoes it ("libraries to close")."""
    if any(c.dep_ == "prep" and c.lower_ == "from" and any(
            g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"} for g in c.children)
            for c in verb.children):
        return None  # "children to be banned from social media": no ban on the children
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objects and verb.dep_ in {"acl", "relcl"} and (
            any(c.dep_ == "auxpass" for c in verb.children) or verb.lemma_.lower() in UNDERGONE):
        objects = [verb.head]  # "Cash-only shops to be banned", "Four libraries to close"
    if not objects and verb.lemma_.lower() in UNDERGONE:
        objects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not objects:
        return None
    target = objects[0]
    if target.tag_ in {"CD", "$"} or target.lower_ in UNIT_WORDS or target.like_num:
        inner = [g for p in target.children if p.dep_ == "prep" and p.lower_ in {"in", "of"}
                 for g in p.children if g.dep_ == "pobj"]
        target = inner[0] if inner else target
    if target.pos_ != "NOUN" or target.lemma_.lower() in _NOT_ACT_OBJECTS:
        return None
    return target


# What no policy act is done to as an issue ("cut the size of the Army"); a rise can be capped.
_NOT_ACT_OBJECTS = (_NOT_ISSUE_HEADS | GENERIC_MEASURES) - {"rise", "increase"}


def _merged_names(spans: Sequence[tuple[SpacySpan, str]], key_of: dict[int, str]) -> dict[str, str]:
    """Names of one thing within the article: key -> the key of its group's first name.

    "the Northern Link, a high-speed line" (apposition), "the levy is a tax" (copula), and a
    definite description whose head is a near-synonym of an earlier name's head ("the soft
    drinks levy" after "sugar tax", "the high-speed line" after "the Northern Link"). Two
    different proper names are never merged this way ("the Clean Air Act", "the Water Act").
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    def union(first: str, later: str) -> None:
        a, b = find(first), find(later)
        if a != b:
            parent[b] = a

    by_root = {span.root.i: (span, kind) for span, kind in spans}
    standalone = {key_of[span.root.i] for span, _ in spans if not _qualifies_issue(span, by_root)}
    title_end = headline_end(doc_text(spans[0][0].doc)) if spans else 0
    for span, kind in spans:
        root = span.root
        key = key_of[root.i]
        if kind == "issue" and _qualifies_issue(span, by_root) and _is_proper_name(_bare(span)) \
                and key not in standalone:
            # "the Elm Road scheme", "the Elm Road low-traffic neighbourhood": a named road,
            # league or line that only ever qualifies measures is what the measure is called
            # (not "Harwood Town", a club the article also names on its own).
            union(key_of[root.head.i], key)
        if kind == "person" or span.start_char < title_end:
            continue  # a person is not a policy; a headline's parse is too rough to trust
        if root.dep_ == "appos" and root.head.i in by_root and by_root[root.head.i][1] != "person":
            union(key_of[root.head.i], key)
        judged = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in root.children) \
            and not _modifier_words(span) & _subject_words(root.head, by_root)
        if root.dep_ == "attr" and root.head.lemma_ in COPULAS and not judged:
            # ("The licence fee is a poll tax": a judgement of the fee, not another name of it.)
            for child in root.head.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i in by_root \
                        and by_root[child.i][1] != "person":
                    union(key_of[child.i], key)
    issues = [(s, key_of[s.root.i]) for s, k in spans if k == "issue"]
    for headline, headline_key in [(s, k) for s, k in issues if s.start_char < title_end]:
        # A headline shortens the name its story gives in full: "four-day week" is the
        # lede's "four-day school week", "proposed incinerator" its "trash incinerator".
        short = _naming_words(headline, headline_key)
        fuller = next((k for s, k in issues if s.start_char >= title_end
                       and s.root.lemma_ == headline.root.lemma_
                       and (short < _naming_words(s, k) or short > _naming_words(s, k) != frozenset())
                       and not _is_proper_name(_bare(s))), None)
        if fuller is not None:
            union(fuller, headline_key)
    for number, (later, later_key) in enumerate(issues):
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in later.root.children)
        for earlier, earlier_key in issues[:number]:
            if find(earlier_key) == find(later_key):
                break
            if later.root.lemma_.lower() in GENERIC_MEASURES \
                    and earlier.root.lower_ in _modifier_words(later):
                union(earlier_key, later_key)  # "the stadium plan" after "the Harwood stadium"
                break
            if _proper_words(later) and _proper_words(later) == _proper_words(earlier) and (
                    {later.root.lemma_.lower(), earlier.root.lemma_.lower()} & GENERIC_MEASURES):
                union(earlier_key, later_key)  # "the Elm Street scheme" and its low-traffic zone
                break
            if not _same_thing(later.root.lemma_.lower(), earlier.root.lemma_.lower()):
                continue
            if _modifier_words(later) and _modifier_words(later) == _modifier_words(earlier):
                union(earlier_key, later_key)  # "a carbon fee" after "a carbon tax"
                break
            if later.root.lemma_ == earlier.root.lemma_ and _owned_by_name(later, earlier):
                union(earlier_key, later_key)  # "its basic income pilot", the Kelmarsh one
                break
            if _sized(later) or _sized(earlier):
                union(earlier_key, later_key)  # "25 percent tariffs" and "steel tariffs"
                break
            if _is_proper_name(_bare(later)):
                continue  # a name of its own ("the Water Act"), never a description
            if definite or (later.root.lemma_ == earlier.root.lemma_ and not _modifier_words(later)
                            and not any(c.dep_ == "det" for c in later.root.children)):
                union(earlier_key, later_key)  # also bare "fees" after "tuition fees"
                break
    return {key: find(key) for key in set(key_of.values())}


def _naming_words(span: SpacySpan, key: str) -> frozenset[str]:
    """The words that name an issue before its head: those of the name it was given when the
    name keeps the span's head ("sugary drink" of "a tax on sugary drinks", named "sugary drink
    tax"), else the span's own ("rates", named "rate rise": none); sums left out."""
    words = key.split()
    if words and words[-1] == canonical_topic(span.root.lemma_):
        return frozenset(w for w in words[:-1] if not SUM.match(w))
    return _modifier_words(span)


def _subject_words(verb: Token, by_root: dict[int, tuple[SpacySpan, str]]) -> frozenset[str]:
    """The naming words of the issue that is the subject of a copula ("sugar" in "the sugar
    levy is a tax")."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i in by_root:
            return _modifier_words(by_root[child.i][0]) | {child.lemma_.lower()}
    return frozenset()




def _owned_by_name(one: SpacySpan, other: SpacySpan) -> bool:
    """The two names differ only by a proper name qualifying one of them ("Kelmarsh basic
    income pilot", "basic income pilot"), and share a common word; never two common kinds
    ("carbon tax", "carbon border tax")."""
    a, b = _modifier_words(one), _modifier_words(other)
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    longer = one if big is a else other
    extra = big - small
    proper = {t.lower_ for t in longer if t.pos_ == "PROPN" or t.text[:1].isupper()}
    return bool(small) and small < big and extra <= proper


def _proper_words(span: SpacySpan) -> frozenset[str]:
    """The proper-name words qualifying an issue's head ("Elm Street" in "the Elm Street zone")."""
    return frozenset(t.lower_ for t in span if t.i < span.root.i and t.pos_ == "PROPN")


def _qualifies_issue(span: SpacySpan, by_root: dict[int, tuple[SpacySpan, str]]) -> bool:
    """The span is a modifier of an issue's head ("Elm Road" in "the Elm Road scheme")."""
    root = span.root
    return root.dep_ in {"compound", "nmod"} and root.head.i in by_root \
        and by_root[root.head.i][1] == "issue"


def _sized(span: SpacySpan) -> bool:
    """Named only by its size or share: "a 12,000-seat stadium", "25 percent tariffs"."""
    root = span.root
    return len(span) > 1 and not _naming_modifiers(root) and any(
        _numeric(c) for c in root.lefts if c.dep_ != "poss")  # not "St Aldhelm's Hospital"


def _participle(token: Token) -> bool:
    """ "the proposed stadium", "abolishing tuition fees": a participle describes, it does
    not name ("fracking" names an issue, so mass issue nouns stay, and so do hyphenated
    compounds: "gene-edited crops")."""
    hyphenated = token.i > 0 and token.nbor(-1).text == "-"
    if token.lower_ in CHANGE_GERUNDS:
        return True  # "Trebling fees" are the fees: the act done to them names no other thing
    return (token.tag_ in {"VBG", "VBN"} and token.dep_ == "amod"
            and token.lower_ not in MASS_ISSUES and not hyphenated)


# Acts of changing a measure, read as compound modifiers when they open a phrase.
CHANGE_GERUNDS = frozenset(
    """trebling tripling doubling quadrupling halving raising hiking increasing cutting slashing
    reducing scrapping abolishing axing introducing lifting extending freezing capping""".split()
)


# Modifiers that describe an instance rather than name the thing: "a £6 daily charge", "the
# new levy", "this controversial scheme" are the charge, levy and scheme named before.
DESCRIPTIVE = frozenset(
    """new old daily weekly monthly annual yearly current existing latest former previous
    original first second third final planned proposed controversial flagship ambitious
    expensive costly unpopular popular long-awaited much-delayed delayed full whole entire
    big bigger biggest huge massive major small modest tough strict higher lower such same
    other further additional extra several many various some more less fewer earlier later""".split()
)


def _naming_modifiers(token: Token) -> list[Token]:
    """The modifiers that make a noun phrase a name ("sugar" in "the sugar tax"), not the
    numbers, sums and describing words ("£6", "daily", "new")."""
    return [c for c in token.lefts
            if c.dep_ in {"compound", "amod", "nmod"} and not c.is_punct and not _participle(c)
            and c.lower_ not in DESCRIPTIVE and not _numeric(c) and c.left_edge.tag_ != "$"]


def _numeric(token: Token) -> bool:
    """ "£6", "a 2 per cent", "25 percent", "12,000-seat": sums and sizes describe, they do not
    name (but "four-day week" names: a number spelled out in a hyphenated compound)."""
    hyphenated = token.i + 1 < len(token.doc) and token.nbor(1).text == "-"
    if token.tag_ in {"$", "CD"}:
        return not hyphenated or any(c.isdigit() for c in token.text)
    if token.lower_ in UNIT_WORDS:
        return True
    if SUM.match(token.text) and not hyphenated:
        return True  # "R3.4bn fence", "a 2030 ban" (not "HS2", "M4", "5G")
    # "12,000-seat": the noun carries a number written in digits.
    return any(c.tag_ == "CD" and any(ch.isdigit() for ch in c.text) for c in token.lefts)


# A sum or a bare number written as one word: "£94m", "R3.4bn", "$1.2-billion", "2030", "25%".
SUM = re.compile(r"^[£$€¥₹R]?\d[\d.,]*(?:bn|m|k|%|p|billion|million)?$")

# Words that only measure ("25 percent tariffs", "a 10 per cent levy").
UNIT_WORDS = frozenset({"percent", "per", "cent", "%", "percentage"})


COPULAS = frozenset({"be", "become", "remain"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _modifier_words(span: SpacySpan) -> frozenset[str]:
    """The naming words before an issue's head, case-folded ("carbon" in "a carbon fee")."""
    return frozenset(t.lower_ for t in span if t.i < span.root.i and t.is_alpha
                     and t.dep_ != "det" and t.lower_ not in DESCRIPTIVE)


def _bare(span: SpacySpan) -> str:
    return " ".join(t.text for t in span if t.dep_ != "det" and t.tag_ != "POS")


def _alias_table(spans: Sequence[tuple[SpacySpan, str]]) -> dict[str, str]:
    """Article-level aliases: expansions to the acronyms used alongside them."""
    keys = {canonical_topic(s.text) for s, _ in spans}
    aliases: dict[str, str] = {}
    for span, _kind in spans:
        words = [t.text for t in span if t.is_alpha]
        if len(words) < 2:
            continue
        initials = _initials(words)
        if initials in keys and initials != canonical_topic(span.text):
            aliases[canonical_topic(span.text)] = initials
        # "the North Atlantic Treaty Organization (Nato)": the bracketed name is an alias.
        doc = span.doc
        after = span.end
        if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
            short = canonical_topic(doc[after + 1].text)
            aliases[canonical_topic(span.text)] = _EXPANSIONS.get(short, short)
    return aliases


def _described_key(span: SpacySpan, known: dict[str, set[str]]) -> str | None:
    """ "the North Atlantic alliance" names a known topic whose name holds its modifiers."""
    modifiers = {t.lower_ for t in span[:-1] if t.is_alpha and t.lower_ not in {"the", "a", "an"}}
    if not modifiers:
        return None
    for key, words in known.items():
        if modifiers <= words:
            return key
    return None


def _role_weight(token: Token) -> float:
    weight = ROLE_WEIGHT.get(token.dep_, 0.4)
    if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_PREPS:
        weight = 0.2  # "after the Second World War" sets a time, it is not the theme
    elif token.dep_ == "pobj" and token.head.dep_ == "agent":
        weight = 0.3  # "accepted by the party": who accepted, not what
    return weight


def _is_pleonastic(token: Token) -> bool:
    """ "It is clear that...", "it is time to...": an "it" that refers to nothing."""
    head = token.head
    if token.dep_ != "nsubj":
        return token.dep_ == "dobj" and head.lemma_ in {"understand", "put", "make"}
    return any(c.dep_ in {"ccomp", "xcomp", "csubj"} and c.i > head.i for c in head.children) and any(
        c.dep_ in {"acomp", "attr"} for c in head.children
    ) and head.lemma_ == "be"


def sentence_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    """Each sentence as (start_char, end_char, first token, end token), read once per doc:
    spaCy rebuilds ``doc.sents`` on every pass, and every statement asks."""
    key = "onrecord.topics.sentences"
    found = doc.user_data.get(key)
    if found is None:
        found = [(s.start_char, s.end_char, s.start, s.end) for s in doc.sents]
        doc.user_data[key] = found
    return list(found)


def find_mentions(doc: Doc, removed: Sequence[Removed] = ()) -> list[Mention]:
    """Every topic mention in the article, in order, anaphors resolved to what they name.
    Read once per article and removed spans (topics and stance both ask)."""
    key = ("onrecord.topics.mentions", tuple(removed))
    cached = doc.user_data.get(key)
    if cached is None:
        cached = tuple(_find_mentions(doc, removed))
        doc.user_data[key] = cached
    return list(cached)


def _find_mentions(doc: Doc, removed: Sequence[Removed]) -> list[Mention]:
    spans = _people_named(_entity_mentions(doc))
    taken = {t.i for s, _ in spans for t in s}
    people = {t.i for s, k in spans if k == "person" for t in s}
    # "Tremayne pledges": a headline's subject read as a pledge's name is no issue.
    purposes = {k: p for k, p in _purposes(doc).items() if not any(t.i in people for t in p)}
    spans += [(s, k) for s, k in _issue_mentions(doc, taken) if s.root.i not in purposes]
    taken = {t.i for s, _ in spans for t in s}
    lead = _lead_issues(doc, taken | set(purposes))
    spans += lead
    # "these crops" after "gene-edited crops": the lead issue's head, described.
    lead_heads = {span.root.lemma_.lower(): "issue" for span, _ in lead}
    taken = {t.i for s, _ in spans for t in s}
    spans += [(p, "issue") for p in purposes.values() if not any(t.i in taken for t in p)]
    taken = {t.i for s, _ in spans for t in s}
    spending = _spending_names(doc, taken)
    spans += [(span, "issue") for span, _ in spending.values()]
    # The words a mention's topic is named by: its own, or "defence spending" for "on defence".
    name_of = {root: name for root, (_, name) in spending.items()}
    quoted = quoted_regions(doc_text(doc))  # read once for the acts and the judgements below
    acts = _act_names(doc, quoted)
    title_end = headline_end(doc_text(doc))  # read once for the headline rules below
    measures_on = _measures_on(doc, quoted)
    headline_names = [[w for w in canonical_topic(s.text).split() if not SUM.match(w)]
                      for s, k in spans if k == "issue" and s.start_char < title_end
                      and s.root.i not in measures_on]
    for root, name in measures_on.items():
        # "a federal cap on international student numbers", "its ban on disposable vapes";
        # not when the headline names the measure otherwise ("sugar tax": "a levy on sugary
        # soft drinks" is that tax).
        if any(words and _same_thing(words[-1], name.split()[-1]) and not set(words) <= set(name.split())
               for words in headline_names):
            continue
        if any(s.root.i == root and k == "issue" for s, k in spans):
            name_of.setdefault(root, name)
        elif not any(s.start <= root < s.end for s, _ in spans):
            spans.append((doc[root : root + 1], "issue"))
            name_of[root] = name
    # An act that is another name of an issue the article names ("student debt relief",
    # "student debt cancellation") is that issue's alias; otherwise an issue of its own.
    act_aliases: dict[int, list[str]] = {}
    for root, (span, name) in acts.items():
        same = next((s for s, k in spans if k == "issue" and _same_thing(
            canonical_topic(s.text).split()[-1], canonical_topic(name).split()[-1])
            and set(canonical_topic(s.text).split()[:-1]) <= set(name.split())), None)
        holder = next(((s, k) for s, k in spans if s.start <= root < s.end), None)
        if same is not None:
            act_aliases.setdefault(same.root.i, []).append(name)
        elif holder is not None:
            if holder[1] == "issue" and name.split()[-1] in ENDING_ACTS:
                # "the accident and emergency department would close": the issue is its closure
                # (readings aimed at the department itself turn: see ``removes``).
                name_of[holder[0].root.i] = name
        else:
            spans.append((span, "issue"))
            name_of[root] = name
        if holder is None or holder[1] == "issue":
            lead_heads[doc[root].lemma_.lower()] = "issue"  # "the libraries" later on
    spans = [(s, k) for s, k in spans if not _in_removed(s.start_char, s.end_char, removed)]
    spans = _without_headline_subjects(spans, title_end)
    spans = [(_whole_words(span), kind) for span, kind in spans]
    # "called the bid 'a vanity project'": what a thing is called in quote marks is a
    # judgement, not a topic ("call it a carbon tax" names one).
    spans = [(span, kind) for span, kind in spans if not (
        kind == "issue" and span.root.dep_ == "oprd" and _in_spans(span.root.idx, quoted))]
    # A named road, line or stadium is an issue, not a place ("the Northern Link").
    spans = [(s, "issue" if k in {"place", "org"} and s.root.lemma_.lower() in ISSUE_HEADS else k)
             for s, k in spans]
    spans.sort(key=lambda sk: sk[0].start)
    aliases = _alias_table(spans)
    key_of: dict[int, str] = {}
    for s, _ in spans:
        key = canonical_topic(name_of.get(s.root.i, s.text))
        key_of[s.root.i] = aliases.get(key, key)
    merged = _merged_names(spans, key_of)
    named: dict[int, tuple[SpacySpan, str]] = {s.root.i: (s, k) for s, k in spans}
    for s, _ in spans:
        for t in s:
            named.setdefault(t.i, (s, _))
    heads = {s.root.i for s, _ in spans}
    for policy, purpose in purposes.items():
        root = named.get(purpose.root.i, (purpose, ""))[0].root.i
        if root in key_of and not _in_removed(purpose.start_char, purpose.end_char, removed):
            key_of.setdefault(policy, key_of[root])
    sent_of = [0] * len(doc)
    for number, (_, _, first, last) in enumerate(sentence_bounds(doc)):
        for i in range(first, last):
            sent_of[i] = number

    mentions: list[Mention] = []
    words_of: dict[str, set[str]] = {
        key: set(" ".join(rows).split()) for key, rows in KNOWN_ACRONYMS.items()
    }
    for token in doc:
        if _in_removed(token.idx, token.idx + len(token), removed):
            continue
        if token.i in heads:
            span, kind = named[token.i]
            key = merged[key_of[token.i]]
            words_of.setdefault(key, set()).update(t.lower_ for t in span if t.is_alpha)
            modifier = (kind in {"org", "place", "person"} and token.dep_ in {"compound", "nmod"}
                        and token.head.pos_ == "NOUN") or (
                # "to close under budget plans": the circumstance, not what the story is about
                token.dep_ == "pobj" and token.head.lower_ in CIRCUMSTANCES)
            mentions.append(Mention(span.start_char, span.end_char, name_of.get(token.i, span.text),
                                    key, kind, token.i, True, modifier=modifier))
            continue
        if token.i in named:
            continue
        if token.i in purposes and token.i in key_of:
            # "legislation to allow gene-edited crops": the bill is about what it does; not a
            # name of its own, so its words never become the topic's display name.
            span = doc[_np_start(token) : token.i + 1]
            mentions.append(Mention(span.start_char, span.end_char, span.text,
                                    merged[key_of[token.i]] if key_of[token.i] in merged
                                    else key_of[token.i], "issue", token.i, False))
            continue
        anaphor = _anaphor_class(token, lead_heads)
        if anaphor is None:
            continue
        if anaphor == "org" and token.i > 0:
            span = doc[_np_start(token) : token.i + 1]
            described = _described_key(span, words_of)
            if described is not None:
                mentions.append(Mention(span.start_char, span.end_char, span.text, described,
                                        "org", token.i, True))
                continue
        # "the alliance" after "Nato": a body whose full name holds the description's noun.
        target = next((m for m in reversed(mentions) if anaphor == "org" and m.kind == "org"
                       and token.lower_ in words_of.get(m.key, set())), None)
        target = target or _antecedent(token, anaphor, mentions, doc, sent_of, title_end)
        if target is not None:
            span = doc[_np_start(token) : token.i + 1] if token.pos_ == "NOUN" else doc[token.i : token.i + 1]
            mentions.append(Mention(span.start_char, span.end_char, span.text, target.key,
                                    target.kind, token.i, False))
        elif token.pos_ == "NOUN" and anaphor == "issue":
            span = doc[_np_start(token) : token.i + 1]
            mentions.append(Mention(span.start_char, span.end_char, span.text,
                                    canonical_topic(span.text), "issue", token.i, True))
    extra = {merged[key_of[root]]: names for root, names in act_aliases.items() if root in key_of}
    return _named(doc, mentions, extra)


def _named(doc: Doc, mentions: Sequence[Mention], extra: dict[str, list[str]] | None = None) -> list[Mention]:
    """Give every mention its topic's display name, a key that is that name's canonical form
    (so ``canonical_topic(topic.name)`` finds the mentions again), and the topic's aliases:
    the other names the article gives it, and the longer names its mentions are written in."""
    heads: dict[str, set[int]] = {}
    for m in mentions:
        heads.setdefault(m.key, set()).add(m.head)
    surfaces: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    strings = doc.vocab.strings
    lower = {word for word in map(strings.__getitem__, set(doc.to_array(ORTH).tolist())) if word.islower()}
    for m in mentions:
        if not m.direct:
            continue
        text = _sentence_case(doc, m, lower)
        written.setdefault(m.key, []).extend([text, *_forms(doc, m)])
        token = doc[m.head]
        if token.dep_ in {"compound", "nmod"} and token.head.i in heads[m.key]:
            continue  # "Elm Road" in "the Elm Road scheme": part of a name, not the name
        surfaces.setdefault(m.key, []).append(text)
    for key, rows in (extra or {}).items():
        written.setdefault(key, []).extend(rows)  # names the article gives by the act
    names = {key: display_name(key, rows) for key, rows in surfaces.items()}
    for key, rows in written.items():
        if key not in names or any(c.isdigit() for c in names[key]):
            names[key] = display_name(key, [*surfaces.get(key, []), *rows])
    for key, name in names.items():
        # Named only by its size ("R3.4bn fence", "2030 ban", "25 percent tariffs"): the
        # thing, without the sum ("Highway 27", "HS2 rail link" keep their numbers).
        words = name.split()
        if len(words) > 1 and SUM.match(words[0]) and words[-1][:1].islower():
            rest = words[1:]
            while len(rest) > 1 and rest[0].lower() in UNIT_WORDS:
                rest = rest[1:]
            names[key] = " ".join(rest)
    aliases = {key: _aliases(names[key], [*rows, *_plain_names(rows)]) for key, rows in written.items()}
    out: list[Mention] = []
    for m in mentions:
        name = names.get(m.key, display_name(m.key, [m.text]))
        out.append(replace(m, key=canonical_topic(name), name=name, aliases=aliases.get(m.key, ())))
    return out


def _sentence_case(doc: Doc, mention: Mention, lower: set[str]) -> str:
    """ "Fracking shakes ...", "Sugar levy: what ...": a common noun capitalised only because
    it opens a sentence or a line is written in lower case (a word the parser calls a proper
    noun there is common when the article writes it in lower case elsewhere, in ``lower``)."""
    first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if first is None or first[0].is_upper or first[0].text.islower():
        return mention.text
    if first[0].pos_ == "PROPN" and first[0].lower_ not in lower:
        return mention.text
    before = doc[first[0].sent.start : first.start]
    opens = all(t.is_punct for t in before) or "\n" in doc[first.start - 1].text_with_ws
    return mention.text[:1].lower() + mention.text[1:] if opens else mention.text


# Formal words for a tax and the everyday one a reader searches by ("sugar levy": sugar tax).
FORMAL_TAXES = frozenset({"levy", "levies", "duty", "duties", "surcharge", "surcharges", "pricing"})


def _plain_names(names: Sequence[str]) -> list[str]:
    """ "soft drinks levy" -> "soft drinks tax": the everyday name of a formally named tax."""
    out: list[str] = []
    for name in names:
        words = name.split()
        if len(words) > 1 and words[-1].casefold() in FORMAL_TAXES:
            out.append(" ".join([*words[:-1], "tax"]))
    return out


def _aliases(name: str, written: Sequence[str]) -> tuple[str, ...]:
    """The distinct names in ``written`` other than ``name``, cleaned, in the article's order."""
    seen = {canonical_topic(name)}
    out: list[str] = []
    for text in written:
        clean = " ".join(_ARTICLE.sub("", _POSSESSIVE.sub("", text.strip())).split())
        key = canonical_topic(clean)
        if clean and key and key not in seen and not _abbreviates(clean, [name]):
            seen.add(key)
            out.append(clean)
    return tuple(out)


# Quote marks that may sit between a name and the word qualifying it ("breakaway ‘Elite League’").
_MARKS = frozenset("‘’“”'\"")


def _forms(doc: Doc, mention: Mention) -> list[str]:
    """Longer names a direct mention is written within: with the common word qualifying it
    ("a breakaway Elite League") and with the measure it qualifies ("the Elm Road scheme",
    "the Elite League plan")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    out: list[str] = []
    before = span.start - 1
    while before >= 0 and doc[before].text in _MARKS:
        before -= 1
    if before >= 0:
        word = doc[before]
        # Linked in the parse, or standing between a determiner and the name ("a breakaway
        # Elite League", which the parser may read as a noun with the name in apposition),
        # or right before a name in quote marks ("block breakaway ‘Elite League’").
        quoted = before < span.start - 1
        linked = (word.head.i == root.i and word.dep_ in {"amod", "compound", "nmod"}) or (
            root.head.i == word.i and root.dep_ in {"appos", "compound"}) or (
            word.i > 0 and doc[word.i - 1].dep_ == "det") or quoted
        if linked and _qualifies(word):
            out.append(f"{word.text} {span.text}")
    for prep in root.rights:
        # "a 12,000-seat stadium for Harwood Town": the Harwood Town stadium.
        owner = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if prep.dep_ == "prep" and prep.lower_ == "for" and owner and root.pos_ == "NOUN":
            name = doc[owner[0].left_edge.i : owner[0].i + 1]
            words = [t.text for t in name if t.dep_ != "det" and t.tag_ != "POS"]
            out.append(" ".join([*words, root.text]))
    if root.lemma_.lower() in GENERIC_MEASURES:
        out += _same_kind_elsewhere(root)
    head = root.head
    if root.dep_ in {"compound", "nmod"} and head.pos_ == "NOUN" and head.i > span.end - 1 \
            and head.i - span.end < 4 and head.text.islower():
        words = [t.text_with_ws for t in doc[span.start : head.i + 1] if t.text not in _MARKS]
        out.append("".join(words).strip())
    return out


def _same_kind_elsewhere(measure: Token) -> list[str]:
    """ "the low-traffic scheme" is the "low-traffic neighbourhood" the article names
    elsewhere: other nouns qualified by the same common words as a generic measure."""
    words = tuple(t.lower_ for t in _naming_modifiers(measure) if t.pos_ != "PROPN")
    if not words:
        return []
    return [text for i, text in _qualified_nouns(measure.doc).get(words, []) if i != measure.i]


def _qualified_nouns(doc: Doc) -> dict[tuple[str, ...], list[tuple[int, str]]]:
    """Nouns that are not generic measures, by the common words qualifying them: read once
    per doc."""
    key = "onrecord.topics.qualified"
    found = doc.user_data.get(key)
    if found is None:
        found = {}
        for token in doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() in GENERIC_MEASURES:
                continue
            modifiers = _naming_modifiers(token)
            words = tuple(t.lower_ for t in modifiers if t.pos_ != "PROPN")
            if words:
                start = min(t.left_edge.i for t in modifiers)
                found.setdefault(words, []).append((token.i, doc[start : token.i + 1].text))
        doc.user_data[key] = found
    return found


def _qualifies(word: Token) -> bool:
    """A common word that names a kind ("breakaway", "low-traffic"), not a description."""
    return (word.is_alpha and word.text.islower() and word.pos_ in {"ADJ", "NOUN"}
            and word.lower_ not in DESCRIPTIVE and not _participle(word) and not _numeric(word))


def _np_start(token: Token) -> int:
    lefts = [c.left_edge.i for c in token.lefts if c.dep_ in {"det", "amod", "compound", "nmod"}]
    return min(lefts, default=token.i)


def _anaphor_class(token: Token, extra: dict[str, str] | None = None) -> str | None:
    """The class an anaphor needs ("it": a thing; "the alliance": an organisation), or None.
    ``extra``: the article's own description heads and their class (its lead issues)."""
    classes = CLASS_OF if not extra else {**extra, **CLASS_OF}
    lower = token.lower_
    if token.pos_ == "PRON" and lower in ANAPHORS and token.dep_ not in {"det", "mark"}:
        return None if _is_pleonastic(token) else "it"
    if token.pos_ == "PRON" and lower in PLURAL_ANAPHORS and token.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return PLURAL  # "end them", "they save": not "for them", "their lives"
    if token.tag_ in {"NN", "NNS"} and token.lemma_.lower() in KIND_NOUNS and not _naming_modifiers(token) \
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
        return KIND  # "the industry", "the technology": of the issue just named
    if token.tag_ in {"NN", "NNS"} and token.lemma_.lower() in classes:
        dets = [c.lower_ for c in token.children if c.dep_ == "det"]
        if _naming_modifiers(token) or any(c.dep_ == "poss" for c in token.children):
            return None  # "the sugar tax", "Britain's army": a name of its own
        if dets and dets[0] in DEFINITE:
            if token.tag_ == "NNS" and classes[token.lemma_.lower()] in {"org", "place"}:
                return None  # "the banks", "the councils": a kind, not the body named before
            return classes[token.lemma_.lower()]
        if dets and dets[0] in INDEFINITE and classes[token.lemma_.lower()] == "issue":
            return SAME_KIND  # "a £6 daily charge" after "congestion charge"
    return None


# "the industry", "the technology", "the sector": the issue named just before, as a trade.
KIND_NOUNS = frozenset({"industry", "sector", "technology"})
KIND = "kind"


# "a charge", "any such tax": an indefinite description is the issue named before only when
# that issue has the same head; it never falls back to the article's theme.
INDEFINITE = frozenset({"a", "an", "any", "such", "another"})
SAME_KIND = "same-kind"


def _antecedent(
    token: Token, anaphor: str, before: Sequence[Mention], doc: Doc, sent_of: Sequence[int],
    title_end: int = 0,
) -> Mention | None:
    """The most salient compatible mention before ``token``.

    A description that repeats a name's word or a near-synonym of its head ("the party",
    "the levy") takes the latest such mention; otherwise salience decides: recency and role in
    the last few sentences, how often the article has named the thing, and the headline.
    A definite policy description with no such match ("the scheme", "this project") falls back
    to the article's dominant issue so far.
    """
    if anaphor == PLURAL:
        subject = _plural_subject(doc, token, sent_of)
        return next((m for m in reversed(before[-40:]) if m.head == subject and m.kind == "issue"), None)
    if anaphor == KIND:
        return next((m for m in reversed(before[-40:]) if m.kind == "issue" and m.direct
                     and sent_of[token.i] - sent_of[m.head] <= 1), None)
    counts = _counts(before, title_end)
    noun = token.lemma_.lower()
    recent = [m for m in before[-40:] if sent_of[token.i] - sent_of[m.head] <= 4]
    for m in reversed(recent):
        if token.pos_ == "NOUN" and m.direct and noun in {*m.text.lower().split(), *canonical_topic(m.text).split()}:
            return m  # "the Labour Party ... the party": the description repeats the name
    if anaphor in {"issue", SAME_KIND}:
        for m in reversed(before):
            # "the closures" after "libraries to close", named "library closures".
            if m.kind == "issue" and (_same_thing(noun, doc[m.head].lemma_.lower())
                                      or _same_thing(noun, m.key.split()[-1])):
                return m
    if anaphor == SAME_KIND:
        return None
    best: Mention | None = None
    best_score = 0.0
    for m in reversed(recent):
        if anaphor == "it":
            if m.kind not in IT_CLASSES:
                continue
        elif m.kind != anaphor or anaphor == "issue":
            continue
        distance = sent_of[token.i] - sent_of[m.head]
        score = (0.5**distance) * _role_weight(doc[m.head]) + SALIENCE_PER_MENTION * counts[m.key]
        score *= KIND_WEIGHT.get(m.kind, 1.0)
        if score > best_score:
            best, best_score = m, score
    if best is None and anaphor == "issue":
        return dominant_topic(before, title_end, kinds=frozenset({"issue"}))
    return best


def _plural_subject(doc: Doc, pronoun: Token, sent_of: Sequence[int]) -> int | None:
    """The latest plural noun subject before ``pronoun`` in its sentence, else in the one
    before: what "they" continues ("these tariffs cost more jobs than they save"; "graduates
    earn more over their lifetimes" is the graduates)."""
    for i in range(pronoun.i - 1, -1, -1):
        if sent_of[pronoun.i] - sent_of[i] > 1:
            break
        token = doc[i]
        if token.dep_ in {"nsubj", "nsubjpass"} and token.tag_ in {"NNS", "NNPS"}:
            return i
    return None


# Salience: each earlier mention adds a little (capped), a headline mention counts thrice.
SALIENCE_PER_MENTION = 0.05
SALIENCE_CAP = 8.0
HEADLINE_WEIGHT = 3.0


def _counts(before: Sequence[Mention], title_end: int) -> dict[str, float]:
    counts: dict[str, float] = {}
    for m in before:
        # A headline's subject counts thrice; its "Senate" in "at Senate hearing" does not.
        weight = HEADLINE_WEIGHT if m.start < title_end and not m.modifier else 1.0
        counts[m.key] = min(SALIENCE_CAP, counts.get(m.key, 0.0) + weight)
    return counts


# What an article is about, in order of preference: its issues, then bodies, then events.
THEME_WEIGHT = {"issue": 1.0, "org": 0.6, "event": 0.5, "law": 1.0}


def dominant_topic(
    before: Sequence[Mention], title_end: int, kinds: frozenset[str] = frozenset(THEME_WEIGHT)
) -> Mention | None:
    """The article's most salient topic among ``before`` (its latest mention), or None."""
    counts = _counts([m for m in before if m.kind in kinds], title_end)
    if not counts:
        return None
    latest = {m.key: m for m in before if m.key in counts}
    key = max(counts, key=lambda k: (counts[k] * THEME_WEIGHT.get(latest[k].kind, 0.3), -latest[k].start))
    return latest[key]


def statement_tokens(doc: Doc, quote: Quote) -> list[Token]:
    """The tokens a statement's topics and stance are read from.

    The content, plus the arguments the reporter put outside the quote marks: "he demanded it
    'close down'" and "Nato was 'an engine for...'" are about the subject left outside.
    Read once per statement (topics, stance and voice all ask).
    """
    frame = tuple((s.start, s.end) if s is not None else None
                  for s in (quote.cue, quote.speaker.mention))
    key = ("onrecord.topics.statement", quote.content.start, quote.content.end, frame)
    found = doc.user_data.get(key)
    if found is None:
        found = tuple(t.i for t in _statement_tokens(doc, quote))
        doc.user_data[key] = found
    return [doc[i] for i in found]


def _statement_tokens(doc: Doc, quote: Quote) -> list[Token]:
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is None:
        return []
    inside = {t.i for t in content}
    excluded = _frame_tokens(doc, quote)
    picked = set(inside)
    for token in content:
        if token.head.i in inside and token.head.i != token.i:
            continue
        for child in token.children:
            if child.i not in inside and child.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass", "dobj"}:
                picked.update(t.i for t in child.subtree)
        head = token.head
        has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
        if head.i not in inside and head.pos_ == "VERB" and token.dep_ in {"npadvmod", "advmod", "prep"} \
                and head.i not in _frame_tokens(doc, quote):
            # "promised to fight any carbon tax 'every step of the way'": the quoted manner is
            # said of the verb outside, and of what it is done to.
            picked.add(head.i)
            for child in head.children:
                if child.dep_ in {"dobj", "nsubjpass"} and child.i not in inside:
                    picked.update(t.i for t in child.subtree)
        if head.i not in inside and not has_subject and token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:
            # "the tariffs had 'done their job' and should be lifted": a conjoined verb shares
            # the first verb's subject.
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i not in inside:
                    picked.update(t.i for t in child.subtree)
        if head.i not in inside and not has_subject and token.dep_ in {"xcomp", "advcl", "ccomp", "oprd"}:
            # "demanded the scheme 'close down'": the frame's object is the content's subject.
            for child in head.children:
                if child.dep_ == "dobj" and child.i not in inside:
                    picked.update(t.i for t in child.subtree)
        if head.i not in inside and head.i not in excluded and token.dep_ in {"attr", "acomp", "xcomp", "oprd"}:
            picked.add(head.i)
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    picked.update(t.i for t in child.subtree)
    picked -= excluded
    return [doc[i] for i in sorted(picked) if not doc[i].is_space]


def _frame_tokens(doc: Doc, quote: Quote) -> set[int]:
    """The cue and the speaker mention: the frame, never the topic."""
    out: set[int] = set()
    for span in (quote.cue, quote.speaker.mention):
        if span is None or span.overlaps(quote.content.start, quote.content.end):
            continue
        found = doc.char_span(span.start, span.end, alignment_mode="expand")
        if found is not None:
            out.update(t.i for t in found)
    return out


def _centrality(token: Token, scope: set[int]) -> float:
    """Arguments of the statement's main predicates rank first, deep modifiers last."""
    depth = 0
    node = token
    while node.i in scope and node.head.i != node.i and node.head.i in scope and depth < 8:
        node = node.head
        depth += 1
    return _role_weight(token) / (1.0 + 0.25 * depth)


def _vocative(doc: Doc, mention: Mention) -> bool:
    """A name the speaker addresses: parsed as an interjection, or set off by commas (or a
    comma and the sentence's edge) without being an argument or an apposition ("With
    respect, Jeremy, you ...", "Thank you, Anna.")."""
    head = doc[mention.head]
    if head.dep_ in {"npadvmod", "intj", "dep"} or head.head.is_punct:
        return True
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or head.dep_ in {"appos", "conj", "nsubj", "nsubjpass", "dobj", "pobj", "poss"}:
        return False
    left = doc[span.start - 1] if span.start > 0 else None
    right = doc[span.end] if span.end < len(doc) else None
    edge_left = left is None or left.is_sent_end or left.text in {",", "‘", "“", "'", '"'}
    edge_right = right is None or right.text in {",", ".", "?", "!"}
    return edge_left and edge_right and "," in {left.text if left else "", right.text if right else ""}


def topics_for(
    doc: Doc, quote: Quote, mentions: Sequence[Mention], title_end: int = 0
) -> tuple[TopicStance, ...]:
    """Up to ``MAX_TOPICS`` topics of one statement, most central first.

    The article's dominant topic so far (its theme) comes last, with low confidence and no
    evidence span, since no words of the statement name it: a statement that names no issue
    ("This is not the end.", "It must end now", "long overdue") is about it, and one that
    names others is heard against it ("Every other option means putting up council tax" in a
    story about a parking levy). The stance stage keeps it on a statement with topics of its
    own only when the statement takes a side on it.
    """
    tokens = statement_tokens(doc, quote)
    scope = {t.i for t in tokens}
    speaker = quote.speaker.mention
    scores: dict[str, float] = {}
    evidence: dict[str, Mention] = {}
    for m in mentions:
        if m.head not in scope:
            continue
        if speaker is not None and speaker.overlaps(m.start, m.end):
            continue
        if m.kind == "person" and _vocative(doc, m):
            continue  # "With respect, Jeremy, ...": an addressee, not a topic
        score = _centrality(doc[m.head], scope)
        if m.key in scores:
            scores[m.key] += 0.15  # mentioned again: more central
        else:
            scores[m.key] = score
            evidence[m.key] = m
        if score > scores[m.key] - 0.15 and m.direct and not evidence[m.key].direct:
            evidence[m.key] = m
    ranked = sorted(scores, key=lambda k: (-scores[k], evidence[k].start))
    if any(evidence[k].kind in SUBJECT_KINDS for k in ranked):
        # "Britain must keep its promise to Nato": people and places are the actors of a
        # statement about a policy or a body, not what it is about.
        ranked = [k for k in ranked if evidence[k].kind in SUBJECT_KINDS]
    ranked = ranked[:MAX_TOPICS]
    text = doc_text(doc)
    found = [
        TopicStance(
            name=evidence[key].name or key,
            confidence=min(1.0, round(0.4 + 0.5 * scores[key], 3)),
            evidence=Span.of(text, evidence[key].start, evidence[key].end),
            aliases=evidence[key].aliases,
        )
        for key in ranked
    ]
    # Every statement in a story is heard against the story's issue: the theme comes last
    # (the stance stage drops it again where the statement takes no side on it).
    if tokens:
        before = [m for m in mentions if m.start < quote.content.end]
        # Undecided words ("I have not made up my mind") are undecided on an issue, not on
        # the body where they were said (a Senate hearing).
        theme = dominant_topic(before, title_end, ISSUE_KINDS) if takes_no_side(quote.content.text) else None
        theme = theme or dominant_topic(before, title_end)
        if theme is not None and theme.key not in scores:
            implicit = TopicStance(name=theme.name or theme.key, confidence=IMPLICIT_CONFIDENCE,
                                   aliases=theme.aliases)
            found = found[: MAX_TOPICS - 1] + [implicit]
    return tuple(found)


ISSUE_KINDS = frozenset({"issue", "law"})


# What statements take sides on; people and places count only when nothing of these is named.
SUBJECT_KINDS = frozenset({"issue", "org", "event"})


# How sure a topic is when no word of the statement names it (the article's theme).
IMPLICIT_CONFIDENCE = 0.3


def assign_topics(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Quote]:
    """Each statement with its topics (stance left neutral for the stance stage)."""
    mentions = find_mentions(doc, removed)
    title_end = headline_end(doc_text(doc))
    return [replace(q, topics=topics_for(doc, q, mentions, title_end)) for q in quotes]

"""Speakers stage: a quote's source mention -> the canonical speaker within the article.

A careful reader's procedure, made explicit:

1. Find the people and bodies the article names, outside quoted words and removed spans
   (captions, sidebars): spaCy NER plus honorifics ("Mr", "Senator") and a small first-name
   list, because the small model often labels a fictional person ORG or GPE.
2. Group the names: "Mr Holt", "Holt" and "Gary Holt" are one person named by the fullest form;
   two people sharing a surname are kept apart by first name and honorific gender.
3. Read roles off the parse: apposition ("Jeremy Smith, the party leader,"), premodifier titles
   ("Health Secretary Alan Smith"), honorific titles ("Judge Sue Hale").
4. Walk the article in order, resolving every name, role description and pronoun with a
   salience model (recent, subject, speaker of a statement; halved each sentence), gender and
   role compatibility. Each resolution adds salience, so "He ... He ... he said" follows the
   story's thread.
5. A quote's speaker is the resolution of the expression its mention span heads.

Names that occur only inside quote marks are never antecedents: they are addressees or
people talked about, not speakers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.tokens import Doc, Span as SpacySpan, Token

from onrecord.parse import doc_text, modifies_a_thing
from onrecord.quotes.marks import quoted_regions
from onrecord.models import Quote, Removed, Speaker, SpeakerType, Span

Gender = Literal["m", "f"]
Kind = Literal["person", "organization", "document"]

# --- lexicons of general words -------------------------------------------------------------

HONORIFIC_GENDER: dict[str, Gender | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "baron": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "baroness": "f", "queen": "f",
    "princess": "f", "madam": "f", "congressman": "m", "congresswoman": "f",
    "councilman": "m", "councilwoman": "f",
    "dr": None, "prof": None, "professor": None, "rev": None, "reverend": None,
    "senator": None, "sen": None, "gov": None, "governor": None, "president": None,
    "rep": None, "representative": None, "judge": None, "justice": None, "councillor": None,
    "cllr": None, "detective": None, "inspector": None, "sergeant": None, "sgt": None,
    "constable": None, "superintendent": None, "chief": None, "captain": None, "capt": None,
    "general": None, "gen": None, "commissioner": None, "mayor": None, "coach": None,
    "chancellor": None, "minister": None, "secretary": None, "officer": None, "pc": None,
    # Titles of elected members and officers across the English-speaking press: Australian
    # councillors ("Cr"), Irish TDs, Canadian MPPs and MLAs, Scottish MSPs, US council members,
    # Indian district collectors, chief executives, the Speaker of a house.
    "cr": None, "td": None, "mpp": None, "mla": None, "msp": None, "mep": None,
    "councilmember": None, "councilor": None, "alderman": "m", "alderwoman": "f",
    "assemblyman": "m", "assemblywoman": "f", "assemblymember": None, "delegate": None,
    "ceo": None, "collector": None, "speaker": None, "premier": None, "shri": "m", "smt": "f",
}
# Words that qualify a title before a name ("Opposition MSP Ross Kettleby", "Local MLA
# Janet Sorensen", "District Collector Aparna Rathore"): part of the title, never the name.
TITLE_QUALIFIERS = frozenset(
    "opposition local district deputy shadow former acting interim independent state federal "
    "provincial regional county city".split()
)
# Letters after a name ("Aoife Brennan TD", "Jane Roe MP", "John Doe QC").
POST_NOMINALS = frozenset("td mp msp mla mpp mep qc kc obe mbe cbe".split())

# Role nouns that describe a person. Descriptive ones never conflict with an office.
DESCRIPTIVE_ROLES = {
    "mp", "politician", "lawmaker", "backbencher", "player", "star", "man", "woman", "boy",
    "girl", "resident", "parent", "mother", "father", "client", "defendant", "victim",
    "campaigner", "youngster", "teenager", "pensioner", "veteran", "year-old", "member",
    "winner", "champion", "athlete", "runner", "forward", "striker", "midfielder", "defender",
    "goalkeeper", "batsman", "bowler", "cricketer", "footballer", "businessman",
    "businesswoman", "activist", "candidate", "widow", "widower", "neighbour", "neighbor",
    "brother", "sister", "son", "daughter", "husband", "wife", "expert", "founder", "owner",
    "critic", "supporter", "official", "rebel", "patient", "passenger", "driver", "tenant",
    "shopper", "customer", "voter", "worker", "student", "pupil",
}
OFFICE_ROLES = {
    "leader", "minister", "secretary", "chancellor", "president", "governor", "senator",
    "congressman", "congresswoman", "representative", "mayor", "councillor", "councilman",
    "councilwoman", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
    "chair", "chairperson", "director", "executive", "chief", "boss", "manager", "coach",
    "captain", "presenter", "host", "interviewer", "reporter", "judge", "justice", "detective",
    "inspector", "officer", "prosecutor", "barrister", "lawyer", "attorney", "solicitor",
    "economist", "analyst", "organiser", "organizer", "headteacher", "headmaster",
    "headmistress", "principal", "teacher", "librarian", "doctor", "nurse", "surgeon",
    "professor", "scientist", "shopkeeper", "landlord", "whip", "adviser", "advisor", "aide",
    "ambassador", "envoy", "diplomat", "commander", "premier", "treasurer", "trustee",
    "bishop", "priest", "vicar", "pastor", "commissioner", "superintendent", "sergeant",
    "constable", "referee", "umpire", "agent", "editor", "publisher", "general",
}
PERSON_ROLES = DESCRIPTIVE_ROLES | OFFICE_ROLES
ROLE_GENDER: dict[str, Gender] = {
    **{w: "f" for w in ("spokeswoman", "chairwoman", "congresswoman", "councilwoman",
                        "businesswoman", "woman", "girl", "mother", "widow", "sister",
                        "daughter", "wife", "headmistress", "queen", "actress")},
    **{w: "m" for w in ("spokesman", "chairman", "congressman", "councilman", "businessman",
                        "man", "boy", "father", "widower", "brother", "son", "husband",
                        "headmaster", "king")},
}
# Heads that name the same office ("the minister" for a Health Secretary).
SYNONYMS: list[set[str]] = [
    {"minister", "secretary"},
    {"manager", "boss", "coach"},
    {"executive", "chief", "boss", "ceo"},
    {"chairman", "chairwoman", "chair", "chairperson"},
    {"spokesman", "spokeswoman", "spokesperson"},
    {"presenter", "host", "interviewer"},
    {"mp", "politician", "lawmaker", "backbencher"},
    {"judge", "justice"},
    {"detective", "inspector", "officer"},
    {"barrister", "lawyer", "solicitor", "attorney"},
    {"headteacher", "headmaster", "headmistress", "principal"},
    {"councillor", "councilman", "councilwoman"},
    {"senator", "lawmaker"},
    {"congressman", "congresswoman", "representative", "lawmaker"},
]
# Bodies described by a common noun; generic ones fit any company-like organisation.
GENERIC_ORG_NOUNS = {
    "company", "firm", "group", "business", "automaker", "carmaker", "airline", "retailer",
    "supermarket", "chain", "lender", "insurer", "operator", "supplier", "manufacturer",
    "giant", "startup", "daily", "newspaper", "paper", "broadcaster", "network", "publisher",
    "organisation", "organization", "outlet", "brand", "maker", "developer", "provider",
}
SPECIFIC_ORG_NOUNS = {
    "union", "council", "party", "bank", "trust", "agency", "commission", "department",
    "ministry", "federation", "association", "club", "charity", "brewery", "university",
    "college", "school", "hospital", "board", "committee", "authority", "regulator",
    "government", "administration", "police", "force", "service", "office", "foundation",
    "institute", "team", "side", "court", "campaign", "coalition", "alliance", "league",
    "watchdog", "body", "society", "network", "church", "cabinet", "parliament",
}
ORG_NOUNS = GENERIC_ORG_NOUNS | SPECIFIC_ORG_NOUNS
# Organisation names built from these words are institutions, not companies.
INSTITUTION_WORDS = {
    "court", "council", "department", "ministry", "agency", "commission", "police",
    "parliament", "government", "congress", "senate", "house", "office", "committee",
    "authority", "nations", "assembly", "cabinet",
}
ORG_NAME_WORDS = SPECIFIC_ORG_NOUNS | INSTITUTION_WORDS | {
    "ltd", "plc", "inc", "corp", "corporation", "co", "llc", "group", "partners", "holdings",
    "energy", "motors", "brewing", "securities", "airlines", "airways", "bank", "fm", "radio",
    "news", "times", "post", "media", "trust", "college", "hospitals", "rovers", "united",
    "city", "town", "fc", "focus", "unions",
}
DOC_NOUNS = {
    "manifesto", "report", "statement", "letter", "memo", "filing", "document", "review",
    "study", "survey", "paper", "plan", "policy", "guidance", "submission", "briefing",
    "motion", "petition", "press release", "release", "website", "accounts", "budget",
    "strategy", "white paper", "prospectus", "complaint", "lawsuit", "ruling", "judgment",
    "verdict", "blog", "post", "tweet", "email", "constitution", "charter", "agreement",
    "analysis", "assessment", "audit", "evaluation", "forecast", "findings", "resolution",
    "declaration", "dossier", "leaflet", "advert", "notice",
}
SPEECH_VERBS = {
    "say", "tell", "add", "insist", "claim", "warn", "accuse", "ask", "reply", "argue",
    "admit", "deny", "state", "write", "announce", "urge", "praise", "explain", "confirm",
    "continue", "suggest", "declare", "describe", "respond", "answer", "hit", "call",
    "acknowledge", "note", "predict", "promise", "vow", "pledge", "maintain", "concede",
    "complain", "criticise", "criticize", "defend", "dismiss", "interrupt", "press", "repeat",
    "report", "reveal", "stress", "tweet", "apologise", "apologize", "believe", "think",
    "question", "refuse", "decline", "challenge", "demand", "propose",
}
PRONOUNS: dict[str, tuple[str, Gender | None]] = {
    # word -> (class, gender); class "person" pronouns need a person, "thing" an org/doc.
    "he": ("person", "m"), "him": ("person", "m"), "his": ("person", "m"),
    "she": ("person", "f"), "her": ("person", "f"), "hers": ("person", "f"),
    "it": ("thing", None), "its": ("thing", None),
    "they": ("plural", None), "them": ("plural", None), "their": ("plural", None),
}
# Modifiers that make another office: "the minister" is not the Prime Minister.
OFFICE_CHANGING = {"prime", "vice", "deputy", "shadow", "former", "assistant", "junior", "acting",
                   "interim", "first", "ex"}
# Determiners of unnamed or quantified people: "a spokesman", "each candidate".
INDEFINITE = {"a", "an", "another", "one", "some", "each", "every", "any", "many", "several",
              "both", "all", "no", "few", "most"}

# Common first names: weak evidence of gender and of a name being a person at all.
FEMALE_NAMES = set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret
betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah
stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela
nicole ruth katherine samantha christine emma catherine debra virginia rachel carolyn janet
maria heather diane julie joyce victoria kelly christina joan evelyn lauren judith olivia
martha cheryl megan andrea hannah jacqueline ann jean alice kathryn gloria teresa sara janice
doris julia madison grace judy abigail marie denise beverly amber theresa marilyn danielle
diana natalie brittany charlotte rose isabella alexis kayla lucy sophie chloe jane eleanor
fiona claire clare kate beth lydia priya anita nora angela joanne louise jenny gemma harriet
alison gillian hazel joan moira sheila wendy yvonne zoe ellie holly jade leah naomi rosie
tanya vanessa freya ella mia amelia isla ava lily poppy evie maya jasmine erin megan
molly phoebe scarlett ruby imogen esther eileen bridget caroline penelope ruby susie nadia amira
fatima aisha mei ling yasmin sonia ingrid greta agnes rita irene vera elena sofia lucia
""".split())
MALE_NAMES = set("""
james robert john michael david william richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith
roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe
bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell
bobby mason philip louis tom tim jim bob dan dave mike steve chris nick rob alex ben sam
greg colin graham ian neil nigel simon stuart trevor martin malcolm alistair angus callum
dean marcus luke owen oliver harry charlie alfie oscar leo rhys gareth dafydd hamish ewan
rory liam connor declan seamus dermot niall barry derek geoffrey leonard norman victor
gordon howard clive dmitri ivan sergei amir omar ali ahmed mohammed hassan raj ravi arjun
carlos diego luis miguel pierre jean-paul hans stefan luca marco giovanni kwame kofi
samuel craig darren lee ray ross stanley vernon wilfred ernest cecil edmund felix hugh
""".split())

# People who speak for a body or as a group of its members: 'campaigners from X'.
GROUP_NOUNS = {
    "campaigners", "members", "activists", "supporters", "officials", "staff", "workers",
    "researchers", "scientists", "volunteers", "protesters", "residents", "leaders",
    "representatives", "executives", "sources", "figures", "lawyers", "organisers",
    "organizers", "doctors", "teachers", "students", "fans",
}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "representative", "source"}

YEAR_OLD = re.compile(r"\b\d+-year-old\b")


# --- article analysis -------------------------------------------------------------------------


@dataclass
class _Entity:
    """A person or body the article refers to (mutable while the article is read)."""

    id: int
    kind: Kind
    words: list[str]  # fullest name form seen, without honorifics; [] when unnamed
    gender: Gender | None = None
    gender_weak: bool = True  # from a first-name list only
    roles: set[str] = field(default_factory=set)  # office heads the article ties to it
    role_heads: set[str] = field(default_factory=set)  # every role head, for org/doc nouns
    last_seen: int = -1

    @property
    def name(self) -> str | None:
        return " ".join(self.words) if self.words else None

    @property
    def last(self) -> str | None:
        return self.words[-1].lower() if self.kind == "person" and self.words else None

    @property
    def first(self) -> str | None:
        return self.words[0].lower() if self.kind == "person" and len(self.words) > 1 else None


@dataclass(frozen=True)
class _Binding:
    """A role description tied to an entity by the parse (apposition or title)."""

    entity: int
    head: str
    modifiers: frozenset[str]
    at: int  # token index


@dataclass(frozen=True)
class _Ref:
    """One resolved referring expression, with what salience needs to know."""

    head: int  # token index
    entity: int | None
    sent: int
    weight: float
    dobj_of: int | None  # token index of the verb this expression is the object of


@dataclass(frozen=True)
class _Resolution:
    entity: int | None
    confidence: float
    kind: SpeakerType
    name: str | None = None  # for documents, whose names are built, not entities


@dataclass
class _Article:
    doc: Doc
    blocked: list[bool]  # per token: inside quote marks or a removed span
    entities: list[_Entity] = field(default_factory=list)
    names: dict[int, int] = field(default_factory=dict)  # token index -> entity (name tokens)
    bound: dict[int, int] = field(default_factory=dict)  # role head token -> entity
    bindings: list[_Binding] = field(default_factory=list)
    refs: list[_Ref] = field(default_factory=list)
    resolved: dict[int, _Resolution] = field(default_factory=dict)  # head token -> result
    sent_of: list[int] = field(default_factory=list)
    documents: list[tuple[str, str, int]] = field(default_factory=list)  # (head, name, token)


def headline_end(text: str) -> int:
    """End of a headline line (short, unpunctuated first line); 0 when there is none.
    Headlines run words together ("Smith Defends Plan") and are no antecedents."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0]
    if "\n" not in stripped or len(first.split()) > 20 or first.rstrip().endswith("."):
        return 0
    return len(text) - len(stripped) + len(first)


def lead_end(text: str) -> int:
    """End of the lead: the headline and the story's first paragraph (where news states what
    the story is about)."""
    title_end = headline_end(text)
    body = len(text) - len(text[title_end:].lstrip())
    newline = text.find("\n", body)
    return len(text) if newline < 0 else newline


def _blocked_tokens(doc: Doc, removed: Sequence[Removed]) -> list[bool]:
    regions = quoted_regions(doc_text(doc)) + [(r.start, r.end) for r in removed]
    if headline_end(doc_text(doc)):
        regions.append((0, headline_end(doc_text(doc))))
    regions.sort()
    starts = [start for start, _ in regions]
    blocked = []
    for token in doc:
        k = bisect.bisect_right(starts, token.idx) - 1
        inside = any(
            start <= token.idx < end for start, end in regions[max(0, k - 3) : k + 1]
        )
        blocked.append(inside)
    return blocked


def _clean_word(word: str) -> str:
    return word.strip(".,’'\"‘“”")


def _strip_name(tokens: list[Token]) -> tuple[list[str], Gender | None, list[str]]:
    """Name words without determiner, honorifics/titles and possessive; their gender; titles."""
    words = list(tokens)
    while words and (words[-1].tag_ == "POS" or words[-1].text in ("’s", "'s", "’", "'")):
        words = words[:-1]
    gender: Gender | None = None
    titles: list[str] = []
    while words and (_is_title(words[0], len(words)) or (
            len(words) > 2 and _clean_word(words[0].lower_) in TITLE_QUALIFIERS
            and _is_title(words[1], len(words) - 1))):
        word = _clean_word(words[0].lower_)
        if word in HONORIFIC_GENDER and HONORIFIC_GENDER[word]:
            gender = HONORIFIC_GENDER[word]
        if word != "the" and word not in TITLE_QUALIFIERS:
            titles.append(word)
        words = words[1:]
    # "the state Department of Public Safety": a lower-case qualifier is no part of a name.
    while len(words) > 1 and words[0].text.islower() and words[0].lower_ in TITLE_QUALIFIERS \
            and words[1].text[:1].isupper():
        words = words[1:]
    # "the Minister for Housing, Ciarán Maguire": the rest of the title runs to the comma.
    if titles and words and words[0].lower_ in {"for", "of"}:
        comma = next((k for k, w in enumerate(words) if w.text == ","), None)
        if comma is not None and comma + 1 < len(words):
            words = words[comma + 1 :]
    while len(words) > 2 and _clean_word(words[-1].lower_) in POST_NOMINALS and words[-1].is_upper:
        words = words[:-1]
    # Words as written: tokens with no space between them ("Osborne-Clay", "Workers’") join.
    joined: list[str] = []
    glued = False
    for word in words:
        if word.text in (",", "."):
            glued = False
            continue
        if glued and joined:
            joined[-1] += word.text
        else:
            joined.append(word.text)
        glued = not word.whitespace_
    if joined:
        joined[-1] = re.sub(r"(’s|'s|’|')$", "", joined[-1])
    return [w for w in joined if w], gender, titles


def _is_title(token: Token, remaining: int) -> bool:
    """A word before a name that is not part of it: 'the', 'Mr', 'Senator', 'Minister'."""
    word = _clean_word(token.lower_)
    return word == "the" or word in HONORIFIC_GENDER or (
        word in PERSON_ROLES and token.text[:1].isupper() and remaining > 1
    )


def _looks_like_org(words: list[str], label: str) -> bool:
    lowered = {w.lower() for w in words}
    if lowered & ORG_NAME_WORDS:
        return True
    return label == "ORG" and not (words and words[0].lower() in FEMALE_NAMES | MALE_NAMES)


def _name_candidates(doc: Doc, blocked: list[bool]) -> list[tuple[SpacySpan, str]]:
    """Proper-name spans outside quotes: NER entities, plus honorific + capitalised words."""
    spans: list[tuple[SpacySpan, str]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"):
            continue
        if any(blocked[t.i] for t in ent):
            continue
        start = ent.start
        label = ent.label_
        if label == "PERSON":
            start = _first_name_before(doc, blocked, taken, ent)
        elif label == "ORG" and len(ent) == 1 and _first_name_before(doc, blocked, taken, ent) == ent.start - 1:
            # "Carys Meredith", "Tomeka Reyes": a first name the NER did not know, and the
            # surname it took for a body.
            start, label = ent.start - 1, "PERSON"
        elif label == "GPE":
            start = _name_words_before(doc, blocked, taken, ent)
            label = "ORG" if start < ent.start else label  # 'Shale Gas UK': a body
        # Take in an honorific right before the entity ("Ms" + "Okafor").
        if start > 0 and _clean_word(doc[start - 1].lower_) in HONORIFIC_GENDER:
            start -= 1
        span = doc[start : ent.end]
        spans.append((span, label))
        taken.update(range(span.start, span.end))
    for token in doc:
        if token.i in taken or blocked[token.i]:
            continue
        if _clean_word(token.lower_) in HONORIFIC_GENDER and token.text[:1].isupper():
            end = token.i + 1
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            if end > token.i + 1 and not any(i in taken for i in range(token.i, end)):
                spans.append((doc[token.i : end], "PERSON"))
                taken.update(range(token.i, end))
    # "Ella Marsh" missed by NER: a known first name followed by capitalised words.
    for token in doc:
        if token.i in taken or blocked[token.i] or not token.text[:1].isupper():
            continue
        if token.lower_ not in FEMALE_NAMES | MALE_NAMES:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        if end > token.i + 1 and not any(i in taken for i in range(token.i, end)):
            spans.append((doc[token.i : end], "PERSON"))
            taken.update(range(token.i, end))
    spans += _unlabelled_names(doc, blocked, taken)
    return [_relabel_by_apposition(span, label) for span, label in
            sorted(spans, key=lambda pair: pair[0].start)]


_NOT_FIRST_NAMES = frozenset(HONORIFIC_GENDER) | PERSON_ROLES | ORG_NAME_WORDS


def _first_name_before(doc: Doc, blocked: list[bool], taken: set[int], ent: SpacySpan) -> int:
    """Start of a person name whose first name NER left out ('Sadia' of 'Sadia Rahman'): a
    capitalised proper noun compounded onto the name that is no title, role or body word."""
    # A word the article also writes in lower case is a common noun ('Patient Alice Morgan').
    not_names = _NOT_FIRST_NAMES | _lowercase_words(doc)
    return _name_words_before(doc, blocked, taken, ent, not_names)


def _lowercase_words(doc: Doc) -> frozenset[str]:
    """The words the article writes in lower case (once per article: it is asked per name)."""
    cached = doc.user_data.get(_LOWERCASE_KEY)
    if cached is None:
        cached = frozenset(t.text for t in doc if t.is_alpha and t.text.islower())
        doc.user_data[_LOWERCASE_KEY] = cached
    return cached


_LOWERCASE_KEY = "onrecord.speakers.lowercase_words"


def _name_words_before(
    doc: Doc, blocked: list[bool], taken: set[int], ent: SpacySpan,
    not_names: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Start of a name that runs further left than NER saw: capitalised proper nouns
    compounded onto it."""
    start = ent.start
    while start > 0:
        before = doc[start - 1]
        if (before.i in taken or blocked[before.i] or before.pos_ != "PROPN"
                or before.dep_ != "compound" or not ent.start <= before.head.i < ent.end
                or not _capitalised(before) or before.lower_ in not_names
                or before.sent.start != ent.sent.start):
            break
        start -= 1
    return start


# Lower-case words that can sit inside a proper name ("Institute for Child Health").
NAME_CONNECTORS = {"of", "for", "and", "&", "the", "on", "in"}


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()


def _chunk_around(doc: Doc, blocked: list[bool], taken: set[int], seed: Token) -> SpacySpan:
    """The run of capitalised words (with inner connectors) around a seed word, in its
    sentence: 'Stop the Link', 'Shale Gas UK', 'Friends of Harwood Libraries'."""
    sent = seed.sent

    def usable(i: int) -> bool:
        return sent.start <= i < sent.end and i not in taken and not blocked[i]

    def joins(i: int, step: int) -> bool:
        token = doc[i]
        if _capitalised(token):
            return True
        # A connector joins only between capitalised words; a possessive mark after a plural.
        after = i + step
        if token.lower_ in NAME_CONNECTORS and usable(after) and _capitalised(doc[after]):
            return True
        return token.text in ("’", "'") and doc[i - 1].text.endswith("s") and not doc[i - 1].whitespace_

    start = seed.i
    while usable(start - 1) and joins(start - 1, -1):
        start -= 1
    end = seed.i + 1
    while usable(end) and joins(end, 1):
        end += 1
    while start < end and not _capitalised(doc[start]):
        start += 1
    while end > start and not _capitalised(doc[end - 1]):
        end -= 1
    return doc[start:end]


def _unlabelled_names(
    doc: Doc, blocked: list[bool], taken: set[int]
) -> list[tuple[SpacySpan, str]]:
    """Names NER missed, found where the syntax wants a speaker or a body: the subject of a
    verb, a role's apposition, the body after 'by'/'from'/'for'. The small model misses many
    invented names ('Shale Gas UK said it ...'); the kind comes from the sentence's evidence
    (body words, 'the', the role in apposition, the pronoun that takes up the subject)."""
    found: list[tuple[SpacySpan, str]] = []
    for token in doc:
        if token.i in taken or blocked[token.i] or not _capitalised(token):
            continue
        if token.pos_ != "PROPN" and token.lower_ not in ORG_NAME_WORDS:
            continue
        if not _speaker_position(token):
            continue
        span = _chunk_around(doc, blocked, taken, token)
        if len(span) == 0:
            continue
        if len(span) == 1 and span.start == span.sent.start and not _is_a_body(token):
            continue  # one capitalised word opening a sentence is no evidence of a name
        if span[-1].lower_ in PERSON_ROLES or span[-1].lower_ in HONORIFIC_GENDER:
            continue  # a capitalised title ('the Prime Minister') is a role, not a name
        label = _chunk_kind(doc, span)
        if label is not None:
            found.append((span, label))
            taken.update(range(span.start, span.end))
    for prep in doc:
        body = _body_after(doc, blocked, taken, prep)
        if body is not None:
            found.append((body, "ORG"))
            taken.update(range(body.start, body.end))
    return found


def _body_after(doc: Doc, blocked: list[bool], taken: set[int], prep: Token) -> SpacySpan | None:
    """The capitalised name after 'campaigners from', 'a report by', 'a spokesman for':
    whoever speaks through members, papers or spokespeople is a body."""
    if prep.lower_ not in ("by", "from", "for", "at", "of") or prep.dep_ != "prep":
        return None
    if prep.head.lower_ not in GROUP_NOUNS | DOC_NOUNS | SPOKES:
        return None
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    start, end = objects[0].left_edge.i, objects[0].right_edge.i + 1
    while start < end and doc[start].lower_ == "the":
        start += 1
    span = doc[start:end]
    if len(span) == 0 or any(t.i in taken or blocked[t.i] for t in span):
        return None
    if not all(_capitalised(t) or t.lower_ in NAME_CONNECTORS for t in span):
        return None
    return span if _capitalised(span[0]) and _capitalised(span[-1]) else None


def _is_a_body(token: Token) -> bool:
    """'TechBritain, which represents ..., said it ...': 'which' and 'it' take up a body."""
    which = any(
        c.dep_ == "relcl" and any(w.lower_ == "which" for w in c.children)
        for c in token.children
    )
    return which or _taken_up_by(token) == "it"


def _speaker_position(token: Token) -> bool:
    head = token.head
    roles = PERSON_ROLES | ORG_NOUNS
    if token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "appos" and head.lower_ in roles):
        return True
    if any(c.dep_ == "appos" and c.lower_ in roles for c in token.children):
        return True
    # 'Stop the Link said': the parser may hang the name off a compound or a verb.
    return token.dep_ == "compound" and head.dep_ in ("nsubj", "pobj") and _capitalised(head)


def _chunk_kind(doc: Doc, span: SpacySpan) -> str | None:
    """PERSON, ORG, or None when the sentence does not say."""
    lowered = [t.lower_ for t in span]
    if set(lowered) & ORG_NAME_WORDS:
        return "ORG"
    role = _appositive_role(span)
    if role is not None:
        return "PERSON" if role in PERSON_ROLES and role not in ORG_NOUNS else "ORG"
    if span.start > 0 and doc[span.start - 1].lower_ == "the":
        return "ORG"  # people do not take 'the'
    if len(span) > 1 and lowered[0] in FEMALE_NAMES | MALE_NAMES:
        return "PERSON"
    head = span.root
    if head.dep_ == "pobj" and head.head.head.lower_ in GROUP_NOUNS | DOC_NOUNS | SPOKES:
        return "ORG"  # 'campaigners from X', 'a report by X', 'a spokesman for X'
    pronoun = _taken_up_by(head) or _next_speaker_pronoun(doc, span)
    if pronoun in ("he", "she"):
        return "PERSON"
    if pronoun == "it":
        return "ORG"
    return None


def _appositive_role(span: SpacySpan) -> str | None:
    for token in span:
        linked = [c for c in token.children if c.dep_ == "appos" and c.i >= span.end]
        if token.dep_ == "appos" and not span.start <= token.head.i < span.end:
            linked.append(token.head)
        for role in linked:
            if role.lower_ in PERSON_ROLES | ORG_NOUNS:
                return role.lower_
    return None


def _taken_up_by(subject: Token) -> str | None:
    """The pronoun subject of what a subject said: 'X said it had ...' -> 'it'."""
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verbs = [subject.head] + [c for c in subject.head.children if c.dep_ == "conj"]
    for verb in verbs:
        if verb.lemma_ not in SPEECH_VERBS:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            for child in clause.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in PRONOUNS:
                    return child.lower_
    return None


def _next_speaker_pronoun(doc: Doc, span: SpacySpan) -> str | None:
    """'X said ... “...,” she said.': the next pronoun speaker in the paragraph takes X up
    when no other name comes between."""
    for token in doc[span.end : min(len(doc), span.end + 60)]:
        if "\n" in token.text or (token.ent_type_ in ("PERSON", "ORG") and token.pos_ == "PROPN"):
            return None
        if token.dep_ == "nsubj" and token.lower_ in PRONOUNS and token.head.lemma_ in SPEECH_VERBS:
            return token.lower_
    return None


def _relabel_by_apposition(span: SpacySpan, label: str) -> tuple[SpacySpan, str]:
    """NER often calls an invented person ORG; 'the group's chair, Beatrice Lomax' says
    otherwise. A body name (with a body word) is never relabelled."""
    if label not in ("ORG", "GPE", "NORP") or {t.lower_ for t in span} & ORG_NAME_WORDS:
        return span, label
    role = _appositive_role(span)
    if role in PERSON_ROLES and role not in ORG_NOUNS:
        return span, "PERSON"
    if label == "ORG" and role is None:
        pronoun = _taken_up_by(span.root) or _next_speaker_pronoun(span.doc, span)
        if pronoun in ("he", "she"):
            return span, "PERSON"  # 'Rowena Gilchrist said ... “...,” she said.'
    return span, label


def _surname_spans(
    doc: Doc, blocked: list[bool], candidates: list[tuple[SpacySpan, str]], surnames: set[str]
) -> list[tuple[SpacySpan, str]]:
    """Capitalised words that repeat a person's surname but that NER missed ('Ruiz denied')."""
    taken = {t.i for span, _ in candidates for t in span}
    return [
        # 'Progressive MP Sadia Rahman' unseen by NER: the first name comes with the surname.
        (doc[_first_name_before(doc, blocked, taken, doc[t.i : t.i + 1]) : t.i + 1], "PERSON")
        for t in doc
        if t.i not in taken and not blocked[t.i] and t.text[:1].isupper()
        and t.lower_ in surnames and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")
    ]


def _org_first_words(candidates: list[tuple[SpacySpan, str]]) -> set[str]:
    """First words of multi-word organisation names ('Apex' of 'Apex Motors')."""
    firsts = set()
    for span, _ in candidates:
        words, _, titles = _strip_name(list(span))
        if len(words) > 1 and not titles and {w.lower() for w in words} & ORG_NAME_WORDS:
            firsts.add(words[0].lower())
    return firsts


def _person_surnames(candidates: list[tuple[SpacySpan, str]]) -> set[str]:
    """Surnames of names that are clearly people (PERSON, honorific, or known first name)."""
    surnames: set[str] = set()
    for span, label in candidates:
        words, gender, titles = _strip_name(list(span))
        if not words or {w.lower() for w in words} & ORG_NAME_WORDS:
            continue
        if label == "PERSON" or titles or (len(words) > 1 and words[0].lower() in
                                           FEMALE_NAMES | MALE_NAMES):
            if len(words) > 1 or titles:
                surnames.add(words[-1].lower())
    return surnames


def _add_name(art: _Article, words: list[str], kind: Kind, gender: Gender | None, at: int) -> int:
    """The entity a name belongs to, creating or completing one."""
    lowered = [w.lower() for w in words]
    if kind == "organization":
        for entity in reversed(art.entities):
            if entity.kind != "organization":
                continue
            known = [w.lower() for w in entity.words]
            if known == lowered or _prefix(known, lowered) or _prefix(lowered, known):
                if len(lowered) > len(known):
                    entity.words = words
                return entity.id
        return _new(art, kind, words, None, at)
    first = lowered[0] if len(lowered) > 1 else None
    last = lowered[-1]
    same = [e for e in art.entities if e.kind == "person" and e.last == last]
    if first is not None:
        exact = [e for e in same if e.first == first]
        if exact:
            return exact[-1].id
        open_ = [e for e in same if e.first is None]
        if open_:
            entity = open_[-1]
            entity.words = words
            if entity.gender is None:
                entity.gender = _first_name_gender(first)
            return entity.id
        return _new(art, kind, words, gender, at)
    if gender is not None:
        fits = [e for e in same if e.gender in (gender, None) or e.gender_weak]
        strict = [e for e in fits if e.gender == gender and not e.gender_weak]
        same = strict or fits
    if same:
        return max(same, key=lambda e: e.last_seen).id
    by_first = [e for e in art.entities if e.kind == "person" and e.first == last]
    if by_first:
        return by_first[-1].id
    return _new(art, kind, words, gender, at)


def _prefix(short: list[str], long: list[str]) -> bool:
    return 0 < len(short) < len(long) and long[: len(short)] == short


def _new(art: _Article, kind: Kind, words: list[str], gender: Gender | None, at: int) -> int:
    entity = _Entity(id=len(art.entities), kind=kind, words=words, last_seen=at)
    if kind == "person":
        first = words[0].lower() if len(words) > 1 else ""
        if gender is not None:
            entity.gender, entity.gender_weak = gender, False
        else:
            entity.gender = _first_name_gender(first)
    art.entities.append(entity)
    return entity.id


def _first_name_gender(first: str) -> Gender | None:
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None


def _set_gender(entity: _Entity, gender: Gender | None) -> None:
    if gender is not None and (entity.gender is None or entity.gender_weak):
        entity.gender, entity.gender_weak = gender, False


def _collect_names(art: _Article) -> None:
    doc = art.doc
    common = {t.text for t in doc if t.is_alpha and t.text.islower()}
    candidates = [
        (_without_common_words(span, common), label)
        for span, label in _name_candidates(doc, art.blocked)
    ]
    surnames = _person_surnames(candidates)
    org_firsts = _org_first_words(candidates)
    candidates += _surname_spans(doc, art.blocked, candidates, surnames)
    candidates.sort(key=lambda pair: pair[0].start)
    for span, label in candidates:
        words, gender, titles = _strip_name(list(span))
        if not words:
            continue
        lowered = [w.lower() for w in words]
        first_named = lowered[0] in FEMALE_NAMES | MALE_NAMES and len(words) > 1
        person = (
            label == "PERSON" or bool(titles) or first_named or lowered[-1] in surnames
        ) and not set(lowered) & ORG_NAME_WORDS
        if person and not titles and not first_named and modifies_a_thing(span):
            person = False  # 'a Social Democratic government': a party word, not a person
        after_the = span.start > 0 and doc[span.start - 1].lower_ == "the"
        if len(words) == 1 and not titles and (lowered[0] in org_firsts or after_the):
            person = False  # 'Apex' of 'Apex Motors'; 'the Gazette': people take no 'the'
            label = "ORG"
        place = label in ("GPE", "NORP") and not set(lowered) & ORG_NAME_WORDS
        if not person and (place or not _looks_like_org(words, label)):
            continue
        kind: Kind = "person" if person else "organization"
        entity_id = _add_name(art, words, kind, gender, span.start)
        entity = art.entities[entity_id]
        _set_gender(entity, gender)
        entity.last_seen = span.start
        for token in span:
            art.names[token.i] = entity_id
        _bind_premodifiers(art, span, entity_id)


def _without_common_words(span: SpacySpan, common: set[str]) -> SpacySpan:
    """'Trainee Ruth Ellery': a leading word the article also writes in lower case, before a
    known first name, describes the person and is no part of the name."""
    start = span.start
    while (start + 1 < span.end and span.doc[start].lower_ in common
           and span.doc[start + 1].lower_ in FEMALE_NAMES | MALE_NAMES):
        start += 1
    return span.doc[start : span.end]


def _bind_premodifiers(art: _Article, span: SpacySpan, entity_id: int) -> None:
    """'Health Secretary Alan Pritchard', 'Software company Nimbus': a title before a name."""
    doc = art.doc
    # Titles inside the name span ("Judge", "Prime Minister") count with the words before it.
    first_name = span.start
    while first_name < span.end - 1 and _is_title(doc[first_name], span.end - first_name):
        first_name += 1
    i = first_name - 1
    words: list[Token] = []
    while i >= 0 and not art.blocked[i] and (i >= span.start or _org_name_word(art, i)):
        token = doc[i]
        if token.pos_ in ("DET", "PUNCT", "VERB", "AUX", "ADP", "PRON", "CCONJ", "SPACE"):
            break
        if token.tag_ == "POS":
            break
        words.insert(0, token)
        i -= 1
    while words and HONORIFIC_GENDER.get(_clean_word(words[-1].lower_)):
        words.pop()  # "Mr" is no role
    if not words:
        return
    head = words[-1]
    lemma = _clean_word(head.lower_)
    lemma = {"gov": "governor", "sen": "senator", "rep": "representative"}.get(lemma, lemma)
    if lemma not in PERSON_ROLES | ORG_NOUNS:
        return
    modifiers = frozenset(w.lower_ for w in words[:-1])
    art.bindings.append(_Binding(entity_id, lemma, modifiers, head.i))
    art.bound[head.i] = entity_id
    entity = art.entities[entity_id]
    entity.role_heads.add(lemma)
    if lemma in OFFICE_ROLES:
        entity.roles.add(lemma)
    _set_gender(entity, ROLE_GENDER.get(lemma))


def _org_name_word(art: _Article, i: int) -> bool:
    """Not part of a person's name: a body's name can qualify a title ('Rovers boss')."""
    return i not in art.names or art.entities[art.names[i]].kind == "organization"


def _np_modifiers(token: Token) -> frozenset[str]:
    return frozenset(
        c.lower_ for c in token.lefts
        if c.dep_ in ("compound", "amod", "nmod", "nummod") and c.lower_ not in ("’s", "'s")
    )


def _collect_appositions(art: _Article) -> None:
    """'Rachel Okafor, the health spokeswoman,' and 'Its director, Paul Ngata,'."""
    for token in art.doc:
        if token.dep_ != "appos" or art.blocked[token.i]:
            continue
        head = token.head
        if token.i in art.names and head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head  # "the mayor of Eastport, Linda Chow": the role, not the place
        name, role = (token, head) if token.i in art.names else (head, token)
        if name.i not in art.names or role.i in art.names:
            continue
        lemma = role.lower_
        if lemma not in PERSON_ROLES | ORG_NOUNS and not YEAR_OLD.search(
            art.doc[role.left_edge.i : role.i + 1].text
        ):
            continue
        entity_id = art.names[name.i]
        art.bound[role.i] = entity_id
        art.bindings.append(_Binding(entity_id, lemma, _np_modifiers(role), role.i))
        entity = art.entities[entity_id]
        entity.role_heads.add(lemma)
        if lemma in OFFICE_ROLES:
            entity.roles.add(lemma)
        _set_gender(entity, ROLE_GENDER.get(lemma))


# --- salience and resolution -----------------------------------------------------------------


def _weight(token: Token) -> float:
    """How prominent a mention is: subjects of statements most, prepositional objects least."""
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass"):
        weight = 180.0
        if token.head.lemma_ in SPEECH_VERBS:
            weight += 60.0
        return weight
    if dep == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
        return 180.0
    if dep in ("dobj", "iobj", "dative", "attr"):
        return 90.0
    if dep == "poss":
        return 60.0
    if dep == "pobj":
        return 50.0
    return 70.0


def _head_of(tokens: SpacySpan) -> Token:
    for token in tokens:
        if token.head.i < tokens.start or token.head.i >= tokens.end or token.head == token:
            return token
    return tokens[-1]


def _same_office(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in SYNONYMS)


# Callings nobody holds at once: the presenter who interviews an MP is not "the veteran MP".
MEDIA_ROLES = frozenset("presenter host interviewer reporter journalist correspondent editor "
                        "broadcaster anchor".split())
POLITICAL_ROLES = frozenset("mp politician lawmaker backbencher minister secretary leader "
                            "senator congressman congresswoman councillor mayor chancellor "
                            "premier whip representative".split())


def _conflicts(entity: _Entity, head: str) -> bool:
    """A person already tied to another office is not 'the <head>' (the PM is not the leader),
    and a journalist is no politician, nor the other way round."""
    for one, other in ((MEDIA_ROLES, POLITICAL_ROLES), (POLITICAL_ROLES, MEDIA_ROLES)):
        if head in one and entity.roles & other and not entity.roles & one:
            return True
    if head in DESCRIPTIVE_ROLES or head not in OFFICE_ROLES or not entity.roles:
        return False
    offices = entity.roles & OFFICE_ROLES
    return bool(offices) and not any(_same_office(head, r) for r in offices)


def _salience(art: _Article, at: int, sent: int, verb: int | None) -> dict[int, float]:
    scores: dict[int, tuple[float, float]] = {}
    for ref in art.refs:
        if ref.head >= at or ref.entity is None:
            continue
        distance = sent - ref.sent
        if distance > 6:
            continue
        if distance == 0 and verb is not None and ref.dobj_of == verb:
            continue  # "Mr Vine told the leader ... he": an object is not its verb's subject
        value = ref.weight * 0.5**distance
        best, rest = scores.get(ref.entity, (0.0, 0.0))
        scores[ref.entity] = (max(best, value), rest + min(best, value))
    # The strongest recent mention counts in full, repetition only in part.
    return {entity: best + 0.3 * rest for entity, (best, rest) in scores.items()}


def _unnamed(art: _Article, at: int, sent: int) -> dict[int, float]:
    """Unnamed people ('a council spokesman') also compete; -1-k keys mark them."""
    scores: dict[int, float] = {}
    for ref in art.refs:
        if ref.head >= at or ref.entity is not None:
            continue
        distance = sent - ref.sent
        if distance > 6:
            continue
        scores[-1 - ref.head] = ref.weight * 0.5**distance
    return scores


def _pick(scores: dict[int, float]) -> tuple[int | None, float]:
    if not scores:
        return None, 0.0
    ranked = sorted(scores.items(), key=lambda pair: -pair[1])
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = 0.5 + 0.45 * (top - second) / top if top > 0 else 0.3
    return best, round(confidence, 3)


def _verb_of(token: Token) -> int | None:
    return token.head.i if token.dep_ in ("nsubj", "nsubjpass") else None


def _resolve_pronoun(art: _Article, token: Token) -> _Resolution:
    kind, gender = PRONOUNS[token.lower_]
    sent = art.sent_of[token.i]
    scores = _salience(art, token.i, sent, _verb_of(token))
    if kind == "person":
        scores.update({k: v * 0.9 for k, v in _unnamed_gendered(art, token.i, sent, gender)})
    candidates: dict[int, float] = {}
    for entity_id, score in scores.items():
        if entity_id < 0:
            candidates[entity_id] = score
            continue
        entity = art.entities[entity_id]
        if kind == "person":
            if entity.kind != "person":
                continue
            if entity.gender is not None and entity.gender != gender:
                continue  # even a first name's gender beats guessing across it
            if entity.gender is None:
                score *= 0.6
        elif entity.kind == "person":
            continue
        candidates[entity_id] = score
    best, confidence = _pick(candidates)
    if best is None or best < 0:
        return _Resolution(None, 0.2, "person" if kind == "person" else "unknown")
    entity = art.entities[best]
    if kind == "person":
        _set_gender_from_pronoun(entity, gender)
    return _Resolution(best, confidence, entity.kind)


def _set_gender_from_pronoun(entity: _Entity, gender: Gender | None) -> None:
    if gender is not None and entity.gender is None:
        entity.gender, entity.gender_weak = gender, True


def _unnamed_gendered(
    art: _Article, at: int, sent: int, gender: Gender | None
) -> list[tuple[int, float]]:
    result = []
    for key, score in _unnamed(art, at, sent).items():
        head = art.doc[-1 - key]
        role_gender = ROLE_GENDER.get(head.lower_)
        if head.lower_ in PERSON_ROLES and role_gender in (gender, None):
            result.append((key, score))
    return result


def _determiner(token: Token) -> Token | None:
    for child in token.lefts:
        if child.dep_ in ("det", "poss"):
            return child
    return None


def _possessor(art: _Article, token: Token) -> int | None:
    """The entity that owns a description: 'Labour's manifesto', 'its report', 'his client'."""
    det = _determiner(token)
    if det is None or det.dep_ != "poss":
        return None
    if det.i in art.resolved:
        return art.resolved[det.i].entity
    if det.i in art.names:
        return art.names[det.i]
    for child in det.subtree:
        if child.i in art.names:
            return art.names[child.i]
    return None


def _owner_name(art: _Article, token: Token) -> str | None:
    """The owner as the article names it here ("Labour's manifesto" -> "Labour"); a pronoun
    owner ("its report") takes the name of the body it stands for."""
    det = _determiner(token)
    if det is None or det.dep_ != "poss":
        return None
    if det.pos_ == "PROPN" or det.i in art.names:
        words, _, _ = _strip_name(list(det.subtree))
        return " ".join(words) or None
    owner = _possessor(art, token)
    return art.entities[owner].name if owner is not None else None


def _resolve_document(art: _Article, token: Token) -> _Resolution:
    head = token.lower_
    owner = _owner_name(art, token)
    if owner is not None:
        det = _determiner(token)
        assert det is not None
        # Words between the owner and the noun: "Orbis Energy's half-year report".
        between = art.doc[det.right_edge.i + 1 : token.i + 1].text
        if between.startswith(("’s", "'s")):
            between = between[2:]
        name = " ".join([owner, between.strip()])
        art.documents.append((head, name, token.i))
        return _Resolution(None, 0.85, "document", name)
    author = _author(art, token)
    if author is not None:
        # 'A report by the Institute for Child Health': the record names the author body.
        name = art.entities[author].name or ""
        art.documents.append((head, name, token.i))
        return _Resolution(author, 0.85, "document", name)
    compounds = [c for c in token.lefts if c.dep_ == "compound" and not art.blocked[c.i]]
    # 'The review document' is the review named before; 'the review' too.
    for doc_head, name, at in reversed(art.documents):
        if at < token.i and (doc_head == head or any(c.lower_ == doc_head for c in compounds)):
            return _Resolution(None, 0.7, "document", name)
    if compounds:
        # 'A Treasury analysis', 'the defence review': the words that name it.
        words, _, _ = _strip_name(list(art.doc[compounds[0].left_edge.i : token.i + 1]))
        name = " ".join(words)
        art.documents.append((head, name, token.i))
        return _Resolution(None, 0.7, "document", name)
    return _Resolution(None, 0.2, "document")


def _author(art: _Article, token: Token) -> int | None:
    """The named body or person after 'by' in 'a study by X' (not 'passed by', a verb's);
    the parser may hang a parenthetical 'The report, by X, said' on the verb."""
    preps = list(token.children)
    preps += [c for p in token.children if p.dep_ == "punct" for c in p.children]
    if token.dep_ in ("nsubj", "nsubjpass"):
        preps += [c for c in token.head.children if token.i < c.i < token.head.i]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in art.names:
                    return art.names[obj.i]
    return None


def _resolve_org_noun(art: _Article, token: Token) -> _Resolution:
    head = token.lower_
    if token.i in art.bound:
        return _Resolution(art.bound[token.i], 0.9, "organization")
    orgs = [e for e in art.entities if e.kind == "organization" and e.last_seen < token.i]
    stem = head[:4]
    named = [
        e for e in orgs
        if head in e.role_heads or any(w.lower().startswith(stem) for w in e.words)
    ]
    if named:
        return _Resolution(max(named, key=lambda e: e.last_seen).id, 0.8, "organization")
    if head in GENERIC_ORG_NOUNS:
        sent = art.sent_of[token.i]
        scores = {
            k: v for k, v in _salience(art, token.i, sent, None).items()
            if art.entities[k].kind == "organization"
            and not {w.lower() for w in art.entities[k].words} & INSTITUTION_WORDS
        }
        best, confidence = _pick(scores)
        if best is None:
            companies = [e for e in orgs if not {w.lower() for w in e.words} & INSTITUTION_WORDS]
            if companies:
                return _Resolution(companies[-1].id, 0.5, "organization")
        return _Resolution(best, confidence * 0.9, "organization")
    owner = _owner_name(art, token) or _compound_owner(art, token)
    if owner is not None:
        return _Resolution(None, 0.6, "organization", f"{owner} {token.text}")
    det = _determiner(token)
    if head in INSTITUTION_WORDS and det is not None and det.lower_ == "the":
        if not _np_modifiers(token) and not list(token.rights):
            # 'the government announced': the institution as the article names it.
            return _Resolution(None, 0.5, "organization", head)
    return _Resolution(None, 0.2, "organization")


def _compound_owner(art: _Article, token: Token) -> str | None:
    """'the Lindholm campaign': a named person or body right before a body noun."""
    names = [c for c in token.lefts if c.dep_ == "compound" and c.i in art.names]
    if not names:
        return None
    words, _, _ = _strip_name(list(art.doc[names[0].left_edge.i : names[-1].i + 1]))
    return " ".join(words) or None


def _role_of(token: Token, text: str) -> str:
    return "year-old" if YEAR_OLD.search(text) else token.lower_


def _modifiers_fit(modifiers: frozenset[str], binding: _Binding) -> bool:
    """'the Town boss' fits 'Town manager X' and 'manager X', not 'Rovers boss Y'."""
    if binding.modifiers & OFFICE_CHANGING - modifiers:
        return False
    return not modifiers or not binding.modifiers or bool(modifiers & binding.modifiers)


def _speech_subjects(art: _Article, token: Token) -> set[int]:
    """Speakers whose reported words contain the token: in 'Holt said the forward had ...'
    the forward is not Holt. Coordinated clauses ('X questioned ... and the PM accused') are
    not reported words, so only clausal complements of speech verbs count."""
    found: set[int] = set()
    node = token
    while node.head != node:
        clause, node = node, node.head
        if clause.dep_ != "ccomp" or node.lemma_ not in SPEECH_VERBS:
            continue
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                resolution = art.resolved.get(child.i)
                if resolution is not None and resolution.entity is not None:
                    found.add(resolution.entity)
    return found


def _resolve_role(art: _Article, token: Token, text: str) -> _Resolution:
    """'the minister', 'The 71-year-old', 'his client', 'a council spokesman'."""
    if token.i in art.bound:
        return _Resolution(art.bound[token.i], 0.9, "person")
    head = _role_of(token, text)
    principal = _spoken_for(art, token)
    if principal is not None:
        # A later 'the spokesman' is this one, speaking for the same principal.
        art.bindings.append(_Binding(principal, head, _np_modifiers(token), token.i))
        return _Resolution(principal, 0.8, art.entities[principal].kind)
    det = _determiner(token)
    if det is not None and det.lower_ in INDEFINITE:
        return _Resolution(None, 0.3, "person")  # an unnamed person: never guess a name
    owner = _possessor(art, token)
    modifiers = _np_modifiers(token)
    matches = [
        b for b in art.bindings
        if b.at < token.i and _same_office(b.head, head) and _modifiers_fit(modifiers, b)
        and b.entity != owner
    ]
    exact = [b for b in matches if b.head == head]
    if exact or matches:
        binding = max(exact or matches, key=lambda b: b.at)
        return _Resolution(binding.entity, 0.85, "person")
    sent = art.sent_of[token.i]
    gender = ROLE_GENDER.get(head)
    excluded = _speech_subjects(art, token) | {owner}
    scores: dict[int, float] = {}
    for entity_id, score in _salience(art, token.i, sent, _verb_of(token)).items():
        entity = art.entities[entity_id]
        if entity.kind != "person" or entity_id in excluded or _conflicts(entity, head):
            continue
        if gender is not None and entity.gender not in (gender, None) and not entity.gender_weak:
            continue
        if head in entity.roles:
            score *= 3.0  # already called by this role
        scores[entity_id] = score
    best, confidence = _pick(scores)
    if best is None and det is not None and (det.lower_ == "the" or det.dep_ == "poss"):
        # No one before it: a lede's 'The energy minister told MPs ...' is introduced by
        # name in the next sentences ('Kwame Asante said ...').
        best = _named_next(art, token, head, gender, excluded)
        confidence = 0.6
    if best is None:
        return _Resolution(None, 0.2, "person")
    entity = art.entities[best]
    if head in OFFICE_ROLES:
        entity.roles.add(head)
    # Once the article has called someone "the mayor", later "the mayor" is the same person.
    art.bindings.append(_Binding(best, head, modifiers, token.i))
    return _Resolution(best, min(confidence, 0.8), "person")


def _spoken_for(art: _Article, token: Token) -> int | None:
    """'A spokesman for the Harbour Forum' speaks for the forum: the record names the body
    (or person) whose words they are."""
    if token.lower_ not in SPOKES:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.i in art.resolved and art.resolved[obj.i].entity is not None:
                return art.resolved[obj.i].entity
            if obj.i in art.names:
                return art.names[obj.i]
    return None


def _named_next(
    art: _Article, token: Token, head: str, gender: Gender | None, excluded: set[int | None]
) -> int | None:
    """The first person named as a subject in the next two sentences, when nothing ties
    them to another role and nothing earlier could be meant (cataphora of a lede)."""
    if any(ref.entity is not None and art.entities[ref.entity].kind == "person"
           for ref in art.refs):
        return None  # someone is already on stage: the salience model decides
    sent = art.sent_of[token.i]
    for i in range(token.i + 1, len(art.doc)):
        if art.sent_of[i] > sent + 2:
            return None
        if i not in art.names or art.doc[i].dep_ not in ("nsubj", "nsubjpass"):
            continue
        entity = art.entities[art.names[i]]
        if entity.kind != "person" or entity.id in excluded:
            continue
        if gender is not None and entity.gender not in (gender, None):
            return None
        # Titles kept alongside an office ('Councillor', 'Professor') tie to no other role.
        tied = {b.head for b in art.bindings if b.entity == entity.id} - set(HONORIFIC_GENDER)
        if tied and not any(_same_office(t, head) for t in tied):
            return None  # 'Opposition MP Jo Hart said': someone else
        return entity.id
    return None


def _is_description(art: _Article, token: Token) -> bool:
    """A noun phrase head worth resolving: a role, a body or a document, not part of a name."""
    if token.i in art.names or art.blocked[token.i]:
        return False
    text = art.doc[token.left_edge.i : token.i + 1].text
    if token.pos_ == "ADJ" and token.lower_ == "old" and YEAR_OLD.search(text):
        return token.dep_ in ("nsubj", "nsubjpass")  # "The 22-year-old said"
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "compound":
        return False
    lower = token.lower_
    if lower in PERSON_ROLES | ORG_NOUNS | DOC_NOUNS or YEAR_OLD.search(text):
        return _determiner(token) is not None or token.text[:1].isupper() or token.i in art.bound
    return False


def _resolve_description(art: _Article, token: Token) -> _Resolution:
    text = art.doc[token.left_edge.i : token.i + 1].text
    lower = token.lower_
    if lower in DOC_NOUNS and lower not in PERSON_ROLES:
        return _resolve_document(art, token)
    if lower in ORG_NOUNS and lower not in PERSON_ROLES and not YEAR_OLD.search(text):
        return _resolve_org_noun(art, token)
    return _resolve_role(art, token, text)


def _resolve_name(art: _Article, token: Token) -> _Resolution:
    entity = art.entities[art.names[token.i]]
    return _Resolution(entity.id, 0.95, entity.kind)


def _read_article(doc: Doc, removed: Sequence[Removed]) -> _Article:
    """Walk the article once, resolving every referring expression in reading order."""
    art = _Article(doc=doc, blocked=_blocked_tokens(doc, removed))
    # Sentences are counted as the story reads: a removed caption or sidebar between two
    # mentions does not put them further apart.
    spans = sorted((r.start, r.end) for r in removed)
    number = 0
    for sentence in doc.sents:
        art.sent_of.extend([number] * len(sentence))
        start = sentence.start_char
        number += not any(s <= start < e for s, e in spans)
    _collect_names(art)
    _collect_appositions(art)
    for token in doc:
        if art.blocked[token.i]:
            continue
        resolution: _Resolution | None = None
        if token.i in art.names:
            if token.head.i in art.names and token.head.i != token.i:
                continue  # only the head word of a name counts
            if token.tag_ == "POS":
                continue
            resolution = _resolve_name(art, token)
        elif token.lower_ in PRONOUNS and (token.pos_ == "PRON" or token.tag_ == "PRP$"):
            resolution = _resolve_pronoun(art, token)
        elif _is_description(art, token):
            resolution = _resolve_description(art, token)
        if resolution is None:
            continue
        art.resolved[token.i] = resolution
        if resolution.entity is not None:
            art.entities[resolution.entity].last_seen = token.i
        det = _determiner(token)
        keep_unnamed = (
            resolution.entity is None and token.lower_ in PERSON_ROLES
            and det is not None and det.lower_ in INDEFINITE
        )
        if resolution.entity is not None or keep_unnamed:
            art.refs.append(
                _Ref(
                    head=token.i,
                    entity=resolution.entity,
                    sent=art.sent_of[token.i],
                    weight=_weight(token),
                    dobj_of=token.head.i if token.dep_ in ("dobj", "iobj", "dative") else None,
                )
            )
    return art


# --- quotes ------------------------------------------------------------------------------------


def _mention_head(doc: Doc, mention: Span) -> Token | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _head_of(span)


def _resolve_mention(art: _Article, mention: Span) -> _Resolution:
    head = _mention_head(art.doc, mention)
    if head is None:
        return _Resolution(None, 0.0, "unknown")
    if head.i in art.resolved:
        return art.resolved[head.i]
    span = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    assert span is not None
    # A mention that runs past its referring word ("he said"): use the word.
    for token in span:
        if token.i in art.resolved and token.dep_ in ("nsubj", "nsubjpass"):
            return art.resolved[token.i]
    # A name the walk skipped (e.g. inside a removed span): match it against known names.
    for token in span:
        if token.i in art.names:
            return _resolve_name(art, token)
    if head.lower_ in PRONOUNS:
        in_headline = _named_in_headline(art, head)
        return in_headline if in_headline is not None else _resolve_pronoun(art, head)
    if head.lower_ in PERSON_ROLES | ORG_NOUNS | DOC_NOUNS:
        return _resolve_description(art, head)
    words, gender, _titles = _strip_name(list(span))
    if words and all(w[:1].isupper() for w in words):
        lowered = {w.lower() for w in words}
        kind: Kind = "organization" if lowered & ORG_NAME_WORDS else "person"
        known = [
            e for e in art.entities
            if e.kind == kind and (e.last == words[-1].lower() or e.name == " ".join(words))
        ]
        if known:
            return _Resolution(known[-1].id, 0.7, kind)
    if _bare_group(head) and len(span) == 1:
        # 'Researchers say ...', 'with ministers saying ...': the record keeps the group as
        # the article names it; it is not one person and no name is guessed for it.
        return _Resolution(None, 0.5, "organization", head.lower_)
    return _Resolution(None, 0.1, "unknown")


def _named_in_headline(art: _Article, pronoun: Token) -> _Resolution | None:
    """'Hale WON'T back the plan as he says ...': a pronoun in the headline stands for the
    person the headline names before it, when the story knows that person by that name (the
    headline's words are no antecedents for the story, but they are for the headline)."""
    end = headline_end(doc_text(art.doc))
    kind, gender = PRONOUNS[pronoun.lower_]
    if not end or pronoun.idx >= end or kind != "person":
        return None
    words = {t.lower_ for t in art.doc[: pronoun.i] if t.text[:1].isupper() and t.is_alpha}
    known = [e for e in art.entities if e.kind == "person" and e.last in words
             and (e.gender in (None, gender))]
    if len(known) != 1:
        return None  # nobody, or more than one person it could be
    return _Resolution(known[0].id, 0.7, "person")


def _bare_group(token: Token) -> bool:
    """A plural noun for people with no determiner: 'ministers', 'researchers'."""
    if token.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod") for c in token.children):
        return False
    return token.lower_ in GROUP_NOUNS or token.lemma_.lower() in PERSON_ROLES


def _speaker(art: _Article, quote: Quote) -> Speaker:
    mention = quote.speaker.mention
    if mention is None:
        return quote.speaker
    resolution = _resolve_mention(art, mention)
    if resolution.entity is not None:
        entity = art.entities[resolution.entity]
        # A document stands for its author's name but keeps its own type.
        kind = "document" if resolution.kind == "document" else entity.kind
        return Speaker(
            name=entity.name, type=kind, mention=mention, confidence=resolution.confidence
        )
    return Speaker(
        name=resolution.name,
        type=resolution.kind,
        mention=mention,
        confidence=resolution.confidence,
    )


def resolve_speakers(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Quote]:
    """Give each quote's source mention a canonical speaker name, type and confidence."""
    if not quotes:
        return []
    art = _read_article(doc, removed)
    return [replace(quote, speaker=_speaker(art, quote)) for quote in quotes]

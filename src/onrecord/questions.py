"""Questions stage: the questions put to a speaker and what became of them.

News reports interviews in a few set ways: "She was asked whether ...", "Asked if ..., he said",
"was grilled on / pressed on / quizzed about ...", "When asked about X, she said ...",
"The presenter asked him whether ...", "put it to her that ...", "... he said when asked
about X", or the interviewer's own words in quotation marks ("'Will you stand again?' asked the
presenter."). For each question this stage records:

- ``text``: the question as reported (from its opening word: whether, if, about, on, why ...);
- ``asker``: the interviewer the sentence or the article names ("during an interview with X",
  "X asked him"), else None;
- ``addressee``: the person asked, resolved through the quotes' speakers and the article's
  named people (a pronoun becomes the person it stands for), else the article's protagonist;
- ``outcome``: ``declined`` ("declined to comment", "would not be drawn"), ``evaded`` ("did not
  answer directly", "sidestepped", "set out the party's position but ...", or an answer that
  shares no content word with the question) or ``answered``;
- ``answer_quote_ids``: the addressee's quotes that follow the question (same or the next two
  paragraphs, until the next question or another speaker's quote);
- ``evidence``: the refusal/evasion words, or the answer's cue.

Only general words and the parse are used: the lexicons below are ordinary English.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span as TokenSpan, Token

from onrecord.quotes.marks import quoted_regions
from onrecord.models import Outcome, Question, Quote, Removed, Span
from onrecord.parse import doc_text, modifies_a_thing

TriggerKind = Literal["passive", "fronted", "active", "put", "quoted", "refusal"]

# Verbs that report a question being put to someone ("asked", "grilled on", "pressed on").
ASK_LEMMAS = frozenset({"ask"})
PRESS_LEMMAS = frozenset({"grill", "press", "quiz", "question", "challenge", "push", "probe"})

# Words that open the reported question after the verb.
OPENERS = frozenset(
    {"whether", "if", "about", "on", "over", "regarding", "why", "what", "how", "when",
     "where", "who", "whom", "which"}
)  # not "to": "asked the council to reconsider" is a request, not a question
# "asked for comment / for his view" is a question; "pressed for time" is not.
CLAUSAL = frozenset({"whether", "if", "why", "what", "how", "when", "where", "who", "whom",
                     "which"})
ASK_ONLY_OPENERS = frozenset({"for"})

# What someone does in reply to a question: the clause that follows the question.
REACTION_LEMMAS = frozenset(
    {"say", "tell", "reply", "respond", "answer", "insist", "add", "decline", "refuse",
     "dodge", "sidestep", "duck", "evade", "avoid", "repeat", "reiterate", "admit", "confirm",
     "deny", "claim", "argue", "suggest", "explain", "acknowledge", "concede", "stress",
     "maintain", "set", "stick", "offer", "give", "laugh", "shrug", "defend", "retort",
     "hit", "fire", "point", "joke", "quip", "brush", "bat", "swerve", "deflect", "counter",
     "agree", "accept"}
)
ANSWER_LEMMAS = frozenset(
    {"say", "tell", "reply", "respond", "answer", "insist", "add", "confirm", "admit", "deny",
     "explain", "acknowledge", "concede", "retort", "agree", "accept", "quip", "joke"}
)
# "declined to say / comment on / reveal whether ...": a question implied by the refusal.
DISCLOSE_LEMMAS = frozenset(
    {"say", "comment", "reveal", "confirm", "disclose", "discuss", "specify", "explain",
     "answer", "address", "draw"}
)
# Settings that close the question clause: "during an interview with X", "on the programme".
SETTING_NOUNS = frozenset(
    {"interview", "appearance", "programme", "program", "show", "broadcast", "debate",
     "hustings", "conference", "briefing", "session", "phone-in", "podcast", "radio",
     "television", "tv", "meeting", "rally", "event", "visit", "call", "chat", "conversation",
     "sitting", "hearing", "question", "questions"}
)
INTERVIEW_NOUNS = frozenset(
    {"interview", "programme", "program", "show", "broadcast", "podcast", "chat",
     "conversation", "phone-in", "discussion"}
)
# Offices that stand for their holder ("the congressman"); not "spokesman": he speaks for
# somebody else.
OFFICE_NOUNS = frozenset(
    {"congressman", "congresswoman", "senator", "minister", "secretary", "leader", "mayor",
     "governor", "chancellor", "president", "premier", "councillor", "councilman",
     "councilwoman", "mp", "chairman", "chairwoman", "chair", "chief", "director",
     "commissioner", "candidate", "nominee", "lawmaker", "legislator", "representative",
     "speaker", "treasurer", "executive", "manager", "coach", "captain", "owner", "founder"}
)
# Who answers a poll: its questions are not put to anyone on the record.
POLL_WORDS = frozenset({"percent", "respondent", "voter", "poll", "survey", "majority",
                        "minority", "%", "third", "half", "quarter", "fifth"})
# Words that make a capitalised name an organisation, not a person.
ORG_WORDS = frozenset(
    {"bank", "council", "party", "radio", "news", "university", "college", "school", "group",
     "ltd", "plc", "inc", "corp", "company", "trust", "foundation", "institute", "league",
     "union", "association", "committee", "commission", "agency", "department", "ministry",
     "office", "board", "club", "fc", "united", "city", "county", "court", "police", "service",
     "services", "hospital", "clinic", "times", "post", "herald", "gazette", "tv",
     "television", "network", "airways", "airlines", "energy", "foods", "stores", "holdings",
     "partners", "capital", "fund", "house", "senate", "congress", "parliament", "government",
     "assembly", "authority", "society", "centre", "center", "church", "democrats",
     "republicans", "conservatives", "labour", "greens", "campaign", "alliance", "federation",
     "press", "media", "bbc", "sky", "street", "road", "power", "water", "rail", "transport",
     "magazine", "journal", "daily", "weekly", "channel", "live", "today", "tonight",
     "morning", "hour", "fm", "am", "programme", "show"}
)
NOT_PERSON_ENTS = frozenset({"GPE", "LOC", "DATE", "TIME", "FAC", "CARDINAL", "ORDINAL"})
SUBORDINATORS = frozenset({"when", "that", "if", "whether", "as", "because", "while", "after",
                           "before", "since", "although", "though", "who", "which"})
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
     "rev", "president", "senator", "sen", "rep", "representative", "governor", "gov",
     "mayor", "judge", "justice", "councillor", "cllr", "general", "gen", "captain", "capt"}
)
MALE_TITLES = frozenset({"mr", "sir", "lord"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
# Pronouns by which an answer refers back to what was asked ("we will publish it").
# Not "that"/"this": "That is a matter for the party" is the classic way round a question.
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | {"they", "them", "it", "we", "i", "you"}
ANAPHORS = frozenset({"it", "they", "them"})
YES_NO = frozenset({"yes", "no", "yeah", "nope", "absolutely", "certainly", "definitely",
                    "never", "not", "of", "sure", "correct", "right", "wrong"})
STOP_LEMMAS = frozenset(
    {"be", "have", "do", "say", "think", "want", "would", "will", "can", "could", "should",
     "may", "might", "must", "get", "make", "go", "know", "whether", "if", "about", "what",
     "how", "why", "when", "where", "who", "which", "own", "personally", "still", "now",
     "ever", "again", "just", "also", "really", "very", "year", "time", "thing", "way"}
)

OPEN_QUOTES = "‘“\"'«"
CLOSE_QUOTES = "’”\"'»"

# Refusals: the question was not answered at all.
DECLINE_PATTERNS = (
    r"(?:did not|didn[’']t|has not|hasn[’']t|have not|haven[’']t) "
    r"(?:respond|reply|return)(?:ed)? to (?:\w+ ){0,3}(?:requests?|calls?|messages?|emails?|"
    r"questions?|inquiries|enquiries)\b",
    r"(?:declined|refused|would not|wouldn[’']t|did not|didn[’']t|will not|won[’']t)"
    r" to (?:comment|answer|say|respond|discuss|reveal|disclose|confirm|speculate|elaborate)\b",
    r"(?:declined|refused) (?:to be drawn|comment)\b",
    r"(?:would not|wouldn[’']t|will not|won[’']t|could not|couldn[’']t) be drawn\b",
    r"(?:would not|wouldn[’']t|will not|won[’']t|did not|didn[’']t) "
    r"(?:comment|say|answer|respond|reply|elaborate|discuss|confirm)\b",
    r"\bno comment\b",
    r"\bdeclined (?:multiple |repeated |several )?requests?\b",
    r"\b(?:refused|declined) to (?:give|offer|provide|put|name|specify) (?:a |an |any )?"
    r"(?:answer|view|comment|response|figure|number|date|timetable|timescale|details?|estimate)\b",
    r"\bkept (?:his|her|their) counsel\b",
)
# Evasions: something was said, but not an answer to the question.
EVADE_PATTERNS = (
    r"(?:refused|declined|failed|would not|wouldn[’']t|did not|didn[’']t) to "
    r"(?:directly|specifically|explicitly|clearly) (?:answer|say|respond|address)\b",
    r"(?:did not|didn[’']t|would not|wouldn[’']t|could not|couldn[’']t) "
    r"(?:directly |specifically |explicitly )?(?:answer|address|respond to) "
    r"(?:the |that |this |a )?(?:question|point|questions)? ?(?:directly|specifically|"
    r"explicitly)\b",
    r"(?:did not|didn[’']t|failed to) (?:directly |specifically )?"
    r"(?:answer|address) (?:the|that|this) (?:question|point)\b",
    r"(?:again |repeatedly )?(?:refused|declined|would not|wouldn[’']t) to engage\b",
    r"\b(?:sidestepped|side-stepped|sidestepping|side-stepping|dodged|dodging|ducked|"
    r"evaded|evading|swerved|deflected|skirted|avoided answering|avoided the question|"
    r"batted away|brushed (?:aside|off)|laughed off|waved away|shrugged off|"
    r"(?:evade|avoid|dodge|duck|sidestep) the question|"
    r"changed the subject)\b",
    r"\b(?:would only say|saying only|said only|would say only|replied only)\b",
    r"\b(?:gave|made|offered) no (?:commitment|promise|guarantee)\b",
    r"\b(?:repeatedly |again )?(?:set out|restated|repeated|reiterated|stuck to|stuck with)"
    r" (?:[\w’'-]+ ){0,4}(?:position|line|policy|stance|manifesto|script)\b[^.?!]{0,40}?\bbut\b",
)
# An answer that says it will not answer: "That is a matter for the party".
DEFLECT_PATTERNS = (
    r"\b(?:a matter|a question) for\b",
    r"\bwait and see\b",
    r"\b(?:nothing|everything) is (?:off|on) the table\b",
    r"\b(?:still )?(?:being|under) (?:the )?(?:active )?(?:considered|consideration)\b",
    r"\b(?:not going to|won[’']t|will not) rule (?:anything|it|that) (?:in|out)\b",
    r"\bhypotheticals?\b",
    r"\bnot going to (?:speculate|comment|get into|go into|get drawn|be drawn|answer)\b",
    r"\b(?:won[’']t|will not|cannot|can[’']t|couldn[’']t|wouldn[’']t) "
    r"(?:speculate|comment|get into|go into)\b",
    r"\b(?:i|we) (?:don[’']t|do not|never) (?:comment|speculate)\b",
    r"\bin due course\b",
    r"\btoo (?:early|soon) to (?:say|tell)\b",
    r"\bcross that bridge\b",
    r"\b(?:would|will|wouldn[’']t|won[’']t) (?:not )?come to that\b",
    r"\bcircumstances (?:have |had |has )?change[ds]?\b",
    r"\b(?:look|looking) at (?:every|all (?:the )?) ?options?\b",
    r"\bstill working (?:through|on) (?:it|the details)\b|\bstill working through\b",
    r"\b(?:we|i)(?:[’']ll| will) reflect on\b",
    r"\bnice try\b",
    r"\b(?:decision|rules|details|figures) would be (?:made|taken|written|set|published|announced)\b",
)
_DEFLECT_RE = re.compile("|".join(f"(?:{p})" for p in DEFLECT_PATTERNS), re.IGNORECASE)
_DECLINE_RE = re.compile("|".join(f"(?:{p})" for p in DECLINE_PATTERNS), re.IGNORECASE)
_EVADE_RE = re.compile("|".join(f"(?:{p})" for p in EVADE_PATTERNS), re.IGNORECASE)
_TAG_QUESTION_RE = re.compile(
    r"(?:\b\w+[\s,]+){2,}(?:is|are|was|were|do|does|did|will|would|can|could|have|has|had|"
    r"should|shall)(?:n[’']t| not)?\s+(?:it|he|she|you|we|they|there|i|that)\s*\?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Trigger:
    """Where a sentence reports a question: its verb, the question's tokens and the people."""

    kind: TriggerKind
    verb: int  # token index of the reporting verb ("asked"); quoted: the sentence's first
    start: int  # char offsets of the question text
    end: int
    addressee: Token | None
    asker: Token | None
    sentence: TokenSpan


@dataclass(frozen=True)
class Context:
    """What the whole article offers to resolve names: quotes, people, interviewers."""

    text: str
    quotes: tuple[Quote, ...]
    quoted: tuple[tuple[int, int], ...]  # char ranges inside quotation marks or quote contents
    removed: tuple[Removed, ...]
    people: tuple[tuple[int, str], ...]  # (char offset, surface name) of PERSON mentions
    interviewers: tuple[tuple[int, str], ...]  # (char offset, canonical name)
    paragraphs: tuple[tuple[int, int], ...]
    protagonist: str | None
    # The gender the article shows for a name: a quote of theirs attributed to "he" or "she".
    genders: tuple[tuple[str, str], ...] = ()

    def gender_of(self, name: str | None) -> str | None:
        return next((g for n, g in self.genders if n == name), None)


def find_questions(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> list[Question]:
    """Find the questions reported in ``doc`` and what became of each."""
    ctx = build_context(doc, quotes, removed)
    triggers = find_triggers(doc, ctx)
    triggers = sorted(triggers + quoted_question_triggers(doc, ctx, triggers), key=_trigger_key)
    found: list[Question] = []
    for index, trigger in enumerate(triggers):
        following = triggers[index + 1] if index + 1 < len(triggers) else None
        limit = _next_question_start(doc, trigger, following)
        question = build_question(doc, ctx, trigger, limit, f"x{index + 1}")
        found.append(question)
        if question.asker and (trigger.asker is not None or trigger.kind == "quoted"):
            # A named asker goes on asking: "Presenter X asked him ... Pressed on ...".
            asked_by = (*ctx.interviewers, (trigger.start, question.asker))
            ctx = replace(ctx, interviewers=tuple(sorted(asked_by)))
    return found


def _next_question_start(doc: Doc, trigger: Trigger, following: Trigger | None) -> int:
    """Where the next question begins: what follows belongs to it, not to ``trigger``."""
    if following is None:
        return len(doc_text(doc))
    if following.sentence.start_char > trigger.end:
        return following.sentence.start_char
    # The parser ran two paragraphs into one sentence: cut at the next question's verb.
    return max(trigger.end, min(following.start, doc[following.verb].idx))


def _trigger_key(trigger: Trigger) -> int:
    return trigger.start


# --- context -------------------------------------------------------------------------------


def build_context(doc: Doc, quotes: Sequence[Quote], removed: Sequence[Removed]) -> Context:
    text = doc_text(doc)
    ordered = tuple(sorted(quotes, key=lambda q: q.content.start))
    quoted = tuple(
        sorted(
            set(quoted_regions(text))
            | {(q.content.start, q.content.end) for q in ordered if q.kind != "indirect"}
        )
    )
    removed_t = tuple(removed)
    people = tuple(
        (ent.start_char, _with_title(ent))
        for ent in person_entities(doc)
        if not _inside(ent.start_char, ent.end_char, quoted)
        and not _is_removed(ent.start_char, ent.end_char, removed_t)
    )
    paragraphs = paragraph_ranges(text)
    base = Context(text, ordered, quoted, removed_t, people, (), paragraphs, None,
                   shown_genders(ordered))
    # Interviewers first (canonical_name uses them), then the protagonist, who is not one.
    base = replace(base, interviewers=find_interviewers(doc, base))
    return replace(base, protagonist=find_protagonist(base))


def shown_genders(quotes: Sequence[Quote]) -> tuple[tuple[str, str], ...]:
    """Each speaker's gender as the article shows it through the pronouns their quotes are
    attributed to; a name the article calls both "he" and "she" gets none."""
    seen: dict[str, set[str]] = {}
    for quote in quotes:
        mention = quote.speaker.mention
        gender = _pronoun_gender(mention.text.lower()) if mention is not None else None
        if quote.speaker.name and gender:
            seen.setdefault(quote.speaker.name, set()).add(gender)
    return tuple((name, next(iter(g))) for name, g in seen.items() if len(g) == 1)


def paragraph_ranges(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip())


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Is [start, end) within one of ``ranges``? Long tuples (the article's quoted regions,
    asked about for every token) are indexed once: ranges by start, with the furthest end
    reached so far, so one binary search answers."""
    if len(ranges) < 16 or not isinstance(ranges, tuple):
        return any(s <= start and end <= e for s, e in ranges)
    starts, reach = _range_index(ranges)
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and reach[k] >= end


_RANGE_INDEXES: dict[int, tuple[tuple[tuple[int, int], ...], list[int], list[int]]] = {}


def _range_index(ranges: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    cached = _RANGE_INDEXES.get(id(ranges))
    if cached is None or cached[0] is not ranges:
        if len(_RANGE_INDEXES) > 64:
            _RANGE_INDEXES.clear()
        ordered = sorted(ranges)
        reach: list[int] = []
        for _, end in ordered:
            reach.append(max(end, reach[-1]) if reach else end)
        cached = _RANGE_INDEXES[id(ranges)] = (ranges, [s for s, _ in ordered], reach)
    return cached[1], cached[2]


def _is_removed(start: int, end: int, removed: Sequence[Removed]) -> bool:
    return any(r.start < end and start < r.end for r in removed)


def find_protagonist(ctx: Context) -> str | None:
    """The person the article is about: the most quoted speaker, else the most named person."""
    speakers = Counter(
        q.speaker.name for q in ctx.quotes if q.speaker.name and q.speaker.type != "organization"
    )
    if speakers:
        return speakers.most_common(1)[0][0]
    interviewers = {_surname(name) for _, name in ctx.interviewers}
    surnames = Counter(
        _surname(name) for _, name in ctx.people
        if _surname(name) and _surname(name) not in interviewers
    )
    if not surnames:
        return None
    top = surnames.most_common(1)[0][0]
    return canonical_name(ctx, next(n for _, n in ctx.people if _surname(n) == top))


def find_interviewers(doc: Doc, ctx: Context) -> tuple[tuple[int, str], ...]:
    """Interviewers named in the article: "interview with X", "speaking to X", "X's show"."""
    found: list[tuple[int, str]] = []
    for token in doc:
        if _inside(token.idx, token.idx + len(token), ctx.quoted):
            continue
        name: Token | None = None
        lemma = token.lemma_.lower()
        if lemma in {"interview", "question"} and token.pos_ == "VERB":
            name = _agent(token)  # "Interviewed by X on Radio Y, she said ..."
        elif lemma in INTERVIEW_NOUNS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    name = _first_child(child, {"pobj"})
                elif child.dep_ == "poss" and child.pos_ == "PROPN":
                    name = child
        elif lemma in {"speak", "talk"}:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    name = _first_child(child, {"pobj"})
        if name is not None and _could_be_person(name):
            found.append((token.idx, canonical_name(ctx, _name_text(name))))
    return tuple(found)


# --- triggers ------------------------------------------------------------------------------


def find_triggers(doc: Doc, ctx: Context) -> list[Trigger]:
    triggers: list[Trigger] = []
    headline = _headline_end(ctx)
    for sentence in doc.sents:
        if _is_removed(sentence.start_char, sentence.end_char, ctx.removed):
            continue
        for token in sentence:
            if _inside(token.idx, token.idx + len(token), ctx.quoted):
                continue
            trigger = read_trigger(token, sentence)
            if trigger is not None:
                trigger = _quoted_words(trigger, ctx)
                if _is_kept(trigger):
                    triggers.append(trigger)
        if not any(t.sentence.start == sentence.start for t in triggers):
            previous = triggers[-1] if triggers else None
            after_question = previous is not None and _follows(previous.sentence, sentence)
            triggers += [
                t for t in refusal_triggers(sentence, ctx)
                if not (after_question and _restates(doc, t))
            ]
    # The headline restates a question the story reports.
    return [t for t in triggers if t.start >= headline]


def _restates(doc: Doc, refusal: Trigger) -> bool:
    """Is the refusal right after a question about that question? "... but refused to be
    drawn on his own views" is; "declined to say which ..." and "declined to comment on
    reports that ..." ask something new."""
    words = doc_text(doc)[refusal.start:refusal.end].split()
    if words[0].lower() in CLAUSAL:
        return False
    topic = doc.char_span(refusal.start, refusal.end, alignment_mode="expand")
    # A bare topic ("on future policy") points back; one with a clause of its own ("on
    # reports that she had urged him to ...") brings something new.
    return topic is None or not any(t.pos_ == "VERB" for t in topic)


def _follows(earlier: TokenSpan, later: TokenSpan) -> bool:
    """Is ``later`` the sentence right after ``earlier`` (blank lines apart at most)?"""
    between = earlier.doc[earlier.end:later.start]
    return earlier.end <= later.start and all(t.is_space for t in between)


def _headline_end(ctx: Context) -> int:
    """The end of a headline: a short first paragraph without a closing full stop."""
    if len(ctx.paragraphs) < 2:
        return 0
    start, end = ctx.paragraphs[0]
    first = ctx.text[start:end].strip()
    if len(first.split()) <= 25 and first[-1:] not in ".!?’”\"'":
        return end
    return 0


def _quoted_words(trigger: Trigger, ctx: Context) -> Trigger:
    """ 'He was asked, "If you had known, would you ...?"': the question is the quotation."""
    before = ctx.text[:trigger.start].rstrip()
    if not before or before[-1] not in OPEN_QUOTES:
        return trigger
    opened = len(before) - 1
    for start, end in ctx.quoted:
        if start == opened:
            inner = ctx.text[start + 1:end].rstrip(CLOSE_QUOTES + " ")
            return replace(trigger, start=start + 1, end=start + 1 + len(inner))
    return trigger


def _is_kept(trigger: Trigger) -> bool:
    """Not a question of record: one word ("did not say when"), or a poll's question put to
    "75 percent of voters"."""
    doc = trigger.sentence.doc
    if len(doc_text(doc)[trigger.start:trigger.end].split()) < 2:
        return False
    person = trigger.addressee
    if person is None:
        return True
    group = list(person.subtree) if person.pos_ != "PRON" else [person]
    return not any(
        t.ent_type_ in {"PERCENT", "CARDINAL"} or t.lemma_.lower() in POLL_WORDS for t in group
    )


def refusal_triggers(sentence: TokenSpan, ctx: Context) -> list[Trigger]:
    """A question the report implies by its refusal: "She declined to say which programs
    would close", "He would not say whether he would stand"."""
    found: list[Trigger] = []
    for token in sentence:
        if _inside(token.idx, token.idx + len(token), ctx.quoted):
            continue
        lemma = token.lemma_.lower()
        if lemma not in DISCLOSE_LEMMAS:
            continue
        refuser = token.head if token.dep_ == "xcomp" else token
        refused = refuser.lemma_.lower() in {"decline", "refuse"} or any(
            c.dep_ == "neg" for c in token.children
        )
        subject = _first_child(refuser, {"nsubj"})
        if subject is None and refuser.dep_ == "conj":  # "set out ... but refused to ..."
            subject = _first_child(refuser.head, {"nsubj"})
        if not refused or subject is None:
            continue
        opener = _find_opener(token, token.i + 1, sentence, True)
        if opener is None or sentence.doc[opener].lower_ == "for":
            continue
        end = _question_end(opener, sentence, "refusal")
        doc = sentence.doc
        trigger = Trigger("refusal", refuser.i, doc[opener].idx,
                          doc[end - 1].idx + len(doc[end - 1]), subject, None, sentence)
        if _is_kept(trigger):
            found.append(trigger)
    return found


def read_trigger(token: Token, sentence: TokenSpan) -> Trigger | None:
    """A question reported by ``token`` ("asked", "grilled", "put"), or None."""
    lemma = token.lemma_.lower()
    if lemma == "put":
        return _put_trigger(token, sentence)
    if lemma not in ASK_LEMMAS | PRESS_LEMMAS or token.tag_ not in {"VBN", "VBD"}:
        return None
    deps = {child.dep_ for child in token.children}
    subject = _first_child(token, {"nsubjpass"})
    previous = token.doc[token.i - 1] if token.i > sentence.start else None
    passive = bool({"auxpass", "nsubjpass"} & deps) or (
        token.tag_ == "VBN" and previous is not None and previous.lemma_ in {"be", "get"}
    )
    actor = _first_child(token, {"nsubj"})
    if passive and subject is not None:
        kind: TriggerKind = "passive"
        addressee: Token | None = subject
        asker = _agent(token)
        after = token.i + 1
    elif actor is None:  # "Asked whether ..." (the tagger sometimes calls it VBD)
        kind, addressee, asker, after = "fronted", None, _agent(token), token.i + 1
    elif actor is not None:
        target = _first_child(token, {"dobj", "dative"})
        follows = token.doc[token.i + 1] if token.i + 1 < sentence.end else None
        if target is None and follows is not None and follows.lower_ in CLAUSAL and (
            actor.pos_ == "PROPN" and lemma in ASK_LEMMAS
        ):
            # "Councillor Ann Pike asked how much ...": asked of whoever answers next.
            opener = follows.i
            end = _question_end(opener, sentence, "active")
            doc = token.doc
            return Trigger("active", token.i, follows.idx, doc[end - 1].idx + len(doc[end - 1]),
                           None, actor, sentence)
        if target is None or target.lower_ in {"it", "what", "that", "which", "question"}:
            return None
        if lemma in PRESS_LEMMAS and target.pos_ not in {"PRON", "PROPN"}:
            return None  # "questioned the leader's credentials": doubting, not asking
        kind, addressee, asker = "active", target, actor
        after = max(t.i for t in target.subtree) + 1
    else:
        return None
    opener = _find_opener(token, after, sentence, lemma in ASK_LEMMAS)
    if opener is None:
        return None
    end = _question_end(opener, sentence, kind)
    if kind == "fronted":
        addressee = _governing_subject(token, end, sentence)
    if asker is not None and asker.pos_ == "NOUN":
        # "by the chairman of the committee, Sir Ian Hale, whether ...": the name beside it.
        named = [c for c in (*asker.children, *token.children)
                 if c.dep_ in {"appos", "npadvmod"} and c.pos_ == "PROPN"]
        asker = named[0] if named else asker
    doc = token.doc
    start_char = doc[opener].idx
    end_char = doc[end - 1].idx + len(doc[end - 1])
    return Trigger(kind, token.i, start_char, end_char, addressee, asker, sentence)


def _put_trigger(token: Token, sentence: TokenSpan) -> Trigger | None:
    """ "X put it to him that ..." """
    obj = _first_child(token, {"dobj"})
    to = next((c for c in token.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"),
              None)
    if obj is None or obj.lower_ != "it" or to is None:
        return None
    addressee = _first_child(to, {"pobj"})
    clause = _first_child(token, {"ccomp"})
    if addressee is None or clause is None:
        return None
    start = clause.left_edge.i
    end = _question_end(start, sentence, "put")
    doc = token.doc
    return Trigger("put", token.i, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                   addressee, _first_child(token, {"nsubj"}), sentence)


def _find_opener(verb: Token, after: int, sentence: TokenSpan, is_ask: bool) -> int | None:
    """The index of the word that opens the question (whether, if, about ...), skipping
    adverbs and the "by X" agent that may sit between the verb and the question."""
    doc = verb.doc
    i = after
    skipped = 0
    while i < sentence.end and skipped <= 8:
        tok = doc[i]
        word = tok.lower_
        aside = _aside(tok, verb)
        if aside is not None:
            i = _skip_phrase(aside)  # "by X", "on Thursday", "four times", ", Sir Ian Hale,"
            continue
        if word in OPENERS or (is_ask and word in ASK_ONLY_OPENERS):
            if word in {"when", "where", "which", "who"} and i > after + 2:
                return None  # a relative clause, not the question
            following = doc[i + 1] if i + 1 < sentence.end else None
            if tok.pos_ == "ADP" and following is not None and following.lower_ in OPENERS:
                return i + 1  # "pressed on whether ...": the question starts at "whether"
            return i
        if tok.text in {".", "!", "?", ";"}:
            return None  # "Why ...? Mr Hale was asked." : the question is not after the verb
        if tok.pos_ in {"ADV", "PUNCT", "SPACE"} or tok.lower_ in {"repeatedly", "again"}:
            i += 1
            skipped += 1
            continue
        return None
    return None


def _aside(tok: Token, verb: Token) -> Token | None:
    """The phrase ``tok`` belongs to, when it stands between the verb and the question."""
    if (tok.dep_ == "agent" and tok.head.i == verb.i) or _is_circumstance(tok):
        return tok
    phrase = tok.head if tok.dep_ in {"compound", "nummod", "det", "amod", "flat"} else tok
    if phrase.dep_ in {"npadvmod", "appos"} and phrase.i >= tok.i and (
        phrase.head.i == verb.i or phrase.head.dep_ == "pobj"
    ):
        return phrase
    return None


def _skip_phrase(phrase: Token) -> int:
    """The index after ``phrase``, or of the question's opener if the parser hung the
    question on the phrase ("pressed by MPs on whether ...")."""
    doc = phrase.doc
    last = max(t.i for t in phrase.subtree)
    for j in range(phrase.i + 1, last + 1):
        clausal = doc[j].lower_ in CLAUSAL or (
            j + 1 <= last and doc[j].pos_ == "ADP" and doc[j + 1].lower_ in CLAUSAL
        )
        if clausal and doc[j].dep_ in {"prep", "mark", "advmod"}:
            return j
    return last + 1


def _is_circumstance(tok: Token) -> bool:
    """A when/where phrase between the verb and the question: "on Thursday", "in May"."""
    if tok.dep_ != "prep":
        return False
    obj = _first_child(tok, {"pobj"})
    return obj is not None and (
        obj.ent_type_ in {"DATE", "TIME"} or obj.lemma_.lower() in SETTING_NOUNS
    )


def _question_end(start: int, sentence: TokenSpan, kind: TriggerKind) -> int:
    """The index just past the question's last word."""
    doc = sentence.doc
    opener = doc[start]
    clause_root = opener.head if opener.dep_ in {"mark", "advmod", "dobj", "nsubj"} else opener
    clause = {t.i for t in clause_root.subtree} if clause_root.i != opener.i or (
        opener.dep_ == "prep") else set()
    end = start + 1
    for i in range(start + 1, sentence.end):
        tok = doc[i]
        word = tok.lower_
        nxt = doc[i + 1] if i + 1 < sentence.end else None
        if tok.text in {".", "?", "!", ";", ":", "—", "–", "--"} or tok.is_space:
            break
        if tok.text in OPEN_QUOTES and doc[i - 1].text in {":", ","}:
            break  # the answer in quotation marks; quoted words inside a question stay
        if word == "," and nxt is not None and nxt.lower_ in {"and", "but", "then"}:
            break
        if word == "," and (
            (kind == "fronted" and nxt is not None and nxt.i not in clause)
            or _starts_clause(nxt)
        ):
            break  # "Asked whether X, Ms Hale said"; not "whether Hale, the leader, would"
        if word == "but":
            break
        if word in {"and", "as", "before", "saying", "adding"} and _starts_clause(nxt):
            break
        if word == "and" and nxt is not None and nxt.dep_ == "nsubj" and nxt.pos_ == "PRON":
            break  # "... and she did her best to evade it"
        if tok.dep_ == "agent" and tok.head.lemma_.lower() in ASK_LEMMAS | PRESS_LEMMAS:
            break
        if tok.dep_ == "prep" and word in {"during", "in", "on", "at"} and _is_setting(tok):
            break
        if tok.pos_ in {"PRON", "PROPN", "NOUN"} and _is_main_subject(tok, start):
            # The answer's clause begins: stop before its subject and the subject's determiners.
            end = max(start + 1, min(end, tok.left_edge.i))
            break
        end = i + 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _starts_clause(tok: Token | None) -> bool:
    """Does a new clause about the answer start at ``tok``? ("he said", "declined", "but")"""
    if tok is None:
        return False
    if tok.lemma_.lower() in REACTION_LEMMAS and tok.pos_ == "VERB":
        return True
    if tok.pos_ == "ADV" and tok.i + 1 < len(tok.doc):
        return _starts_clause(tok.doc[tok.i + 1])
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return tok.head.lemma_.lower() in REACTION_LEMMAS
    return False


def _is_setting(prep: Token) -> bool:
    """ "during an interview", "on the programme", "at a press conference" """
    obj = _first_child(prep, {"pobj"})
    return obj is not None and obj.lemma_.lower() in SETTING_NOUNS


def _is_main_subject(tok: Token, start: int) -> bool:
    """A subject whose verb is a main clause verb (not subordinate to the question)."""
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.i <= start + 1:
        return False
    verb = tok.head
    if verb.lemma_.lower() not in REACTION_LEMMAS:
        return False
    return not any(
        c.lower_ in SUBORDINATORS and c.i < tok.i and c.dep_ in {"mark", "advmod"}
        for c in verb.children
    )


def _governing_subject(verb: Token, end: int, sentence: TokenSpan) -> Token | None:
    """Who was asked when the clause has no subject: "Asked if ..., he said" (the first main
    subject after the question) or "..., she said when asked about X" (the governing verb's)."""
    doc = verb.doc
    first_word = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
    fronted = first_word is not None and (
        first_word.i == verb.i
        or (first_word.lower_ in {"when", "after", "once", "if", "while"}
            and verb.i - first_word.i <= 2)
    )
    if fronted:
        for i in range(end, sentence.end):
            tok = doc[i]
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.pos_ in {"PRON", "PROPN", "NOUN"}:
                return tok
        return None
    if verb.dep_ in {"acl", "appos", "relcl"} and verb.head.pos_ in {"PROPN", "NOUN", "PRON"}:
        return verb.head  # "Mr Hale, asked about the deal, said ..."
    head = verb
    while head.head.i != head.i:
        head = head.head
        subject = _first_child(head, {"nsubj", "nsubjpass"})
        if subject is not None:
            return subject
    return None


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return _first_child(agent, {"pobj"}) if agent is not None else None


def _first_child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


# --- quoted questions ----------------------------------------------------------------------


def quoted_question_triggers(doc: Doc, ctx: Context, found: Sequence[Trigger]) -> list[Trigger]:
    """The interviewer's own question in quotation marks, put to the next, other, speaker."""
    triggers: list[Trigger] = []
    for index, quote in enumerate(ctx.quotes):
        if quote.kind == "indirect" or not _is_question(quote.content.text):
            continue
        if any(t.start < quote.content.end and quote.content.start < t.end for t in found):
            continue
        reply = _next_reply(ctx, index)
        cue_is_ask = quote.cue is not None and _cue_lemma(doc, quote.cue) in ASK_LEMMAS
        # Without a reply, only a question put to "you" is an interviewer's: "Why don't we
        # close it down?" asked at a meeting is rhetoric.
        if reply is None and not (cue_is_ask and _addresses_you(quote.content.text)):
            continue
        if reply is not None and _same_speaker(reply, quote):
            continue
        if not (_addresses_you(quote.content.text) or _by_an_interviewer(quote, ctx)):
            # "Why should pensioners pay for this?" said in a speech, a statement or a
            # protest is rhetoric, whoever speaks next: a question is put to someone ("you")
            # or by the one asking the questions (a presenter, the article's interviewer).
            continue
        sentence = _sentence_at(doc, quote.cue.start if quote.cue else quote.content.start)
        if sentence is None:
            continue
        triggers.append(
            Trigger("quoted", sentence.start, quote.content.start, quote.content.end,
                    None, None, sentence)
        )
    return triggers


# Who puts questions for a living.
ASKER_ROLES = frozenset("""presenter host interviewer reporter journalist correspondent anchor
    moderator chair chairman chairwoman questioner""".split())


def _by_an_interviewer(quote: Quote, ctx: Context) -> bool:
    """The quote's speaker asks questions for a living ("presenter Martin Oduya asked") or is
    one of the article's interviewers ("in an interview with Anna Reyes")."""
    mention = (quote.speaker.mention.text if quote.speaker.mention else "").lower()
    if any(word in ASKER_ROLES for word in re.findall(r"[a-z]+", mention)):
        return True
    name = quote.speaker.name
    return bool(name) and _surname(name) in {_surname(n) for _, n in ctx.interviewers}


def _addresses_you(content: str) -> bool:
    return re.search(r"\b(?:you|your|yours|yourself)\b", content, re.IGNORECASE) is not None


def _is_question(content: str) -> bool:
    stripped = content.rstrip(" \n" + CLOSE_QUOTES + ",")
    return stripped.endswith("?") and not _TAG_QUESTION_RE.search(_last_sentence(stripped))


def _last_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return parts[-1] if parts else text


def _next_reply(ctx: Context, index: int) -> Quote | None:
    """The first later quote, in the same or the next paragraph, by a different speaker."""
    question = ctx.quotes[index]
    window_end = _paragraph_window_end(ctx, question.content.end, 1)
    for quote in ctx.quotes[index + 1:]:
        if quote.content.start >= window_end:
            return None
        if not _same_speaker(quote, question):
            return quote
    return None


def _same_speaker(a: Quote, b: Quote) -> bool:
    """Could ``a`` and ``b`` be one speaker? Only two different names say they are not:
    an unresolved "she" may well be the same person."""
    if a.speaker.name and b.speaker.name:
        return a.speaker.name == b.speaker.name
    ma = a.speaker.mention.text if a.speaker.mention else ""
    mb = b.speaker.mention.text if b.speaker.mention else ""
    proper = [m for m in (ma, mb) if m[:1].isupper() and m.lower() not in PRONOUNS]
    if len(proper) < 2:
        return True
    return _surname(ma) == _surname(mb)


def _cue_lemma(doc: Doc, cue: Span) -> str:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else ""


def _sentence_at(doc: Doc, char: int) -> TokenSpan | None:
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None


# --- one question --------------------------------------------------------------------------


def build_question(doc: Doc, ctx: Context, trigger: Trigger, limit: int, qid: str) -> Question:
    text = Span.of(doc_text(doc), trigger.start, trigger.end)
    if trigger.kind == "quoted":
        asker_quote = next(q for q in ctx.quotes if q.content.start == trigger.start)
        asker = _speaker_name(asker_quote)
        reply_index = ctx.quotes.index(asker_quote)
        reply = _next_reply(ctx, reply_index)
        addressee = _speaker_name(reply) if reply else None
        if addressee is None or addressee == asker:
            addressee = ctx.protagonist if ctx.protagonist != asker else None
    else:
        asker = resolve_asker(ctx, trigger)
        addressee = resolve_addressee(ctx, trigger, asker)
    answers = link_answers(ctx, trigger, addressee, limit)
    outcome, evidence = judge_outcome(doc, ctx, trigger, answers, limit)
    return Question(
        id=qid,
        text=text,
        asker=asker,
        addressee=addressee,
        outcome=outcome,
        answer_quote_ids=tuple(q.id for q in answers),
        evidence=evidence,
    )


def resolve_asker(ctx: Context, trigger: Trigger) -> str | None:
    """The named interviewer: the sentence's own ("X asked him", "by X"), else the latest
    interviewer the article named before the question."""
    if trigger.asker is not None:
        if trigger.asker.pos_ == "PROPN" or trigger.asker.ent_type_ == "PERSON":
            return canonical_name(ctx, _name_text(trigger.asker))
        if trigger.asker.tag_ in {"NNS", "NNPS"}:
            return None  # "by reporters": a crowd, not a named interviewer
    setting = [name for pos, name in ctx.interviewers if pos <= trigger.sentence.end_char]
    return setting[-1] if setting else None


def resolve_addressee(ctx: Context, trigger: Trigger, asker: str | None) -> str | None:
    token = trigger.addressee
    if token is None and trigger.kind == "active":
        token = _next_subject(trigger.sentence)  # "X asked how ... . Ms Kelso said ..."
    if token is None:
        return ctx.protagonist
    speaker = _quote_speaker_at(ctx, token)
    if speaker is not None:
        return speaker
    if token.pos_ == "PRON":
        return _resolve_pronoun(ctx, token, asker)
    if token.ent_type_ in NOT_PERSON_ENTS and (token.is_upper or token.pos_ != "PROPN"):
        # "LONDON, 14 March — Gareth Hale today refused ...": the dateline parsed as subject.
        named = [t for t in trigger.sentence if t.i < trigger.verb and t.ent_type_ == "PERSON"]
        return canonical_name(ctx, _name_text(named[-1])) if named else ctx.protagonist
    if token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG"}:
        return canonical_name(ctx, _name_text(token))
    phrase = _noun_phrase(token)
    for quote in ctx.quotes:  # "the minister" as a quote's speaker mention
        mention = quote.speaker.mention
        if mention is not None and quote.speaker.name and mention.text.lower() == phrase.lower():
            return quote.speaker.name
    if token.lemma_.lower() in OFFICE_NOUNS and phrase.split()[0].lower() == "the":
        # "the congressman", "the health secretary": a role standing for a named person.
        return _resolve_pronoun(ctx, token, asker) or phrase
    return phrase


def _next_subject(sentence: TokenSpan) -> Token | None:
    """The subject of the next sentence when it reacts (says, replies, declines)."""
    doc = sentence.doc
    if sentence.end >= len(doc):
        return None
    following = doc[sentence.end].sent
    root = following.root
    subject = _first_child(root, {"nsubj"})
    if subject is None or root.lemma_.lower() not in REACTION_LEMMAS:
        return None
    return subject


def _quote_speaker_at(ctx: Context, token: Token) -> str | None:
    for quote in ctx.quotes:
        mention = quote.speaker.mention
        if mention is not None and mention.overlaps(token.idx, token.idx + len(token)):
            return quote.speaker.name or None
    return None


def _resolve_pronoun(ctx: Context, token: Token, asker: str | None) -> str | None:
    """He/she: the named speaker of a quote in the same sentence, else the nearest person
    named before, of a compatible title, who is not the asker; else the protagonist."""
    sentence = token.sent
    for quote in ctx.quotes:
        mention = quote.speaker.mention
        if (
            quote.speaker.name
            and mention is not None
            and sentence.start_char <= mention.start < sentence.end_char
            and mention.text.lower() == token.lower_
        ):
            return quote.speaker.name
    gender = _pronoun_gender(token.lower_)
    candidates: list[tuple[int, str, str]] = [
        (pos, canonical_name(ctx, name), name) for pos, name in ctx.people if pos < token.idx
    ]
    candidates += [
        (q.speaker.mention.start, q.speaker.name, q.speaker.mention.text)
        for q in ctx.quotes
        if q.speaker.name and q.speaker.mention and q.speaker.mention.start < token.idx
        and q.speaker.type != "organization"
    ]
    for _, name, surface in sorted(candidates, reverse=True):
        if asker is not None and _surname(name) == _surname(asker):
            continue
        if len(_core(name).split()) < 2 and _title_gender(surface) is None:
            continue  # a lone capitalised word ("Pollsters") is too often not a person
        known_gender = _title_gender(surface) or ctx.gender_of(name)
        if gender and known_gender and gender != known_gender:
            continue
        return name
    if asker is not None and ctx.protagonist and _surname(ctx.protagonist) == _surname(asker):
        return None
    if gender and ctx.gender_of(ctx.protagonist) not in (None, gender):
        return None  # "asked her" when the story's protagonist is a "he": nobody we know
    return ctx.protagonist


def _pronoun_gender(word: str) -> str | None:
    if word in MALE_PRONOUNS:
        return "m"
    if word in FEMALE_PRONOUNS:
        return "f"
    return None


def _title_gender(surface: str) -> str | None:
    first = surface.split()[0].lower().rstrip(".") if surface.split() else ""
    if first in MALE_TITLES:
        return "m"
    if first in FEMALE_TITLES:
        return "f"
    return None


def canonical_name(ctx: Context, surface: str) -> str:
    """The fullest name the article gives for the person called ``surface``.

    "Mr Vine" -> "Jeremy Vine" when a quote's speaker or a PERSON mention has that surname;
    otherwise the surface itself.
    """
    surname = _surname(surface)
    if not surname:
        return surface
    names = [q.speaker.name for q in ctx.quotes if q.speaker.name]
    names += [name for _, name in ctx.people] + [name for _, name in ctx.interviewers]
    fuller = [_strip_possessive(n) for n in names if _surname(n) == surname
              and len(_core(n).split()) >= 2]
    if not fuller:
        return _strip_possessive(surface)
    fuller = [_core(n) for n in fuller]  # the name itself: "Dr Anika Bryce" -> "Anika Bryce"
    return max(fuller, key=lambda n: (len(_core(n).split()), -names.index(n) if n in names else 0))


def _core(name: str) -> str:
    words = _strip_possessive(name).split()
    while words and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def _surname(name: str) -> str:
    words = _core(name).split()
    return words[-1].lower() if words else ""


def _strip_possessive(name: str) -> str:
    return re.sub(r"[’']s?$", "", name.strip())


def person_entities(doc: Doc) -> list[TokenSpan]:
    """PERSON entities cut to their name ("Alice Fry on Border Radio" -> "Alice Fry"), and
    ORG entities that look like a person's name doing something ("Rhiannon Price defended"):
    the small model often calls unfamiliar names organisations."""
    found: list[TokenSpan] = []
    names = [(ent, _name_part(ent)) for ent in doc.ents]
    # A surname the model also tagged as a person ("Ms Rahman") makes "Sadia Rahman" one.
    surnames = {name[-1].lower_ for ent, name in names if name is not None
                and ent.label_ == "PERSON"}
    for ent, name in names:
        if name is None or modifies_a_thing(name):
            continue
        if ent.label_ == "PERSON":
            found.append(name)
        elif ent.label_ == "ORG" and (
            _looks_personal(name) or (2 <= len(name) <= 3 and name[-1].lower_ in surnames
                                      and not any(t.lower_ in ORG_WORDS for t in name))
        ):
            found.append(name)
    return found


def _name_part(ent: TokenSpan) -> TokenSpan | None:
    end = ent.start
    while end < ent.end and ent.doc[end].pos_ == "PROPN":
        end += 1
    return ent.doc[ent.start:end] if end > ent.start else None


def _looks_personal(name: TokenSpan) -> bool:
    words = [t.text for t in name]
    if not 2 <= len(words) <= 3 or any(w.isupper() or w.lower() in ORG_WORDS for w in words):
        return False
    titled = name.start > 0 and name.doc[name.start - 1].lower_.rstrip(".") in TITLES
    return titled or name.root.dep_ in {"nsubj", "nsubjpass", "appos"}


def _with_title(ent: TokenSpan) -> str:
    """An entity with the title before it ("Mr" + "Dale"): titles carry the gender."""
    left = ent.start
    while left > 0 and ent.doc[left - 1].lower_.rstrip(".") in TITLES:
        left -= 1
    return _strip_possessive(ent.doc[left:ent.end].text)


def _name_text(token: Token) -> str:
    """A proper name with its compounds and titles: "Mr Corbyn", "Sarah Lund"."""
    if token.ent_type_ and token.ent_iob_ != "O":
        for ent in token.doc.ents:
            name = _name_part(ent)
            if name is not None and name.start <= token.i < name.end:
                return _with_title(name)
    parts = [c for c in token.lefts if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"]
    start = min([t.i for t in parts] + [token.i])
    return _strip_possessive(token.doc[start:token.i + 1].text)


def _noun_phrase(token: Token) -> str:
    """ "the minister", "a spokesman for the council" (without relative clauses)."""
    tokens = [t for t in token.subtree if not any(a.dep_ in {"relcl", "acl"} for a in
                                                   [t, *t.ancestors] if a.i != token.i
                                                   and token in a.ancestors)]
    if not tokens:
        return token.text
    return token.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,;:—–-")


def _could_be_person(token: Token) -> bool:
    """A proper name the tagger did not call a place or a date (it often calls names ORG)."""
    if token.pos_ != "PROPN" or token.ent_type_ in NOT_PERSON_ENTS:
        return False
    name = [*(t for t in token.lefts if t.dep_ in {"compound", "flat"}), token]
    return not any(t.lower_ in ORG_WORDS for t in name)  # "the New York Times"


def _speaker_name(quote: Quote) -> str | None:
    if quote.speaker.name:
        return quote.speaker.name
    return quote.speaker.mention.text if quote.speaker.mention else None


# --- answers and outcome -------------------------------------------------------------------


def link_answers(ctx: Context, trigger: Trigger, addressee: str | None, limit: int) -> list[Quote]:
    """The addressee's quotes after the question: same paragraph and the next two, stopping at
    the next question or at a quote by someone else. A reply in the question's own sentence
    ("'...,' she said when asked about X") counts too."""
    window_end = min(limit, _paragraph_window_end(ctx, trigger.end, 2))
    answers: list[Quote] = []
    for quote in ctx.quotes:
        content = quote.content
        if content.overlaps(trigger.start, trigger.end):
            continue
        in_sentence = trigger.sentence.start_char <= content.start < trigger.sentence.end_char
        if content.start < trigger.end and not in_sentence:
            continue
        if content.start >= window_end:
            break
        if _is_removed(content.start, content.end, ctx.removed):
            continue
        if _speaks_for(quote, addressee):
            answers.append(quote)
        elif content.start > trigger.end and quote.speaker.name:
            break  # someone else speaks: the exchange moved on
    return answers


def _speaks_for(quote: Quote, addressee: str | None) -> bool:
    if addressee is None:
        return False
    if quote.speaker.name:
        return quote.speaker.name == addressee or _surname(quote.speaker.name) == _surname(
            addressee
        )
    mention = quote.speaker.mention
    if mention is None:
        return False
    words = mention.text.lower()
    return words in MALE_PRONOUNS | FEMALE_PRONOUNS or _surname(mention.text) == _surname(
        addressee
    )


def _paragraph_window_end(ctx: Context, char: int, following: int) -> int:
    """The end of the paragraph holding ``char`` plus ``following`` kept paragraphs."""
    kept = [p for p in ctx.paragraphs if not _inside(p[0], p[1], [(r.start, r.end) for r in
                                                                    ctx.removed])]
    for index, (start, end) in enumerate(kept):
        if start <= char <= end or char < start:
            last = kept[min(index + following, len(kept) - 1)]
            return last[1]
    return len(ctx.text)


def judge_outcome(
    doc: Doc, ctx: Context, trigger: Trigger, answers: Sequence[Quote], limit: int
) -> tuple[Outcome, Span | None]:
    """Declined or evaded when the text says so; else judge the answer by its words."""
    window = _outcome_window(doc, trigger, limit)
    evade = _first_match(_EVADE_RE, ctx, *window)
    decline = _first_match(_DECLINE_RE, ctx, *window)
    if evade is not None:
        # "set out the position but refused to be drawn": one piece of evidence.
        if decline is not None and 0 <= decline.start - evade.end <= 2:
            return "evaded", Span.of(doc_text(doc), evade.start, decline.end)
        return "evaded", evade
    if decline is not None:
        # "refused to be drawn, saying ...": words were given, just not an answer.
        spoke = any(q.content.start > decline.start for q in answers)
        if spoke and "drawn" in decline.text.lower():
            return "evaded", decline
        return "declined", decline
    for quote in answers:
        found = _DECLINE_RE.search(quote.content.text)
        if found and found.group().lower() == "no comment":
            return "declined", Span.of(doc_text(doc), quote.content.start + found.start(),
                                       quote.content.start + found.end())
    for quote in answers:
        found = _DEFLECT_RE.search(quote.content.text)
        if found:
            return "evaded", Span.of(doc_text(doc), quote.content.start + found.start(),
                                     quote.content.start + found.end())
    if answers:
        answer = answers[0]
        cue = answer.cue or answer.content
        # Only whole quotations are judged by their words: a reporter who paraphrases
        # an answer ("she said one would begin in the autumn") reports it as an answer.
        direct = [q for q in answers if q.kind == "direct"]
        if not direct or _is_on_topic(doc, trigger, direct):
            return "answered", cue
        return "evaded", (direct[0].cue or direct[0].content)
    # A reply verb with no quoted words is a reported answer; with nothing at all, we cannot
    # tell what became of the question and do not guess.
    verb = _answer_verb(doc, trigger, window[1])
    return ("answered", verb) if verb else ("unknown", None)


def _outcome_window(doc: Doc, trigger: Trigger, limit: int) -> tuple[int, int]:
    """From the question's verb to the end of the next sentence (not into the next question)."""
    sentence = trigger.sentence
    start = min(trigger.start, doc[trigger.verb].idx)
    if trigger.kind == "refusal":
        start = sentence.start_char  # "set out the line but refused to be drawn on ..."
    end = sentence.end_char
    if sentence.end < len(doc):
        end = doc[sentence.end].sent.end_char
    return start, max(trigger.end, min(end, limit))


def _first_match(pattern: re.Pattern[str], ctx: Context, start: int, end: int) -> Span | None:
    for found in pattern.finditer(ctx.text, start, end):
        if _inside(found.start(), found.end(), ctx.quoted):
            continue  # the speaker's own words are not the reporter's account
        return Span.of(ctx.text, found.start(), found.end())
    return None


def _is_on_topic(doc: Doc, trigger: Trigger, answers: Sequence[Quote]) -> bool:
    """An answer addresses the question when it says yes/no, refers back (it, that) or shares
    a content word with it."""
    asked = _content_lemmas(doc, trigger.start, trigger.end)
    if len(asked) < 2:
        return True  # one word ("what had changed") is too little to judge relevance by
    for quote in answers:
        span = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha]
        if words and (words[0].lower_ in YES_NO or len(words) <= 4):
            return True  # "No.", "I already have": too short to be about something else
        if any(t.lower_ in ANAPHORS and t.pos_ == "PRON" for t in words):
            return True
        if asked & _content_lemmas(doc, quote.content.start, quote.content.end):
            return True
    return len(asked) < 2  # too little to compare with: take the answer as given


def _content_lemmas(doc: Doc, start: int, end: int) -> set[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    return {
        t.lemma_.lower()
        for t in span
        if t.pos_ in {"NOUN", "PROPN", "VERB", "ADJ"}
        and not t.is_stop
        and t.lemma_.lower() not in STOP_LEMMAS
    }


def _answer_verb(doc: Doc, trigger: Trigger, end: int) -> Span | None:
    """The reply verb after the question ("she said", "he replied"), as the evidence."""
    for token in doc[trigger.sentence.start:]:
        if token.idx >= end:
            break
        if token.i == trigger.verb or trigger.start <= token.idx < trigger.end:
            continue
        if token.pos_ == "VERB" and token.lemma_.lower() in ANSWER_LEMMAS:
            return Span.of(doc_text(doc), token.idx, token.idx + len(token))
    return None


# Words that report something said (not wanted or believed): a statement reported inside a
# question is one of these; "asked if he WANTED the UK to pull out" is the question itself.
# The nouns of a past statement: "whether he stood by his 2012 claim that ...".
SPEECH_NOUNS = frozenset(
    "claim claims remark remarks comment comments statement assertion pledge promise vow "
    "warning boast insistence".split()
)
SPEECH_WORDS = SPEECH_NOUNS | frozenset(
    "said says say saying told tells claimed claims called calls argued argues insisted insists "
    "stated states declared declares announced announces promised promises vowed vows pledged "
    "pledges warned warns described describes wrote writes".split()
)


REFUSAL_WORDS = re.compile(
    r"\b(?:refus|declin|would(?:n[’']t| not)|won[’']t|did(?:n[’']t| not)|sidestep|dodg)", re.I
)


def _within(span: Span | None, outer: Span | None) -> bool:
    return span is not None and outer is not None and outer.start <= span.start and \
        span.end <= outer.end


def is_question_text(quote: Quote, question: Question) -> bool:
    """Is this "statement" really the question put to someone ("was asked whether he backs
    it"), or the words of a refusal ("refused to be drawn")? A statement reported inside a
    question ("asked if he stood by what he said in 2014, when he said ...") has its own cue
    inside the question and stays."""
    refusal = question.evidence is not None and REFUSAL_WORDS.search(question.evidence.text)
    if refusal and _within(quote.cue, question.evidence):
        return True  # "refused to be drawn": the refusal's own words (not an answer's cue)
    text = question.text
    overlap = min(quote.content.end, text.end) - max(quote.content.start, text.start)
    if overlap <= 0:
        return False
    if quote.kind == "direct" and "?" in quote.content.text:
        # A question in quote marks is its asker's words on record (see below), unless the
        # quote went to the person asked ("X was asked, '...?' He answered, '...'").
        return quote.speaker.name is not None and quote.speaker.name == question.addressee
    if _within(quote.cue, text) and quote.cue is not None and \
            quote.cue.text.split()[0].lower() in SPEECH_WORDS and \
            (quote.cue.text.split()[0].lower() not in SPEECH_NOUNS or quote.speaker.name):
        # "... the comments he made when he SAID he wanted it scrapped"; "his 2012 claim that
        # ..." is his statement, but "the union's claim that ..." with nobody named is not.
        return False
    return overlap >= 0.5 * (quote.content.end - quote.content.start)


# A question about the person asked ("Will you scrap it?", "Is your heart in it?").
ADDRESSED = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def put_questions_take_no_side(
    quotes: Sequence[Quote], questions: Sequence[Question]
) -> list[Quote]:
    """A quoted question put to someone else ("'Will you scrap it?' Ms Vine asked him") is on
    the record as the asker's words, but it asks rather than takes a side: its topics are
    read as neutral. A rhetorical question to nobody in particular ("Why don't we close it
    down?") keeps its reading."""
    asked_of = [(x.text, x.addressee) for x in questions if x.addressee]
    out = []
    for quote in quotes:
        question = quote.kind == "direct" and "?" in quote.content.text
        put = question and (ADDRESSED.search(quote.content.text) is not None or any(
            min(quote.content.end, text.end) > max(quote.content.start, text.start)
            and addressee != quote.speaker.name
            for text, addressee in asked_of
        ))
        if put and quote.topics:
            quote = replace(quote, topics=tuple(
                replace(t, stance="neutral", confidence=min(t.confidence, 0.5), evidence=None)
                for t in quote.topics))
        out.append(quote)
    return out


def without_question_texts(
    quotes: Sequence[Quote], questions: Sequence[Question]
) -> tuple[list[Quote], list[Question]]:
    """Drop the quotes that are questions or refusals, renumber the rest (q1, q2, ...) and
    keep each question's answers pointing at the right quotes."""
    kept = [q for q in quotes if not any(is_question_text(q, x) for x in questions)]
    new_id = {q.id: f"q{i}" for i, q in enumerate(kept, start=1)}
    renumbered = [replace(q, id=new_id[q.id]) for q in kept]
    relinked = [
        replace(x, answer_quote_ids=tuple(new_id[i] for i in x.answer_quote_ids if i in new_id))
        for x in questions
    ]
    return renumbered, relinked

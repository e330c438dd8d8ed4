"""Clean stage: find what is not part of the story, and mark it.

Nothing is deleted or moved: each finding is a ``Removed`` span (line-sized) with a reason,
and later stages skip text inside those spans. The rules work on lines (one paragraph a line,
as news text arrives from .txt, HTML extraction and feeds):

- trailer / boilerplate: "Read more at ...", "Sign up for ...", share bars, advert labels;
- duplicate: a paragraph repeating an earlier one (same words, whatever the quote marks,
  spacing or punctuation);
- caption: a photo caption ("X, pictured at ..."), or a long line that does not end a
  sentence (captions carry no full stop), or a copy of one;
- sidebar: a headline-like line whose words are not the story's, with the paragraphs after
  it that talk about its subject rather than the story's (an embedded related story).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.models import Removed, RemovedReason


@dataclass(frozen=True)
class Block:
    """One non-empty line of the text (a paragraph), with its offsets."""

    index: int
    start: int
    end: int
    text: str


TRAILER = re.compile(
    r"""^\W*(read\ more|more\ (?:on|from)\ this|sign\ up|subscribe\b|continue\ reading
    |related\ (?:articles?|stories|coverage)\b|recommended\ for\ you|most\ (?:read|popular)\b
    |follow\ (?:us|@)|download\ (?:our|the)\ app|get\ (?:the\ latest|our)\b|(?:this\ )?(?:article|story)\
    (?:was\ )?(?:first\ appeared|originally\ published)|originally\ published|copyright\b|©
    |all\ rights\ reserved|want\ (?:more|the\ latest)|don['’]t\ miss)""",
    re.I | re.X,
)
BOILERPLATE = re.compile(
    r"""^\W*(share(?:\ (?:this|the)\ (?:article|story|page))?(?:\ on\ \w+)?|advertisement|advert
    |sponsored(?:\ content)?|ad|click\ here\b.*|tap\ here\b.*|story\ continues\ below.*
    |scroll\ down.*|comments?|print|email|tweet|loading(?:\.\.\.)?|watch(?:\ the\ video)?:?
    |listen(?:\ to\ this\ article)?:?|(?:image|photo|picture|video)\ (?:credit|source)?:.*)\W*$""",
    re.I | re.X,
)
SHARE_WORDS = {"share", "facebook", "twitter", "x", "email", "whatsapp", "linkedin", "copy",
               "link", "print", "reddit", "messenger", "pinterest", "comments", "tweet"}
SHARE_ALONE = SHARE_WORDS - {"x", "copy", "link", "messenger"}
CAPTION_CUE = re.compile(
    r",\s*(?:pictured|seen|shown)\b|\((?:pictured|left|right|centre|center|above|below)\)"
    r"|^(?:pictured|above|below|left|right|main picture|top)\s*[:,]"
    r"|\b(?:getty images|ap photo|reuters/|afp via getty|pa wire|shutterstock)\b"
    r"|^(?:photo|picture|image|credit)\s*:",
    re.I,
)
# A sentence end, allowing closing quotes/brackets and a trailing source tag: "... [Reuters]".
SENTENCE_END = re.compile(r"""[.?!…:;]["'’”»)\]]*(?:\s*\[[^\]]{1,60}\])?\s*$""")
OPENING_QUOTE = re.compile(r"""^["'‘“«]""")
QUOTE_ATTRIBUTION = re.compile(r"""[,?!]["'’”]\s+(?:\w+\s+){0,3}(?:said|says|added|asked|told)\b""", re.I)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
STOPWORDS = frozenset(
    """a an the and or but if of in on at to for from by with as is are was were be been being
    has have had do does did not no this that these those it its he she his her they their them
    we our you your i my me him who whom which what when where why how than then there here
    said says say will would could should can may might must also just now so up out over into
    about after before more most very all any some such only own same other new one two three
    per cent mr mrs ms dr today yesterday""".split()
)
CAPTION_MIN_WORDS = 12
DUPLICATE_MIN_WORDS = 5  # shorter repeats ("___", "Twitter.") are separators or share lines
REPEAT_SHARE = 0.6
HEADLINE_MAX_WORDS = 16
SIDEBAR_MAX_PARAGRAPHS = 6
SIDEBAR_MIN_STORY = 2  # story paragraphs (full sentences) before a sidebar can start
# Dates, bylines and update stamps under a headline are not headlines of another story.
DATELINE = re.compile(
    r"^(?:by\s|published|updated|posted|last\s+updated)|\b(?:19|20)\d\d\b|\d{1,2}:\d\d",
    re.I,
)


def split_blocks(text: str) -> list[Block]:
    """Every non-empty line, trimmed of surrounding whitespace, with its offsets."""
    blocks: list[Block] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            blocks.append(Block(len(blocks), start, start + len(stripped), stripped))
        offset += len(line) + 1
    return blocks


def fingerprint(text: str) -> str:
    """Words only, case-folded: the same paragraph with other quote marks or spacing."""
    return " ".join(word.casefold().replace("’", "'") for word in WORD.findall(text))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def content_terms(text: str) -> list[str]:
    terms = []
    for word in words(text):
        folded = word.casefold().replace("’", "'")
        folded = re.sub(r"'s$", "", folded)
        if folded not in STOPWORDS and len(folded) > 1 and not folded.isdigit():
            terms.append(folded)
    return terms


def is_terminated(text: str) -> bool:
    """Does the line end a sentence? Captions and headlines do not."""
    return bool(SENTENCE_END.search(text))


def is_share_bar(text: str) -> bool:
    tokens = [w.casefold() for w in words(text)]
    if len(tokens) == 1:
        return tokens[0] in SHARE_ALONE
    return 2 <= len(tokens) <= 8 and all(t in SHARE_WORDS for t in tokens)


def line_reason(block: Block) -> RemovedReason | None:
    """Reasons visible in one line alone."""
    if len(words(block.text)) <= 30 and TRAILER.search(block.text):
        return "trailer"
    if BOILERPLATE.match(block.text) or is_share_bar(block.text):
        return "boilerplate"
    if CAPTION_CUE.search(block.text) and not is_terminated(block.text):
        return "caption"
    return None


def looks_like_caption(block: Block) -> bool:
    """A long line with no sentence end (short ones are headlines), that is not a paragraph
    of quoted speech cut short."""
    return (
        not is_terminated(block.text)
        and len(words(block.text)) >= CAPTION_MIN_WORDS
        and not OPENING_QUOTE.match(block.text)
        and not QUOTE_ATTRIBUTION.search(block.text)
    )


def repeats_body(block: Block, body: Counter[str]) -> bool:
    """Captions retell the story: most of their words are the body's words."""
    terms = content_terms(block.text)
    return bool(terms) and sum(1 for t in terms if body[t]) / len(terms) >= REPEAT_SHARE


def looks_like_headline(block: Block) -> bool:
    n = len(words(block.text))
    return not is_terminated(block.text) and 2 <= n <= HEADLINE_MAX_WORDS


def weighted_overlap(terms: Sequence[str], vocabulary: Counter[str]) -> float:
    """How much a paragraph's words belong to a vocabulary, weighting words it uses often."""
    if not terms:
        return 0.0
    return sum(math.log1p(vocabulary[t]) for t in terms) / len(terms)


def own_terms(terms: Sequence[str], side: Counter[str], story: Counter[str]) -> set[str]:
    """The paragraph's words that only the sidebar uses, by their first four letters ("poll",
    "pollsters"): a sidebar paragraph may share common words with the story, not these."""
    side_stems = {t[:4] for t in side} - {t[:4] for t in story}
    return {t for t in terms if t[:4] in side_stems}


def story_names(text: str, story: Counter[str]) -> set[str]:
    """Capitalised words past a paragraph's first that the story used ("Ms Ellery said ..."):
    a paragraph naming the story's people is the story resuming, not the sidebar."""
    names = re.findall(r"(?<=[\s(“‘\"'])([A-Z][a-z’'-]+)", text)
    return {n for n in names if story[n.casefold()] and n.casefold() not in STOPWORDS}


def find_sidebar(
    blocks: Sequence[Block], head: int, story: Counter[str]
) -> list[Block]:
    """The headline at ``head`` and the paragraphs after it that follow its subject rather
    than the story's; empty when the headline belongs to the story (a subheading)."""
    headline_terms = content_terms(blocks[head].text)
    if not headline_terms:
        return []
    known = sum(1 for t in headline_terms if story[t] >= 2) / len(headline_terms)
    if known >= 0.5:
        return []  # a subheading of this story
    side: Counter[str] = Counter({t: 2 for t in headline_terms})
    members = [blocks[head]]
    for block in blocks[head + 1 : head + 1 + SIDEBAR_MAX_PARAGRAPHS]:
        terms = content_terms(block.text)
        if looks_like_headline(block) or looks_like_caption(block) or line_reason(block):
            break
        first = len(members) == 1
        if (not first and weighted_overlap(terms, side) <= weighted_overlap(terms, story)
                and not (own_terms(terms, side, story) and not story_names(block.text, story))):
            break
        members.append(block)
        side.update(terms)
    return members if len(members) > 1 else []


def find_boilerplate(text: str) -> list[Removed]:
    """Mark captions, duplicates, sidebars, trailers and share/advert lines in ``text``."""
    blocks = split_blocks(text)
    reasons: dict[int, RemovedReason] = {}
    seen: dict[str, int] = {}
    for block in blocks[1:]:  # the first line is the headline
        key = fingerprint(block.text)
        reason = line_reason(block)
        if reason is None and key in seen and len(key.split()) >= DUPLICATE_MIN_WORDS:
            reason = "duplicate"
            first = blocks[seen[key]]
            if looks_like_caption(first) or line_reason(first) == "caption":
                reasons[first.index] = "caption"
                reason = "caption"
        if reason:
            reasons[block.index] = reason
        seen.setdefault(key, block.index)

    # Captions that retell the story: judged against the body without the lines found so far.
    body = Counter(
        t for b in blocks if b.index not in reasons for t in set(content_terms(b.text))
    )
    for block in blocks[1:]:
        if block.index in reasons or not looks_like_caption(block):
            continue
        own = Counter(set(content_terms(block.text)))
        if repeats_body(block, body - own):
            reasons[block.index] = "caption"

    story: Counter[str] = Counter()
    story_paragraphs = 0
    for block in blocks:
        if block.index in reasons:
            continue
        # A sidebar needs a story to stand apart from: a few paragraphs of it first.
        if (block.index > 0 and story_paragraphs >= SIDEBAR_MIN_STORY
                and looks_like_headline(block) and not DATELINE.search(block.text)):
            for member in find_sidebar(blocks, block.index, story):
                reasons.setdefault(member.index, "sidebar")
        if block.index not in reasons:
            story.update(content_terms(block.text))
            story_paragraphs += is_terminated(block.text)
    return merge_spans(blocks, reasons)


def merge_spans(blocks: Sequence[Block], reasons: dict[int, RemovedReason]) -> list[Removed]:
    """One span per run of consecutive blocks with the same reason (a sidebar is one span)."""
    spans: list[Removed] = []
    for block in blocks:
        reason = reasons.get(block.index)
        if reason is None:
            continue
        last = spans[-1] if spans else None
        previous = blocks[block.index - 1] if block.index else None
        if (last and reason == "sidebar" and last.reason == "sidebar" and previous
                and previous.index in reasons and last.end == previous.end):
            spans[-1] = Removed(last.start, block.end, reason)
        else:
            spans.append(Removed(block.start, block.end, reason))
    return spans


def is_removed(start: int, end: int, removed: Sequence[Removed]) -> bool:
    """Does the text span [start, end) touch any removed span?"""
    return any(r.start < end and start < r.end for r in removed)

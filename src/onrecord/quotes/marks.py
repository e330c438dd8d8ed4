"""Quote-mark pairing: find the stretches of text that are inside quotation marks.

Handles double and single marks, straight and curly, British style (‘...’), apostrophes that
look like closing marks (WON’T, Labour’s, don’t, the ’90s, students’ union) and quotes that
run over several paragraphs (a paragraph that ends inside a quote and a next paragraph that
opens with a mark again: the journalistic convention for one long quote).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT

# What may stand right before an opening mark, or right after a closing one.
BEFORE_OPEN = "([{—–-/:;,"
AFTER_CLOSE = ".,;:!?)]}—–-…/"
# Punctuation that ends a quoted sentence: a curly closing mark after it closes even when the
# next word follows with no space (web copy that lost its spaces).
SENTENCE_END = ".!?,"


@dataclass(frozen=True)
class Quoted:
    """Text inside quotation marks: ``start``/``end`` exclude the marks themselves."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the paragraph ran out
    paragraphs: int = 1


def family(char: str) -> str:
    return "double" if char in DOUBLE_OPEN + DOUBLE_CLOSE + '"' else "single"


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word (don’t, Labour’s) or before a decade (’90s)."""
    if text[i] not in SINGLE_CLOSE + "'":
        return False
    before, after = _prev(text, i), _next(text, i)
    if before.isalnum() and after.isalnum():
        return True
    return (before.isspace() or before in "(") and after.isdigit() and _decade(text, i + 1)


def _decade(text: str, i: int) -> bool:
    return text[i : i + 3][:2].isdigit() and text[i + 2 : i + 3] in ("s", " ", ",", ".", "")


def can_open(text: str, i: int) -> bool:
    char = text[i]
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE or is_apostrophe(text, i):
        return False
    before, after = _prev(text, i), _next(text, i)
    if after.isspace():
        return False
    return char in DOUBLE_OPEN + SINGLE_OPEN or before.isspace() or before in BEFORE_OPEN + ALL_MARKS


def can_close(text: str, i: int) -> bool:
    char = text[i]
    if char in DOUBLE_OPEN or char in SINGLE_OPEN or is_apostrophe(text, i):
        return False
    before, after = _prev(text, i), _next(text, i)
    if before.isspace():
        return False
    if char in DOUBLE_CLOSE and before in SENTENCE_END:
        return True  # '“I love it!”Later that day': a curly mark after a full stop closes
    return after.isspace() or after in AFTER_CLOSE + ALL_MARKS


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line: news paragraphs are lines."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            yield start, end
        start = end + 1


def _is_plural_possessive(text: str, i: int) -> bool:
    # students’ union: an s, the mark, a space and a lower-case word.
    return _prev(text, i) == "s" and _next(text, i) == " " and text[i + 2 : i + 3].islower()


def _pair_family(text: str, kind: str) -> list[Quoted]:
    paras = list(paragraphs(text))
    found: list[Quoted] = []
    open_at: int | None = None
    first_para = 0
    for index, (p_start, p_end) in enumerate(paras):
        marks = [i for i in range(p_start, p_end) if text[i] in ALL_MARKS and family(text[i]) == kind]
        reopened = False
        if open_at is not None:
            # Continued from the previous paragraph: its opening mark is not a new quote.
            reopened = bool(marks) and marks[0] == _first_char(text, p_start) and can_open(text, marks[0])
            if reopened:
                marks = marks[1:]
            else:
                found.append(_unclosed(text, open_at, paras[index - 1][1], index - first_para))
                open_at = None
        for position, i in enumerate(marks):
            if open_at is None:
                if can_open(text, i):
                    open_at, first_para = i, index if not reopened else first_para
                    reopened = False
                continue
            if not can_close(text, i):
                continue
            later = [j for j in marks[position + 1 :] if can_close(text, j)]
            if _is_plural_possessive(text, i) and later:
                continue
            found.append(Quoted(open_at + 1, i, open_at, i, index - first_para + 1))
            open_at = None
        if open_at is not None and index + 1 == len(paras):
            found.append(_unclosed(text, open_at, p_end, index - first_para + 1))
            open_at = None
    return [q for q in found if q.end > q.start]


def _first_char(text: str, start: int) -> int:
    i = start
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _unclosed(text: str, open_at: int, end: int, paras: int) -> Quoted:
    while end > open_at + 1 and text[end - 1].isspace():
        end -= 1
    return Quoted(open_at + 1, end, open_at, None, max(paras, 1))


def find_quoted(text: str) -> list[Quoted]:
    """Outermost quoted stretches in text order (nested quotes belong to their outer quote)."""
    # Wire copy writes a double mark as two straight single ones (''like this'').
    text = _wire_marks(text)
    candidates = _pair_family(text, "double") + _pair_family(text, "single")
    candidates = [_without_doubled_mark(text, q) for q in candidates]
    # A straight mark left open to the end of a paragraph is more often a stray than a quote.
    candidates = [q for q in candidates if q.close_mark is not None or text[q.open_mark] not in STRAIGHT]
    candidates.sort(key=lambda q: (q.open_mark, -(q.end)))
    kept: list[Quoted] = []
    for quoted in candidates:
        if kept and quoted.open_mark < _outer_end(kept[-1]):
            continue  # nested in (or crossing) the previous outer quote
        kept.append(quoted)
    return kept


def _wire_marks(text: str) -> str:
    """Two straight single marks as one double mark; three after a word close a quote within
    a quote and then the quote ("a special case,''' he said"). The text keeps its length, so
    offsets stay true."""
    return WIRE_MARKS.sub(lambda m: _wire_run(text, m.start(), m.group()), text)


def _wire_run(text: str, start: int, run: str) -> str:
    if len(run) == 2:
        return '""'
    closing = start > 0 and not text[start - 1].isspace()
    return "'" + '""' if closing else '""' + "'"


WIRE_MARKS = re.compile("'{2,3}")


def _without_doubled_mark(text: str, quoted: Quoted) -> Quoted:
    start = quoted.start
    if text[quoted.open_mark] == '"' and start < quoted.end and text[start] == '"':
        start += 1  # the second half of an opening ''
    return Quoted(start, quoted.end, quoted.open_mark, quoted.close_mark, quoted.paragraphs)


def _outer_end(quoted: Quoted) -> int:
    return quoted.close_mark + 1 if quoted.close_mark is not None else quoted.end


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Stretches inside quotation marks, the marks included: the words no one outside the
    quote said (other stages use it to keep names and dates inside quotes apart)."""
    return [(q.open_mark, _outer_end(q)) for q in find_quoted(text)]

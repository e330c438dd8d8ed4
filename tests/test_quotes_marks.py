"""Quote-mark pairing: what counts as quoted words, and what is an apostrophe."""

from __future__ import annotations

import pytest

from onrecord.quotes.marks import find_quoted, quoted_regions


def quoted_texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said: "We will win."', ["We will win."]),
        ("She said: “We will win.”", ["We will win."]),
        ("She said: ‘We will win.’", ["We will win."]),
        ("She said: 'We will win.'", ["We will win."]),
        # apostrophes are not marks
        ("The mayor WON’T say it and Labour’s plan doesn’t either.", []),
        ("He recalled the ’90s and the students’ union.", []),
        ("He said ‘the students’ union is wrong’ today.", ["the students’ union is wrong"]),
        ("‘It’s not over,’ she said.", ["It’s not over,"]),
        # British style: double marks nested inside single ones belong to the outer quote
        ("He said: ‘They call it “the plan” now.’", ["They call it “the plan” now."]),
        # interrupted quote: two quoted stretches
        ("“We will win,” she said, “and soon.”", ["We will win,", "and soon."]),
        # wire copy: three straight marks after a word close the inner and the outer quote
        ("''We are told, 'it is special,''' he said.", ["We are told, 'it is special,'"]),
        # a curly closing mark after a full stop closes even with no space after it
        ("“I love it!”Later she left. “Not me,” he said.", ["I love it!", "Not me,"]),
    ],
)
def test_pairs_marks(text: str, expected: list[str]) -> None:
    assert quoted_texts(text) == expected


def test_quote_running_over_paragraphs_is_one_stretch() -> None:
    text = "She said: ‘The first part.\n\n‘The second part.\n\n‘The end.’\n\nThen she left."
    found = find_quoted(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "The first part.\n\n‘The second part.\n\n‘The end."
    assert found[0].paragraphs == 3


def test_unclosed_curly_quote_ends_with_its_paragraph() -> None:
    text = "She said: ‘We will win.\n\nThe next paragraph is the reporter's."
    assert quoted_texts(text) == ["We will win."]


def test_stray_straight_mark_is_not_a_quote() -> None:
    assert quoted_texts('The 6" pipe burst.\n\nNobody was hurt.') == []


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said ‘no’ and WON’T budge.", ["‘no’"]),
        ("The party’s line: “we stay”.", ["“we stay”"]),
        ("‘It runs on\n\n‘and on,’ she said.", ["‘It runs on\n\n‘and on,’"]),
        ("No quotation here, just the ’90s.", []),
    ],
)
def test_quoted_regions_include_the_marks(text: str, inside: list[str]) -> None:
    """What the speakers, time and questions stages keep apart as someone else's words."""
    assert [text[s:e] for s, e in quoted_regions(text)] == inside

"""What the pages draw: article segments, search highlights, timeline geometry."""

from __future__ import annotations

from typing import Any

import pytest

from onrecord.compare import Change, Statement
from onrecord.web.views import (
    article_href,
    article_segments,
    date_value,
    domain,
    highlight,
    marker_path,
    speaker_href,
    speaker_slots,
    timeline_chart,
)

TEXT = "Headline\n\nAda Vance said \"we will win\" today.\nPhoto: a caption"


def quote(qid: str, start: int, end: int, speaker: str | None) -> dict[str, Any]:
    return {"id": qid, "content": {"start": start, "end": end, "text": TEXT[start:end]},
            "speaker": {"name": speaker}}


def statement(said_on: str | None, stance: str, quote_id: str = "q1") -> Statement:
    return Statement(article_id="a<1>", quote_id=quote_id, speaker="Ada Vance", topic="tax",
                     stance=stance, confidence=0.9, voice="personal", said_on=said_on,
                     precision="day", content="words", start=0, end=5)


# --- segments ---------------------------------------------------------------------------------


def test_segments_cover_the_whole_text_exactly_once() -> None:
    quotes = [quote("q1", TEXT.index("we"), TEXT.index("win") + 3, "Ada Vance")]
    removed = [{"start": TEXT.index("Photo"), "end": len(TEXT), "reason": "caption"}]
    segments = article_segments(TEXT, quotes, removed)
    assert "".join(s.text for s in segments) == TEXT
    assert [(s.start, s.end) for s in segments] == sorted((s.start, s.end) for s in segments)


@pytest.mark.parametrize(
    ("words", "quote_id", "removed", "opens"),
    [
        ("we will win", "q1", None, False),
        ("Photo: a caption", None, "caption", True),
        ("Headline\n\nAda Vance said \"", None, None, False),
    ],
)
def test_each_segment_knows_its_quote_and_removal(
    words: str, quote_id: str | None, removed: str | None, opens: bool
) -> None:
    quotes = [quote("q1", TEXT.index("we"), TEXT.index("win") + 3, "Ada Vance")]
    cut = [{"start": TEXT.index("Photo"), "end": len(TEXT), "reason": "caption"}]
    segment = next(s for s in article_segments(TEXT, quotes, cut) if s.text == words)
    assert (segment.quote_id, segment.removed, segment.opens_removed) == (quote_id, removed, opens)


def test_nested_quotes_show_the_innermost_and_close_each() -> None:
    outer = quote("q1", TEXT.index("Ada"), TEXT.index("today"), "Ada Vance")
    inner = quote("q2", TEXT.index("we"), TEXT.index("win") + 3, "Bo Lind")
    segments = article_segments(TEXT, [outer, inner], [])
    assert next(s for s in segments if s.text == "we will win").quote_id == "q2"
    assert [s.quote_id for s in segments if s.closes_quote] == ["q2", "q1"]


@pytest.mark.parametrize(
    "span", [(-5, 3), (3, 10_000), (12, 4), (7, 7)], ids=["before", "past-end", "reversed", "empty"]
)
def test_broken_spans_never_lose_or_repeat_text(span: tuple[int, int]) -> None:
    segments = article_segments(TEXT, [quote("q1", 0, 1, None) | {"content": {
        "start": span[0], "end": span[1], "text": ""}}], [])
    assert "".join(s.text for s in segments) == TEXT


def test_speaker_slots_follow_first_appearance_and_skip_unknown_speakers() -> None:
    quotes = [quote("q2", 30, 40, "Bo Lind"), quote("q1", 10, 20, "Ada Vance"),
              quote("q3", 41, 45, None), quote("q4", 46, 50, "Ada Vance")]
    assert speaker_slots(quotes) == {"Ada Vance": 0, "Bo Lind": 1}


# --- search highlights ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query", "html"),
    [
        ("Taxes will rise", "taxes", "<mark>Taxes</mark> will rise"),
        ("tax and taxes", "tax", "<mark>tax</mark> and taxes"),
        ("<b>tax</b> & more", "tax", "&lt;b&gt;<mark>tax</mark>&lt;/b&gt; &amp; more"),
        ("a &amp; b", "amp", "a &amp;<mark>amp</mark>; b"),
        ("<script>alert(1)</script>", "script",
         "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"),
        ("no match here", "absent", "no match here"),
        ("\" onmouseover=\"x", None, "&#34; onmouseover=&#34;x"),
        ("quotes \"unbalanced", "\"unbalanced", "quotes &#34;<mark>unbalanced</mark>"),
    ],
)
def test_highlight_escapes_every_piece_then_marks(text: str, query: str | None, html: str) -> None:
    assert str(highlight(text, query)) == html


# --- timelines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said_on", "value"),
    [("2016", 2016.5), ("2016-07", 2016 + 6.5 / 12), ("2017-01-01", 2017.0),
     ("2016-12-31", 2016 + 365 / 366), (None, None), ("", None), ("soon", None),
     ("2016-13", 2016.5)],
)
def test_date_value_places_dates_in_their_period(said_on: str | None, value: float | None) -> None:
    assert date_value(said_on) == (pytest.approx(value) if value is not None else None)


def test_timeline_places_statements_in_date_order_and_marks_the_change() -> None:
    before, after = statement("2016-04-05", "against", "q1"), statement("2022-03-09", "favor", "q2")
    change = Change("Ada Vance", "tax", before, after, "full", 0.9)
    chart = timeline_chart("tax", [before, after], [change], domain([before, after]))
    xs = [p.x for p in chart.points]
    assert chart.x0 < xs[0] < xs[1] < chart.x1
    assert [p.stance for p in chart.points] == ["against", "favor"]
    assert [m.label for m in chart.changes] == ["changed: against to favor"]
    assert chart.changes[0].x_before == xs[0] and chart.changes[0].x_after == xs[1]
    assert chart.points[0].href == "/articles/a%3C1%3E#q1"
    assert [t.label for t in chart.ticks][0] >= "2016" and chart.undated == ()


def test_undated_statements_are_listed_not_placed() -> None:
    dated, undated = statement("2020", "favor"), statement(None, "against", "q2")
    chart = timeline_chart("tax", [dated, undated], [], domain([dated, undated]))
    assert [p.said_on for p in chart.points] == ["2020"]
    assert chart.undated == (undated,)


def test_statements_on_one_date_are_stacked_not_drawn_over_each_other() -> None:
    first, second = statement("2020-05-01", "favor", "q1"), statement("2020-05-01", "neutral", "q2")
    chart = timeline_chart("tax", [first, second], [], domain([first, second]))
    assert chart.points[0].x == chart.points[1].x and chart.points[0].y != chart.points[1].y


@pytest.mark.parametrize("stance", ["favor", "against", "neutral"])
def test_each_stance_has_its_own_shape(stance: str) -> None:
    others = {"favor", "against", "neutral"} - {stance}
    assert all(marker_path(stance, 10, 10) != marker_path(o, 10, 10) for o in others)


@pytest.mark.parametrize(
    ("made", "href"),
    [(article_href("a/../b", "q1"), "/articles/a%2F..%2Fb#q1"),
     (speaker_href("Ada \"V\" <x>"), "/speakers/Ada%20%22V%22%20%3Cx%3E")],
)
def test_links_percent_encode_every_part(made: str, href: str) -> None:
    assert made == href

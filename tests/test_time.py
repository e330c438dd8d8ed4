"""The time stage: the article's date and each statement's date, with precision and evidence.

Articles here are short fictional reports. Quotes are built by hand (offsets found with
``str.index``) so these tests do not depend on the quote extractor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pytest

from onrecord import clean, time
from onrecord.models import Article, Quote, Removed, SaidOn, Span, Speaker
from onrecord.parse import load_nlp


def parse(text: str):  # type: ignore[no-untyped-def]
    return load_nlp()(text)


def quote(text: str, content: str, cue: str | None, after: str = "") -> Quote:
    """A statement over ``content``, cued by the occurrence of ``cue`` nearest to it."""
    begin = text.index(after) if after else 0
    start = text.index(content, begin)
    cue_span = None
    if cue is not None:
        places = [i for i in range(len(text)) if text.startswith(cue, i)]
        at = min(places, key=lambda i: abs(i - start))
        cue_span = Span.of(text, at, at + len(cue))
    return Quote("q", "direct", Span.of(text, start, start + len(content)), cue_span)


def article(text: str, date: str | None) -> Article:
    if date is None:
        return Article(id="t", text=text)
    return Article(id="t", text=text, date=date, date_source="option")


def dated(
    text: str, date: str | None, *quotes: Quote, removed: Sequence[Removed] = ()
) -> list[SaidOn]:
    doc = parse(text)
    art = time.date_article(article(text, date), doc, removed)
    return [q.said_on for q in time.date_quotes(doc, list(quotes), art, removed)]


def date_and_precision(text: str, content: str, cue: str, speaker: str) -> tuple[str | None, str]:
    """When one named speaker's statement is dated, in an article of ``DATE``."""
    said = replace(quote(text, content, cue), speaker=Speaker(name=speaker))
    (said_on,) = dated(text, DATE, said)
    return said_on.date, said_on.precision


# --------------------------------------------------------------------------------------------
# Expressions and their resolution (no parse needed)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("on 3 December 2019", "date"),
        ("on Tuesday 3 December 2019", "date"),
        ("on December 3, 2019", "date"),
        ("in March 2014", "date"),
        ("in 2014", "date"),
        ("between November 28", "month_day"),
        ("in March", "month"),
        ("In March", "month"),
        ("As recently as March", "month"),
        ("back in June", "month"),
        ("on Monday", "weekday"),
        ("five years ago", "offset"),
        ("last week", "offset"),
        ("yesterday", "offset"),
        ("this afternoon", "present"),
        ("in the 1990s", "vague"),
        ("a year before", "event"),
    ],
)
def test_time_expressions_are_recognised(phrase: str, kind: str) -> None:
    found = time.find_time_expressions(f"It happened {phrase} there.")
    assert [e.kind for e in found] == [kind]


@pytest.mark.parametrize(
    "sentence",
    [
        "She may resign.",  # a modal, not the month
        "Ms May said so.",  # a name
        "The Good Friday Agreement holds.",
        "It cost £2014 and 30 per cent more.",
        "It rose by 2,014 votes.",
        "She spoke to 1,500 people.",
    ],
)
def test_words_that_are_not_dates_are_not_found(sentence: str) -> None:
    assert time.find_time_expressions(sentence) == []


@pytest.mark.parametrize(
    ("phrase", "base", "expected"),
    [
        ("in 2014", "2019-12-03", ("2014", "year")),
        ("in March 2014", None, ("2014-03", "month")),
        ("on 10 March 2014", None, ("2014-03-10", "day")),
        ("in March", "2019-12-03", ("2019-03", "month")),
        ("in March", "2019-02-10", ("2018-03", "month")),  # the latest March not after the date
        ("on November 28", "2019-12-03", ("2019-11-28", "day")),
        ("on December 28", "2019-12-03", ("2018-12-28", "day")),
        ("on Monday", "2019-12-04", ("2019-12-02", "day")),  # a Wednesday article
        ("on Wednesday", "2019-12-04", ("2019-12-04", "day")),  # US style: the same day
        ("last Wednesday", "2019-12-04", ("2019-11-27", "day")),
        ("yesterday", "2019-12-01", ("2019-11-30", "day")),
        ("five years ago", "2019-12-03", ("2014", "year")),
        ("two months ago", "2019-01-15", ("2018-11", "month")),
        ("last year", "2019-12-03", ("2018", "year")),
        ("last month", "2019-01-03", ("2018-12", "month")),
        ("last week", "2019-12-12", ("2019-12", "month")),  # 2-8 December: inside one month
        ("last week", "2019-12-04", ("2019", "year")),  # 25 Nov - 1 Dec: two months
        ("last week", "2020-01-08", (None, "unknown")),  # 30 Dec - 5 Jan: two years
        ("today", "2019-12-03", ("2019-12-03", "day")),
        ("today", "2019", ("2019", "year")),  # the article date's own precision
        ("in the 1990s", "2019-12-03", (None, "unknown")),
        ("a decade ago", "2019-12-03", (None, "unknown")),
    ],
)
def test_expressions_resolve_with_honest_precision(
    phrase: str, base: str | None, expected: tuple[str | None, str]
) -> None:
    (expr,) = time.find_time_expressions(f"It happened {phrase}.")
    resolved = time.resolve(expr, time.parse_iso(base))
    assert resolved is not None
    got = (resolved.when.iso(), resolved.when.precision) if resolved.when else (None, "unknown")
    assert got == expected


@pytest.mark.parametrize(
    ("phrase", "base"),
    [
        ("on Monday", "2019-12"),  # a weekday needs the day
        ("yesterday", "2019"),
        ("in March", "2019"),
        ("on November 28", "2019"),
        ("today", None),
        ("five years ago", None),
    ],
)
def test_relative_expressions_need_enough_of_the_article_date(
    phrase: str, base: str | None
) -> None:
    (expr,) = time.find_time_expressions(f"It happened {phrase}.")
    assert time.resolve(expr, time.parse_iso(base)) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        ("2019-12", "2019-12"),
        ("2019-12-03", "2019-12-03"),
        ("2019-12-03T10:42:00Z", "2019-12-03"),
        ("Tue, 03 Dec 2019 10:42:00 GMT", "2019-12-03"),
    ],
)
def test_given_dates_are_read_with_their_precision(value: str, expected: str) -> None:
    when = time.parse_iso(value)
    assert when is not None and when.iso() == expected


@pytest.mark.parametrize("value", [None, "", "2019-13-01", "soon"])
def test_unreadable_given_dates_are_none(value: str | None) -> None:
    assert time.parse_iso(value) is None


# --------------------------------------------------------------------------------------------
# The article date
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        (
            "Bridge closes\n\nLEEDS, 4 March 2021 — The council closed the bridge today.",
            "2021-03-04",
            "day",
        ),
        (
            "Bridge closes\n\nPublished: 10:42 GMT, 3 December 2019\n\nThe council met today.",
            "2019-12-03",
            "day",
        ),
        ("Bridge closes\n\nTuesday 3 December 2019\n\nThe council met today.", "2019-12-03", "day"),
        (
            "Bridge closes\n\nThe bridge, opened on December 3, 2019, shut this week after a "
            "survey in 2018.",
            "2019-12-03",
            "day",
        ),
        (
            "Bridge closes\n\nThe plan, first drawn up in 2014, was revised in March 2016.",
            "2016-03",
            "month",
        ),
        ("Bridge closes\n\nThe works began in 2012 and the council met today.", "2012", "year"),
        (  # one event dated twice: the article speaks from 2012 + 5
            "Hale U-turn\n\nMs Hale was asked about the remarks she made six years ago. The "
            "row recalls remarks made by Ms Hale at a rally in Leeds in 2012.",
            "2018",
            "year",
        ),
        (  # the same verb, two different people: only the lower bound
            "Union row\n\nUnion leader Carla Venn visited the bus depot three years ago. Her "
            "predecessor, Tom Arkwright, visited the bus depot in 2009.",
            "2009",
            "year",
        ),
        (  # two different events: only the lower bound
            "Hale U-turn\n\nMs Hale was asked about the speech she gave six years ago. The "
            "row recalls remarks made by Ms Hale at a rally in Leeds in 2012.",
            "2012",
            "year",
        ),
    ],
)
def test_article_date_is_inferred_from_the_text(text: str, date: str, precision: str) -> None:
    doc = parse(text)
    dated_article = time.date_article(article(text, None), doc, ())
    assert (dated_article.date, dated_article.date_precision) == (date, precision)
    assert dated_article.date_source == "inferred"
    assert dated_article.metadata["date_inferred_from"]["text"] in text


@pytest.mark.parametrize(
    "text",
    [
        "Poll shifts\n\nA survey between November 28 and December 2 put the party ahead today.",
        "Poll shifts\n\nThe council met today and will meet again this week.",
        "Poll shifts\n\nSome 2000 people marched through the town this afternoon.",
    ],
)
def test_article_date_is_not_invented(text: str) -> None:
    doc = parse(text)
    dated_article = time.date_article(article(text, None), doc, ())
    assert dated_article.date is None
    assert (dated_article.date_source, dated_article.date_precision) == ("unknown", "unknown")


@pytest.mark.parametrize(
    "sentence",
    [
        "A decision was expected in the spring of 2031.",
        "The council said it would publish its review in 2031.",
        "The bridge will reopen in June 2031.",
    ],
)
def test_dates_in_clauses_looking_ahead_are_no_lower_bound(sentence: str) -> None:
    text = f"Bridge row\n\nThe bridge shut in 2017. {sentence}"
    dated_article = time.date_article(article(text, None), parse(text), ())
    assert (dated_article.date, dated_article.date_precision) == ("2017", "year")


def test_future_dates_and_trailers_do_not_bound_the_article_date() -> None:
    text = (
        "Summit set\n\nThe mayor, elected in 2017, said the summit will be held in June 2031.\n\n"
        "Read more: the 2024 budget"
    )
    trailer = text.index("Read more")
    doc = parse(text)
    dated_article = time.date_article(
        article(text, None), doc, (Removed(trailer, len(text), "trailer"),)
    )
    assert (dated_article.date, dated_article.date_precision) == ("2017", "year")


@pytest.mark.parametrize(
    ("given", "precision"), [("2019-12-03", "day"), ("2019-12", "month"), ("2019", "year")]
)
def test_a_given_date_is_kept_and_its_precision_filled(given: str, precision: str) -> None:
    text = "Headline\n\nLEEDS, 4 March 2021 — The council met today."
    doc = parse(text)
    dated_article = time.date_article(article(text, given), doc, ())
    assert (dated_article.date, dated_article.date_source) == (given, "option")
    assert dated_article.date_precision == precision


# --------------------------------------------------------------------------------------------
# Statement dates
# --------------------------------------------------------------------------------------------

DATE = "2023-05-10"  # a Wednesday


@dataclass(frozen=True)
class Case:
    text: str
    content: str
    cue: str | None
    expected: tuple[str | None, str]
    evidence: str | None


STATEMENT_CASES = {
    "said today": Case(
        "Ms Hale said today that the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (DATE, "day"),
        "today",
    ),
    "told this afternoon": Case(
        "Ms Hale told Radio Leeds this afternoon that the bridge was unsafe.",
        "the bridge was unsafe",
        "told",
        (DATE, "day"),
        "this afternoon",
    ),
    "plain said": Case(
        "Ms Hale said the bridge was unsafe.", "the bridge was unsafe", "said", (DATE, "day"), None
    ),
    "in 2014": Case(
        "In 2014, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2014", "year"),
        "2014",
    ),
    "on Monday": Case(
        "Ms Hale said on Monday that the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2023-05-08", "day"),
        "on Monday",
    ),
    "last week": Case(
        "Ms Hale said last week that the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2023-05", "month"),
        "last week",
    ),
    "five years ago": Case(
        "Ms Hale said five years ago that the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2018", "year"),
        "five years ago",
    ),
    "in March": Case(
        "Ms Hale warned in March that the bridge was unsafe.",
        "the bridge was unsafe",
        "warned",
        ("2023-03", "month"),
        "in March",
    ),
    "rally in 2014": Case(
        "At a rally in Hull in 2014, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2014", "year"),
        "2014",
    ),
    "speaking in 1999": Case(
        "Speaking in 1999, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("1999", "year"),
        "1999",
    ),
    "during the campaign": Case(
        "During the 2016 campaign, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2016", "year"),
        "2016",
    ),
    "last year": Case(
        "Ms Hale claimed last year that the bridge was unsafe.",
        "the bridge was unsafe",
        "claimed",
        ("2022", "year"),
        "last year",
    ),
    "decade": Case(
        "In the 1990s, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (None, "unknown"),
        "the 1990s",
    ),
    "previously": Case(
        "Ms Hale has previously said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (None, "unknown"),
        "previously",
    ),
    "time words inside the quote do not count": Case(
        "‘In 2010 we were wrong about the bridge,’ Ms Hale said.",
        "In 2010 we were wrong about the bridge",
        "said",
        (DATE, "day"),
        None,
    ),
    "time words inside the reported speech do not count": Case(
        "Ms Hale said today that the bridge had been unsafe since 2010.",
        "the bridge had been unsafe since 2010",
        "said",
        (DATE, "day"),
        "today",
    ),
    "an undated event is unknown, never the article date": Case(
        "A year before she became party leader, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (None, "unknown"),
        "A year before",
    ),
    "a dated event is resolved": Case(
        "Ms Hale became party leader in 2012.\n\nA year before she became party leader, "
        "Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2011", "year"),
        "A year before",
    ),
    "a year before her appointment, dated by 'became'": Case(
        "Ms Hale became transport minister in 2020.\n\nA year before her appointment, "
        "Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        ("2019", "year"),
        "A year before",
    ),
    "as recently as March": Case(
        "Ms Hale said today that the bridge was safe.\n\nAs recently as March, Ms Hale told "
        "engineers that the bridge was unsafe.",
        "the bridge was unsafe",
        "told",
        ("2023-03", "month"),
        "As recently as March",
    ),
    "the statement is the event: five years after warning": Case(
        "Ms Hale today reopened the bridge, five years after warning that it was unsafe.",
        "it was unsafe",
        "warning",
        ("2018", "year"),
        "five years after",
    ),
    "six months after warning: a month": Case(
        "Ms Hale today reopened the bridge, six months after warning that it was unsafe.",
        "it was unsafe",
        "warning",
        ("2022-11", "month"),
        "six months after",
    ),
    "someone else's career event dates nothing": Case(
        "Her brother became a doctor in 2009.\n\nA year before her election, Ms Hale said "
        "the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (None, "unknown"),
        "A year before",
    ),
    "a name in the possessive is no month": Case(
        "In May's absence, her deputy Ms Hale said today the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (DATE, "day"),
        "today",
    ),
    "an event nobody dates stays unknown": Case(
        "A year before her appointment, Ms Hale said the bridge was unsafe.",
        "the bridge was unsafe",
        "said",
        (None, "unknown"),
        "A year before",
    ),
}


@pytest.mark.parametrize("case", STATEMENT_CASES.values(), ids=STATEMENT_CASES.keys())
def test_statement_dates(case: Case) -> None:
    text = "Bridge row\n\n" + case.text
    (said_on,) = dated(text, DATE, quote(text, case.content, case.cue))
    assert (said_on.date, said_on.precision) == case.expected
    assert (said_on.evidence.text if said_on.evidence else None) == case.evidence
    if said_on.evidence:
        assert text[said_on.evidence.start : said_on.evidence.end] == said_on.evidence.text


def test_an_article_year_read_off_one_event_dated_twice_dates_the_present() -> None:
    text = ("Hale U-turn\n\nMs Hale said the bridge was unsafe. She was asked about the remarks "
            "she made six years ago. The row recalls remarks made by Ms Hale in 2012.")
    doc = parse(text)
    dated_article = time.date_article(article(text, None), doc, ())
    (dated_quote,) = time.date_quotes(doc, [quote(text, "the bridge was unsafe", "said")],
                                      dated_article, ())
    assert (dated_quote.said_on.date, dated_quote.said_on.precision) == ("2018", "year")


def test_present_statements_are_unknown_when_the_article_date_is() -> None:
    text = "Bridge row\n\nMs Hale said today that the bridge was unsafe."
    (said_on,) = dated(text, None, quote(text, "the bridge was unsafe", "said"))
    assert (said_on.date, said_on.precision) == (None, "unknown")


def test_absolute_dates_need_no_article_date() -> None:
    text = "Bridge row\n\nMs Hale said in 2014 that the bridge was unsafe."
    doc = parse(text)
    (q,) = time.date_quotes(
        doc, [quote(text, "the bridge was unsafe", "said")], Article(id="t", text=text), ()
    )
    assert (q.said_on.date, q.said_on.precision) == ("2014", "year")


PAST_OCCASION = (
    "Bridge row\n\n"
    "Ms Hale today backed the new bridge.\n\n"
    "Her support is at odds with comments made by Ms Hale at a rally in Hull in 2014.\n\n"
    "Addressing the crowd, Ms Hale said the old bridge should be kept.\n\n"
    "‘It is part of who we are,’ she said.\n\n"
    "The veteran councillor then claimed that engineers were exaggerating.\n\n"
    "This week she said the new bridge was the right choice.\n\n"
    "‘I have changed my mind,’ she said."
)


@pytest.mark.parametrize(
    ("content", "cue", "after", "expected"),
    [
        ("the old bridge should be kept", "said", "", ("2014", "year")),
        ("It is part of who we are", "said", "", ("2014", "year")),
        ("engineers were exaggerating", "claimed", "", ("2014", "year")),
        ("the new bridge was the right choice", "said", "", ("2023-05", "month")),  # this week
        ("I have changed my mind", "said", "This week", (DATE, "day")),  # back in the present
    ],
)
def test_a_past_occasion_carries_until_the_text_returns_to_the_present(
    content: str, cue: str, after: str, expected: tuple[str, str]
) -> None:
    text = PAST_OCCASION
    (said_on,) = dated(text, DATE, quote(text, content, cue, after))
    assert (said_on.date, said_on.precision) == expected


def test_a_new_occasion_replaces_the_old_one() -> None:
    text = (
        "Bridge row\n\nAt a rally in 2014, Ms Hale said the bridge should stay.\n\n"
        "‘It is ours,’ she said.\n\nIn a speech in 2019, she argued the bridge should go.\n\n"
        "‘It is unsafe,’ she said."
    )
    results = dated(
        text, DATE, quote(text, "It is ours", "said"), quote(text, "It is unsafe", "said", "2019")
    )
    assert [(s.date, s.precision) for s in results] == [("2014", "year"), ("2019", "year")]


def test_a_present_tense_says_returns_to_the_present() -> None:
    text = (
        "Bridge row\n\nAt a rally in 2014, Ms Hale said the bridge should stay.\n\n"
        "Ms Hale says the bridge must now go.\n\n‘It is unsafe,’ she said."
    )
    results = dated(
        text,
        DATE,
        quote(text, "the bridge must now go", "says"),
        quote(text, "It is unsafe", "said", "says"),
    )
    assert [(s.date, s.precision) for s in results] == [(DATE, "day"), (DATE, "day")]


SPEAKERS = (
    "Bridge row\n\nAt a rally in Hull in 2014, Ms Hale said the bridge should stay.\n\n"
    "‘It is ours,’ she said.\n\n"
    "Councillor Tom Reyes said the bridge was unsafe."
)


@pytest.mark.parametrize(
    ("content", "speaker", "expected"),
    [
        ("It is ours", "Jo Hale", ("2014", "year")),  # the speaker of the occasion
        ("It is ours", None, ("2014", "year")),  # unresolved: the occasion carries
        ("the bridge was unsafe", "Tom Reyes", (DATE, "day")),  # someone else: the present
    ],
)
def test_a_past_occasion_belongs_to_its_speaker(
    content: str, speaker: str | None, expected: tuple[str, str]
) -> None:
    text = SPEAKERS
    said = replace(quote(text, content, "said"), speaker=Speaker(name=speaker, type="person"))
    first = replace(quote(text, "the bridge should stay", "said"), speaker=Speaker(name="Jo Hale"))
    results = dated(text, DATE, first, said)
    assert [(s.date, s.precision) for s in results] == [("2014", "year"), expected]


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        (  # a clause describing the speaker is background, not the occasion
            "Ms Hale, who in 2009 called for the bridge to close, said today she had changed her "
            "mind.\n\n‘The facts changed,’ she said.",
            "The facts changed",
            "said",
            ("2023", "year"),
        ),
        (  # a present-tense narrative sentence returns to the present
            "At a rally in 2014, Ms Hale said the bridge should stay.\n\n"
            "Not everyone is convinced.\n\n‘It is unsafe,’ she said.",
            "It is unsafe",
            "said",
            ("2023", "year"),
        ),
        (  # a dated document dates what it says, not the statements after it
            "The council’s 2019 transport plan stated that the bridge would stay.\n\n"
            "Asked whether that still stood, a spokesman said only that the plan was under review.",
            "the plan was under review",
            "said",
            ("2023", "year"),
        ),
        (  # ... but it does date what the document says
            "The council’s 2019 transport plan stated that the bridge would stay.",
            "the bridge would stay",
            "stated",
            ("2019", "year"),
        ),
        (  # a new occasion that cannot be dated is unknown, not the old one
            "At a rally in 2014, Ms Hale said the bridge should stay.\n\n"
            "Asked on Thursday whether she still thought so, she said she did not.",
            "she did not",
            "said",
            (None, "unknown"),
        ),
    ],
)
def test_the_narrative_leaves_a_past_occasion(
    text: str, content: str, cue: str, expected: tuple[str | None, str]
) -> None:
    text = "Bridge row\n\n" + text
    # An article known only to its year: the present is "2023", a weekday cannot be placed.
    (said_on,) = dated(text, "2023", quote(text, content, cue, "\n\n"))
    assert (said_on.date, said_on.precision) == expected


HEARING = (
    "Bridge row\n\n"
    "A council inquiry into the bridge heard on Monday from engineers and residents.\n\n"
    "Engineer Tom Reyes told the panel that the bridge was unsafe.\n\n"
    "Resident Ann Patel said the repairs were overdue.\n\n"
    "Asked whether she would move, Ms Patel said she would stay.\n\n"
    "The Bridge Society said in a statement that it backed the repairs."
)


@pytest.mark.parametrize(
    ("content", "cue", "speaker", "expected"),
    [
        ("the bridge was unsafe", "told", "Tom Reyes", ("2023-05-08", "day")),
        ("the repairs were overdue", "said", "Ann Patel", ("2023-05-08", "day")),  # another speaker
        ("she would stay", "said", "Ann Patel", ("2023-05-08", "day")),  # a question put there
        ("it backed the repairs", "said", "Bridge Society", (DATE, "day")),  # 'in a statement'
    ],
)
def test_the_news_event_carries_across_speakers_and_questions(
    content: str, cue: str, speaker: str, expected: tuple[str, str]
) -> None:
    text = HEARING
    assert date_and_precision(text, content, cue, speaker) == expected


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        (  # a question put now ends a recalled occasion
            "In 2014, Ms Hale said the bridge should stay.\n\n"
            "Asked whether she had been wrong, Ms Hale said she had not.",
            "she had not",
            "said",
            (DATE, "day"),
        ),
        (  # a report's date dates what the report says...
            "A survey published on Monday found that the bridge was unsafe.",
            "the bridge was unsafe",
            "found",
            ("2023-05-08", "day"),
        ),
        (  # a partial quote with no cue is dated by the clause that governs it
            "A survey published on Monday said the bridge was ‘unsafe’.",
            "unsafe",
            None,
            ("2023-05-08", "day"),
        ),
        (  # ... and not what is said after it
            "A survey published on Monday found that the bridge was unsafe.\n\n"
            "Asked about the survey, Ms Hale said it was flawed.",
            "it was flawed",
            "said",
            (DATE, "day"),
        ),
        (  # a statement in a clause describing the speaker has no date of its own
            "Ms Hale, who has called for the bridge to close, said today that she would vote.",
            "the bridge to close",
            "called",
            (None, "unknown"),
        ),
        (  # ... unless the clause gives one
            "Ms Hale, who in 2014 called for the bridge to close, said today that she would vote.",
            "the bridge to close",
            "called",
            ("2014", "year"),
        ),
        (  # the main statement is not dated by the clause describing its speaker
            "Ms Hale, who in 2014 called for the bridge to close, said today that she would vote.",
            "she would vote",
            "said",
            (DATE, "day"),
        ),
    ],
)
def test_questions_documents_and_background_clauses(
    text: str, content: str, cue: str | None, expected: tuple[str | None, str]
) -> None:
    text = "Bridge row\n\n" + text
    (said_on,) = dated(text, DATE, quote(text, content, cue, "\n\n"))
    assert (said_on.date, said_on.precision) == expected


def test_an_inferred_lower_bound_is_not_the_day_statements_are_dated_from() -> None:
    text = "Bridge row\n\nThe bridge, built in 1911, is unsafe, Ms Hale said today."
    doc = parse(text)
    art = time.date_article(article(text, None), doc, ())
    assert (art.date, art.date_precision) == ("1911", "year")
    (q,) = time.date_quotes(
        doc, [quote(text, "The bridge, built in 1911, is unsafe", "said")], art, ()
    )
    assert (q.said_on.date, q.said_on.precision) == (None, "unknown")


def test_removed_captions_do_not_interrupt_a_past_occasion() -> None:
    text = (
        "Bridge row\n\nAt a rally in Hull in 2014, Ms Hale said the bridge should stay.\n\n"
        "Ms Hale, pictured in Leeds today, backs the new bridge\n\n"
        "‘It is ours,’ she said."
    )
    start = text.index("Ms Hale, pictured")
    caption = Removed(start, text.index("\n\n", start), "caption")
    (said_on,) = dated(text, DATE, quote(text, "It is ours", "said"), removed=(caption,))
    assert (said_on.date, said_on.precision) == ("2014", "year")


QUESTION = (
    "Bridge row\n\n"
    "Ms Hale was grilled in an interview today.\n\n"
    "Ms Hale was then asked if she stood by the comments she made just three years ago "
    "when she said she wanted the bridge demolished.\n\n"
    "She said: ‘The bridge has served us well.’"
)


@pytest.mark.parametrize(
    ("content", "cue", "after", "expected"),
    [
        ("she wanted the bridge demolished", "said", "", ("2020", "year")),
        ("The bridge has served us well.", "said", "She said", (DATE, "day")),
    ],
)
def test_a_past_statement_inside_a_question_is_dated_but_the_answer_is_present(
    content: str, cue: str, after: str, expected: tuple[str, str]
) -> None:
    text = QUESTION
    (said_on,) = dated(text, DATE, quote(text, content, cue, after))
    assert (said_on.date, said_on.precision) == expected


def test_statements_keep_everything_else() -> None:
    text = "Bridge row\n\nMs Hale said the bridge was unsafe."
    original = quote(text, "the bridge was unsafe", "said")
    doc = parse(text)
    (q,) = time.date_quotes(doc, [original], article(text, DATE), ())
    assert (q.id, q.content, q.cue, q.speaker) == (
        original.id,
        original.content,
        original.cue,
        original.speaker,
    )
    assert time.date_quotes(doc, [], article(text, DATE), ()) == []


# --------------------------------------------------------------------------------------------
# The worked example (read from /work/shared, never copied)
# --------------------------------------------------------------------------------------------


@pytest.fixture
def example(example_text: str) -> str:
    """The worked example, from the shared folder (skipped when it is absent; see conftest)."""
    return example_text


# (content phrase, cue, text after which to look) for the statements of the recalled speech
PAST_SPEECH = [
    ("it was set up to", "claimed", ""),
    ("he believed Nato needed", "said", "Addressing the crowd"),
    ("was founded in order", "claimed", "Addressing the crowd"),
    ("Nato should have", "said", "Speaking a year"),
    ("It did not happen because", "said", "Speaking a year"),
    ("Nato was ", "claimed", "The veteran"),
    ("Why don", "said", "The veteran"),
]
# answers in the radio interview
INTERVIEW = [
    ("Our party recognises", "said", ""),
    ("supporting continued Nato membership", "said", ""),
    ("What I want to do", "continued", ""),
    ("It is a Cold War product", "said", ""),
    ("Our manifesto says that", "said", ""),
    ("With the greatest respect", "replied", ""),
    ("I am the leader of the Labour Party", "added", ""),
]


def _example_quotes(text: str, specs: list[tuple[str, str, str]]) -> list[Quote]:
    return [quote(text, content, cue, after) for content, cue, after in specs]


def _removed(text: str, cleaned: bool) -> list[Removed]:
    """The clean stage's spans, or none: the dates must not depend on the sidebar being found."""
    return clean.find_boilerplate(text) if cleaned else []


@pytest.mark.parametrize("cleaned", [True, False], ids=["cleaned", "uncleaned"])
@pytest.mark.parametrize("given", ["2019-12-03", None])
def test_example_recalled_speech_is_dated_2014(
    example: str, given: str | None, cleaned: bool
) -> None:
    quotes = _example_quotes(example, PAST_SPEECH)
    results = dated(example, given, *quotes, removed=_removed(example, cleaned))
    assert [(s.date, s.precision) for s in results] == [("2014", "year")] * len(PAST_SPEECH)


@pytest.mark.parametrize("cleaned", [True, False], ids=["cleaned", "uncleaned"])
def test_example_interview_answers_are_dated_the_article_date(example: str, cleaned: bool) -> None:
    quotes = _example_quotes(example, INTERVIEW)
    results = dated(example, "2019-12-03", *quotes, removed=_removed(example, cleaned))
    assert [(s.date, s.precision) for s in results] == [("2019-12-03", "day")] * len(INTERVIEW)


def test_example_comments_recalled_in_a_question_are_five_years_back(example: str) -> None:
    (said_on,) = dated(
        example, "2019-12-03", quote(example, "he wanted Nato to be scrapped", "said")
    )
    assert (said_on.date, said_on.precision) == ("2014", "year")


@pytest.mark.parametrize("cleaned", [True, False], ids=["cleaned", "uncleaned"])
def test_example_inferred_date_is_not_earlier_than_any_stated_date(
    example: str, cleaned: bool
) -> None:
    doc = parse(example)
    removed = _removed(example, cleaned)
    dated_article = time.date_article(Article(id="corbyn", text=example), doc, removed)
    assert dated_article.date is not None and dated_article.date_source == "inferred"
    inferred = time.parse_iso(dated_article.date)
    assert inferred is not None
    stated = [
        e.when
        for e in time.find_time_expressions(example)
        if e.kind == "date" and e.when is not None
    ]
    assert stated and all(inferred.first_day() >= w.first_day() for w in stated)


# A news event that is not a gathering ("voted on Monday") is its doers' occasion: someone else
# quoted next, without a date of their own, is speaking now; one who "told the meeting" spoke
# there.
VOTE = (
    "Council cuts parking charges\n\n"
    "Harwood Council's cabinet voted to cut parking charges at a meeting on Monday.\n\n"
    "Traders' leader Tom Reyes said the cut was long overdue.\n\n"
    "Councillor Ann Patel told the meeting that the charges had emptied the high street.\n\n"
)


@pytest.mark.parametrize(
    ("content", "cue", "speaker", "expected"),
    [
        ("the cut was long overdue", "said", "Tom Reyes", (DATE, "day")),
        ("the charges had emptied the high street", "told", "Ann Patel", ("2023-05-08", "day")),
    ],
)
def test_a_news_event_that_is_no_gathering_is_its_doers_occasion(
    content: str, cue: str, speaker: str, expected: tuple[str, str]
) -> None:
    assert date_and_precision(VOTE, content, cue, speaker) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A deadline or the start of a plan is stated long before it comes.
        "Car ban stays\n\nThe government met in 2019 and said the ban on new petrol cars starts "
        "from 2030.",
        "Airport plans\n\nThe airport was sold in 2019. It wants 24 million passengers by 2040.",
        # A speaker's target date in the present tense.
        "Car ban stays\n\nThe plan was drawn up in 2019. 'Everyone has known about 2030 for "
        "years,' said Tom Reyes.",
    ],
)
def test_plans_and_targets_are_no_bound_on_the_article_date(text: str) -> None:
    dated_article = time.date_article(article(text, None), parse(text), ())
    assert dated_article.date == "2019"


# A speaker who names the occasion ("during the markup", "at the same session", "in the same
# debate") spoke there; a debate a later paragraph mentions is one speaker's occasion, not the
# news event everyone quoted after it spoke at.
MARKUP = (
    "Panel advances app ban\n\n"
    "A House committee voted 31-19 on Monday to advance a bill that would ban the app.\n\n"
    "'This is not about dance videos,' Rep. Tom Reyes said during the markup.\n\n"
    "Rep. Ann Patel said at the same session that the app should not be banned.\n\n"
    "The Digital Rights Union said the bill was a disaster.\n\n"
)
VOUCHERS = (
    "Senate passes voucher bill\n\n"
    "The state Senate on Monday approved a bill that would give families vouchers.\n\n"
    "Sen. Tom Reyes told colleagues during Monday's debate that vouchers would help parents.\n\n"
    "The teachers' union said the bill would drain money from public schools.\n\n"
)


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "expected"),
    [
        (MARKUP, "This is not about dance videos,", "said", "Tom Reyes", ("2023-05-08", "day")),
        (MARKUP, "the app should not be banned", "said", "Ann Patel", ("2023-05-08", "day")),
        (MARKUP, "the bill was a disaster", "said", "Digital Rights Union", (DATE, "day")),
        (VOUCHERS, "the bill would drain money from public schools", "said", "teachers' union",
         (DATE, "day")),
    ],
)
def test_who_spoke_at_the_occasion_and_who_is_reacting_now(
    text: str, content: str, cue: str, speaker: str, expected: tuple[str, str]
) -> None:
    assert date_and_precision(text, content, cue, speaker) == expected


METERS = (
    "Water meters for every home\n\n"
    "Every household will have a water meter by 2027 under plans confirmed on Monday by the "
    "Minister for Housing, Ciaran Maguire.\n\n"
    "Speaking in parliament, Mr Maguire said the rollout would cost 480 million.\n\n"
    "He insisted that households would not be charged for normal use.\n\n"
    "Ms Aoife Brennan said afterwards that her party would oppose the rollout.\n\n"
    "The bid committee, Halverton 2040, said the meters were a good idea.\n\n"
)


@pytest.mark.parametrize(
    ("content", "cue", "speaker", "expected"),
    [
        # The minister named in the lead's news event is its doer: his words carry its day.
        ("households would not be charged for normal use", "insisted", "Ciaran Maguire",
         ("2023-05-08", "day")),
        # "said afterwards": just after the occasion, the same day.
        ("her party would oppose the rollout", "said", "Aoife Brennan", ("2023-05-08", "day")),
        # A year in a name ("Halverton 2040") dates nothing.
        ("the meters were a good idea", "said", "Halverton 2040", (DATE, "day")),
    ],
)
def test_the_lead_events_doer_and_who_spoke_just_after(
    content: str, cue: str, speaker: str, expected: tuple[str, str]
) -> None:
    assert date_and_precision(METERS, content, cue, speaker) == expected

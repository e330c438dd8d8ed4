"""The worked example, end to end (../shared/examples/corbyn-nato-2019.txt, never copied here).

What a careful reader finds in it, written down once: every statement with its speaker, the
2014 speech dated 2014 and against NATO, the 2019 radio answers dated on the article date and
not against NATO, three questions the protagonist did not answer, and the position change.
The code under test knows nothing of this article: the same rules run on every article.
"""

from __future__ import annotations

import pytest

from onrecord.compare import QuoteRecord, find_changes, statements_from_records
from onrecord.models import AnalyzedArticle, Quote

ARTICLE_DATE = "2019-12-03"
PROTAGONIST = "Jeremy Corbyn"

# (words inside the statement, who said it)
STATEMENTS = [
    ("it was set up to ‘promote’ the Cold War", PROTAGONIST),
    ("close down", PROTAGONIST),
    ("Our party recognises that we are members of Nato", PROTAGONIST),
    ("had been ‘accepted by the party’", PROTAGONIST),
    ("What I want to do is make sure we use our membership of Nato", PROTAGONIST),
    ("I do think Nato has issues to face", PROTAGONIST),
    ("It is a Cold War product", PROTAGONIST),
    ("We will be members of it", PROTAGONIST),
    ("Our manifesto says that we will play a constructive role", PROTAGONIST),
    ("I feel your heart is not in this", "Jeremy Vine"),
    ("With the greatest respect, Jeremy, you can’t see into my heart", PROTAGONIST),
    ("whenever I ask you a question, you say what your manifesto says", "Jeremy Vine"),
    ("I am the leader of the Labour Party", PROTAGONIST),
    ("our enemies", "Boris Johnson"),
    ("we will maintain our commitment to NATO", None),  # the manifesto: a document
    ("taken to task", PROTAGONIST),
    ("was founded in order to promote a cold war", PROTAGONIST),
    ("shut up shop", PROTAGONIST),
    ("It did not happen because the Nato leadership", PROTAGONIST),
    ("an engine for the delivery of oil", PROTAGONIST),
    ("Why don’t we turn it around, close down Nato", PROTAGONIST),
]
SPEECH_2014 = [
    "it was set up to ‘promote’ the Cold War", "close down", "taken to task",
    "was founded in order to promote a cold war", "shut up shop",
    "It did not happen because the Nato leadership", "an engine for the delivery of oil",
    "Why don’t we turn it around, close down Nato",
]
RADIO_2019 = [
    "Our party recognises that we are members of Nato",
    "What I want to do is make sure we use our membership of Nato",
    "It is a Cold War product", "We will be members of it",
    "Our manifesto says that we will play a constructive role",
    "I am the leader of the Labour Party",
]


@pytest.fixture(scope="module")
def analyzed(example_text: str) -> AnalyzedArticle:
    import onrecord

    return onrecord.analyze(example_text, date=ARTICLE_DATE, id="example")


def quote_with(analyzed: AnalyzedArticle, words: str) -> Quote:
    found = [q for q in analyzed.quotes if words in q.content.text]
    assert found, f"no statement contains {words!r}"
    return min(found, key=lambda q: len(q.content.text))


def nato_stance(quote: Quote) -> str | None:
    for topic in quote.topics:
        if topic.name.casefold() in {"nato", "the alliance"}:
            return topic.stance
    return None


@pytest.mark.parametrize(("words", "speaker"), STATEMENTS)
def test_every_statement_is_found_with_its_speaker(
    analyzed: AnalyzedArticle, words: str, speaker: str | None
) -> None:
    quote = quote_with(analyzed, words)
    if speaker is None:
        assert quote.speaker.type == "document"
    else:
        assert quote.speaker.name == speaker


def test_nobody_merely_mentioned_or_named_inside_a_quote_is_a_speaker(
    analyzed: AnalyzedArticle,
) -> None:
    names = {q.speaker.name for q in analyzed.quotes}
    assert not names & {"Stoltenberg", "Jens Stoltenberg", "Emmanuel Macron", "Donald Trump",
                        "Jeremy", "Macron", "Trump"}
    for quote in analyzed.quotes:
        mention = quote.speaker.mention
        if mention is not None:
            assert not quote.content.overlaps(mention.start, mention.end)


def test_nothing_is_taken_from_captions_the_sidebar_or_the_trailer(
    analyzed: AnalyzedArticle,
) -> None:
    assert {r.reason for r in analyzed.removed} == {"caption", "sidebar", "trailer"}
    for quote in analyzed.quotes:
        for removed in analyzed.removed:
            assert not quote.content.overlaps(removed.start, removed.end), quote.content.text


def test_a_quote_over_three_paragraphs_is_one_statement(analyzed: AnalyzedArticle) -> None:
    quote = quote_with(analyzed, "It is a Cold War product")
    assert "We will be members of it" in quote.content.text
    assert quote.content.text.count("\n") >= 4


@pytest.mark.parametrize("words", SPEECH_2014)
def test_the_2014_speech_is_dated_2014_and_against_nato(
    analyzed: AnalyzedArticle, words: str
) -> None:
    quote = quote_with(analyzed, words)
    assert (quote.said_on.date, quote.said_on.precision) == ("2014", "year")
    assert nato_stance(quote) == "against"


@pytest.mark.parametrize("words", RADIO_2019)
def test_the_2019_radio_answers_are_dated_today_and_not_against_nato(
    analyzed: AnalyzedArticle, words: str
) -> None:
    quote = quote_with(analyzed, words)
    assert quote.said_on.date == ARTICLE_DATE
    assert nato_stance(quote) != "against"


@pytest.mark.parametrize(
    ("words", "voice"),
    [("Our party recognises", "party"), ("Our manifesto says", "party"),
     ("Why don’t we turn it around", "personal")],
)
def test_party_voice(analyzed: AnalyzedArticle, words: str, voice: str) -> None:
    assert quote_with(analyzed, words).voice == voice


def test_three_questions_from_the_interviewer_none_answered(analyzed: AnalyzedArticle) -> None:
    questions = analyzed.questions
    assert len(questions) == 3
    for question in questions:
        assert (question.asker, question.addressee) == ("Jeremy Vine", PROTAGONIST)
        assert question.outcome in {"evaded", "declined"}
        assert question.evidence is not None and "refused" in question.evidence.text


def test_the_position_change_on_nato(analyzed: AnalyzedArticle) -> None:
    records = [QuoteRecord("example", ARTICLE_DATE, q.to_json()) for q in analyzed.quotes]
    changes, _ = find_changes(statements_from_records(records))
    mine = [c for c in changes if c.speaker == PROTAGONIST and c.topic.casefold() == "nato"]
    assert len(mine) == 1
    change = mine[0]
    assert (change.before.said_on, change.from_position) == ("2014", "against")
    assert change.after.said_on == ARTICLE_DATE
    assert change.to_position in {"favor", "favor (party)"}


def test_without_a_date_the_article_date_is_inferred_not_invented(example_text: str) -> None:
    import onrecord

    analyzed = onrecord.analyze(example_text, id="example")
    article = analyzed.article
    assert article.date_source in {"inferred", "unknown"}
    if article.date is not None:
        assert article.date >= "2014"  # the latest year the text states
    # "the comments he made just five years ago" are the "comments made ... in 2014": a careful
    # reader knows the article speaks from 2019, and so are its radio answers.
    assert (article.date, article.date_precision) == ("2019", "year")
    answers = [q for q in analyzed.quotes if "heart" in q.content.text]
    assert answers and all(q.said_on.date == "2019" for q in answers)

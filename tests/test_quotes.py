"""The quotes stage, as a reader would check it: who said what, with which words.

Each case is a sentence written for these tests (fictional people). A case gives the
statements expected as (kind, content, cue, mention); negatives expect nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from onrecord.models import Quote, Removed
from onrecord.parse import load_nlp
from onrecord.quotes import extract_quotes

EXAMPLE = Path("/work/shared/examples/corbyn-nato-2019.txt")

Expected = tuple[str, str, str, str | None]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def found(nlp: Language, text: str, removed: tuple[Removed, ...] = ()) -> list[Quote]:
    return extract_quotes(nlp(text), list(removed))


def summary(quote: Quote) -> Expected:
    mention = quote.speaker.mention.text if quote.speaker.mention else None
    return (quote.kind, quote.content.text, quote.cue.text if quote.cue else "", mention)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Ms Adeyemi said: "We will raise taxes."',
            [("direct", "We will raise taxes.", "said", "Ms Adeyemi")],
            id="straight double marks, colon",
        ),
        pytest.param(
            "He said: ‘The budget is balanced.’",
            [("direct", "The budget is balanced.", "said", "He")],
            id="British single marks, colon",
        ),
        pytest.param(
            "‘We will win the vote,’ Mrs Okafor added.",
            [("direct", "We will win the vote", "added", "Mrs Okafor")],
            id="quote first",
        ),
        pytest.param(
            "‘Hello,’ said Ms Brandt.",
            [("direct", "Hello", "said", "Ms Brandt")],
            id="quote first, verb before the name",
        ),
        pytest.param(
            "“We will win,” she said, “and we will do it soon.”",
            [("direct", "We will win,” she said, “and we will do it soon.", "said", "she")],
            id="interrupted quote is one statement with one cue",
        ),
        pytest.param(
            '"If you look at it," Ms Rowe said, "I do not believe our positions are different."',
            [("direct", 'If you look at it," Ms Rowe said, "I do not believe our positions are '
              'different.', "said", "Ms Rowe")],
            id="interrupted quote whose second half the verb introduces is one statement",
        ),
        pytest.param(
            '"We will win," she said. Later, at a rally, she said: "We will lose the seat."',
            [("direct", "We will win", "said", "she"),
             ("direct", "We will lose the seat.", "said", "she")],
            id="two quotes with two cues stay two statements",
        ),
        pytest.param(
            "“Jeremy, you can’t see into my heart,” Mr Okafor replied.",
            [("direct", "Jeremy, you can’t see into my heart", "replied", "Mr Okafor")],
            id="a name inside the quote is an addressee, not the speaker",
        ),
        pytest.param(
            "In 2014 he claimed the treaty was set up to ‘promote’ conflict.",
            [("partial", "the treaty was set up to ‘promote’ conflict", "claimed", "he")],
            id="partial quote: the reported clause, not the quoted word",
        ),
        pytest.param(
            "Ms Brandt said the deal was ‘a disaster’ for farmers.",
            [("partial", "the deal was ‘a disaster’ for farmers", "said", "Ms Brandt")],
            id="partial quote inside said",
        ),
        pytest.param(
            "The minister insisted that the budget was balanced.",
            [("indirect", "that the budget was balanced", "insisted", "The minister")],
            id="insisted that",
        ),
        pytest.param(
            "Mr Dlamini warned that prices would rise.",
            [("indirect", "that prices would rise", "warned", "Mr Dlamini")],
            id="warned that",
        ),
        pytest.param(
            "She told reporters that the plan was dead.",
            [("indirect", "that the plan was dead", "told", "She")],
            id="told X that",
        ),
        pytest.param(
            "He denied that he had met the donor.",
            [("indirect", "that he had met the donor", "denied", "He")],
            id="denied that",
        ),
        pytest.param(
            "The union called for a public inquiry.",
            [("indirect", "a public inquiry", "called for", "The union")],
            id="called for",
        ),
        pytest.param(
            "According to the council, the road will reopen in May.",
            [("indirect", "the road will reopen in May.", "According to", "the council")],
            id="according to",
        ),
        pytest.param(
            "The council argued that the fees were fair, adding that no one had complained.",
            [
                ("indirect", "that the fees were fair", "argued", "The council"),
                ("indirect", "that no one had complained", "adding", "The council"),
            ],
            id="a participle borrows the subject",
        ),
    ],
)
def test_statements(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("She watched a film called ‘Jaws’ last night.", id="title in marks"),
        pytest.param("The so-called ‘reform’ passed in June.", id="scare quotes"),
        pytest.param("The ’90s were good for the students’ union.", id="apostrophes"),
        pytest.param("The mayor WON’T comment on Labour’s plans.", id="apostrophes in words"),
        pytest.param("Read more at Example.com", id="boilerplate"),
    ],
)
def test_no_statement(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“We are ready,” said Mr Dale, a farmer who has grown barley near the river for "
            "forty years and chairs the parish council. “The town needs this bridge.”",
            [
                ("direct", "We are ready", "said", "Mr Dale"),
                ("direct", "The town needs this bridge.", "said", "Mr Dale"),
            ],
            id="a long description between two quotes: two statements, one cue",
        ),
        pytest.param(
            "“I have photos of her in our albums,” Ms Paradis said, looking away. "
            "“We all get along well here.”",
            [("direct", "I have photos of her in our albums,” Ms Paradis said, looking away. "
              "“We all get along well here.", "said", "Ms Paradis")],
            id="a scene-setting verb does not end an interrupted quote",
        ),
        pytest.param(
            "“Of course we will publish the figures,” Mr Hale said on Radio Kingsway’s "
            "“Morning Call”.",
            [("direct", "Of course we will publish the figures", "said", "Mr Hale")],
            id="a title after the cue is not more of the quote",
        ),
        pytest.param(
            "“If you are listening, I hope you find the letters.” Ms Ito said.",
            [("direct", "If you are listening, I hope you find the letters.", "said", "Ms Ito")],
            id="a quote closed by a full stop, then only its tag",
        ),
        pytest.param(
            "“We have started the talks,” Mr Dale said, adding of the mayor, "
            "“She cares about the town.”",
            [
                ("direct", "We have started the talks", "said", "Mr Dale"),
                ("direct", "She cares about the town.", "adding", "Mr Dale"),
            ],
            id="the second quote takes the free speech verb, not the first quote's cue",
        ),
        pytest.param(
            "Ms Ito said the fees were fair.\n\n“Nobody has complained to us about them.”",
            [
                ("indirect", "the fees were fair", "said", "Ms Ito"),
                ("direct", "Nobody has complained to us about them.", "said", "Ms Ito"),
            ],
            id="a running quote with no cue continues the current speaker",
        ),
        pytest.param(
            "The figures appear to be wrong.",
            [("indirect", "The figures appear to be wrong", "appear", None)],
            id="a raising verb keeps its subject in the content and names nobody",
        ),
        pytest.param(
            "Ms Okafor, who chairs the board, said the fees would rise.",
            [("indirect", "the fees would rise", "said", "Ms Okafor")],
            id="an apposition with a relative clause is not the mention",
        ),
        pytest.param(
            "The rise was backed by Mr Dale, who said the fees were fair.",
            [("indirect", "the fees were fair", "said", "Mr Dale, who")],
            id="a relative pronoun's mention runs from its noun to the pronoun",
        ),
    ],
)
def test_statements_second_pass(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Asked whether she would stand again, Ms Ito smiled.", id="asked whether"),
        pytest.param("Mr Dale was asked if he backed the plan.", id="was asked if"),
        pytest.param("The mayor did not comment on the plans.", id="a refusal says nothing"),
        pytest.param("The rallying cry for calm grew louder.", id="a noun cue with no owner"),
    ],
)
def test_no_statement_second_pass(nlp: Language, text: str) -> None:
    assert found(nlp, text) == []


def test_the_statement_model_is_shipped_and_used() -> None:
    from onrecord.quotes.model import probability, weights

    assert len(weights()) > 100
    said = probability(["bias", "lemma=say", "frame=ccomp", "lemma_frame=say|ccomp"])
    watched = probability(["bias", "lemma=watch", "frame=dobj", "lemma_frame=watch|dobj"])
    assert said is not None and watched is not None and said > 0.5 > watched


def test_accused_of(nlp: Language) -> None:
    (quote,) = found(nlp, "The senator accused the governor of lying to voters.")
    assert quote.cue is not None and quote.cue.text == "accused"
    assert "lying to voters" in quote.content.text
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "The senator"


def test_document_speaker(nlp: Language) -> None:
    (quote,) = found(nlp, "The party's manifesto states that taxes will fall.")
    assert quote.speaker.type == "document"
    assert quote.speaker.mention is not None
    assert quote.speaker.mention.text == "The party's manifesto"
    assert quote.content.text == "that taxes will fall"


def test_quote_over_paragraphs_is_one_span(nlp: Language) -> None:
    text = (
        "The mayor said: ‘The first part is done.\n\n"
        "‘The second part starts in May.’\n\n"
        "Residents were not convinced."
    )
    (quote,) = found(nlp, text)
    assert quote.kind == "direct"
    assert quote.content.text == "The first part is done.\n\n‘The second part starts in May."
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "The mayor"


def test_spans_index_the_text_and_ids_follow_it(nlp: Language) -> None:
    text = "‘We are ready,’ Mr Okafor said.\n\nHis rival warned that the count would be slow."
    quotes = found(nlp, text)
    assert [q.id for q in quotes] == ["q1", "q2"]
    for quote in quotes:
        for span in (quote.content, quote.cue, quote.speaker.mention):
            assert span is not None and text[span.start : span.end] == span.text
        assert 0.0 <= quote.confidence <= 1.0


def test_removed_spans_are_skipped(nlp: Language) -> None:
    text = "‘We are ready,’ Mr Okafor said.\n\nHis rival warned that the count would be slow."
    caption = text.index("His rival")
    removed = (Removed(caption, len(text), "caption"),)
    quotes = found(nlp, text, removed)
    assert [q.speaker.mention.text for q in quotes if q.speaker.mention] == ["Mr Okafor"]


# --------------------------------------------------------------------------- the worked example


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


# Paragraph positions (0 is the headline) of what is not part of the story, read by hand:
# three photo captions, a poll sidebar (its headline and three paragraphs), two captions
# and the "Read more" trailer.
NOT_STORY = {7: "caption", 8: "caption", 9: "caption", 10: "sidebar", 11: "sidebar",
             12: "sidebar", 13: "sidebar", 28: "caption", 29: "caption", 36: "trailer"}

# What a careful reader finds: the start of the content and the mention that says it.
READER_FINDS = [
    ("Our party recognises that we are members of Nato", "He"),
    ("What I want to do is make sure", "He"),
    ("It is a Cold War product", "he"),
    ("Our manifesto says that we will play a constructive role", "he"),
    ("I feel your heart is not in this", "Mr Vine"),
    ("With the greatest respect, Jeremy", "Mr Corbyn"),
    ("I am the leader of the Labour Party", "Mr Corbyn"),
    ("It did not happen because the Nato leadership", "Mr Corbyn"),
    ("Why don’t we turn it around", "he"),
    ("it was set up to ‘promote’ the Cold War", "he"),
    ("supporting continued Nato membership had been ‘accepted by the party’", "Mr Corbyn"),
    ("Nato should have ‘shut up shop’", "Mr Corbyn"),
    ("that ‘we will maintain our commitment to NATO’", "manifesto"),
    ("that ‘whenever I ask you a question", "Mr Vine"),
]


@pytest.fixture(scope="module")
def example(nlp: Language) -> tuple[str, list[Removed], list[Quote]]:
    if not EXAMPLE.exists():
        pytest.skip(f"the worked example is not at {EXAMPLE}")
    text = EXAMPLE.read_text(encoding="utf-8")
    spans = paragraphs(text)
    removed = [Removed(*spans[i], NOT_STORY[i]) for i in sorted(NOT_STORY)]  # type: ignore[arg-type]
    return text, removed, extract_quotes(nlp(text), removed)


@pytest.mark.parametrize(("content_start", "mention"), READER_FINDS)
def test_example_statement_found(
    example: tuple[str, list[Removed], list[Quote]], content_start: str, mention: str
) -> None:
    _, _, quotes = example
    matching = [q for q in quotes if q.content.text.startswith(content_start)]
    assert matching, f"no statement starts with {content_start!r}"
    assert any(q.speaker.mention and mention in q.speaker.mention.text for q in matching)


def test_example_long_quotes_are_one_span_each(
    example: tuple[str, list[Removed], list[Quote]],
) -> None:
    _, _, quotes = example
    by_start = {q.content.text[:25]: q.content.text for q in quotes}
    assert by_start["It is a Cold War product,"].endswith("improve dialogue.")
    assert by_start["What I want to do is make"].endswith("their other behaviour.")


def test_example_nothing_from_removed_paragraphs(
    example: tuple[str, list[Removed], list[Quote]],
) -> None:
    _, removed, quotes = example
    for quote in quotes:
        assert not any(quote.content.overlaps(r.start, r.end) for r in removed), quote
        assert quote.cue is None or not any(quote.cue.overlaps(r.start, r.end) for r in removed)


def test_example_mentions_are_speakers_not_quoted_names(
    example: tuple[str, list[Removed], list[Quote]],
) -> None:
    text, _, quotes = example
    from onrecord.quotes.marks import find_quoted

    quoted = find_quoted(text)
    for quote in quotes:
        mention = quote.speaker.mention
        if mention is None:
            continue
        assert not any(name in mention.text for name in ("Stoltenberg", "Macron", "Trump"))
        assert not any(q.open_mark <= mention.start < q.end for q in quoted), mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The voters appear unmoved by the scandal.",
            [("indirect", "The voters appear unmoved by the scandal", "appear", None)],
            id="a raising verb with an adjective keeps its subject in the content",
        ),
        pytest.param(
            "Startled by the protest in Lowmoor, Councillor Edna Marsh, the deputy leader, "
            "said that the depot would stay open.",
            [("indirect", "that the depot would stay open", "said", "Councillor Edna Marsh")],
            id="a speaker the parser hung under the opening phrase is still the speaker",
        ),
        pytest.param(
            "Mr Dale was forced to apologise and said that his words had been misread.",
            [("indirect", "that his words had been misread", "said", "Mr Dale")],
            id="a verb conjoined to a passive borrows its subject",
        ),
        pytest.param(
            "Ms Ito attacked the council under its new leader.",
            [("indirect", "the council under its new leader", "attacked", "Ms Ito")],
            id="a phrase after the object that is not a time or an occasion is what was said",
        ),
        pytest.param(
            "Mr Dale attacked the council at a meeting.",
            [("indirect", "the council", "attacked", "Mr Dale")],
            id="the occasion after the object is not what was said",
        ),
        pytest.param(
            "Ms Ito said the fees were fair.\n\nThe pastor later recalled his first visit to "
            "the town. “I knew then that we had to build the hall.”",
            [
                ("indirect", "the fees were fair", "said", "Ms Ito"),
                ("indirect", "his first visit to the town", "recalled", "The pastor"),
                ("direct", "I knew then that we had to build the hall.", "recalled", "The pastor"),
            ],
            id="a running quote continues the person the sentence before it is about",
        ),
        pytest.param(
            "Yet Ms Ito is also a “change agent,” Mr Cole said. “That is what people want.”",
            [("partial", "Yet Ms Ito is also a “change agent,” Mr Cole said. “That is what "
              "people want.", "said", "Mr Cole")],
            id="reported speech ending in quoted words goes on past its tag into the next quote",
        ),
        pytest.param(
            "Ms Ito is a “change agent,” Mr Cole said, and he voted against the plan. "
            "“That is what people want.”",
            [
                ("partial", "Ms Ito is a “change agent,”", "said", "Mr Cole"),
                ("indirect", "the plan", "voted against", "he"),
                ("direct", "That is what people want.", "voted against", "he"),
            ],
            id="a clause of its own after the tag ends the reported speech",
        ),
        pytest.param(
            "Mr Dale repeated his claim that the depot was unsafe.",
            [
                ("indirect", "his claim that the depot was unsafe", "repeated", "Mr Dale"),
                ("indirect", "that the depot was unsafe", "claim", "Mr Dale"),
            ],
            id="a noun cue owned by a pronoun speaks for the subject the pronoun stands for",
        ),
        pytest.param(
            "The council rejected his claim that the depot was unsafe.",
            [
                ("indirect", "his claim that the depot was unsafe", "rejected", "The council"),
                ("indirect", "that the depot was unsafe", "claim", "his"),
            ],
            id="a pronoun that cannot stand for the subject stays the noun cue's speaker",
        ),
        pytest.param(
            "Ms Ito wrote: “The marchers were paid,” “They burned the flag.”",
            [("direct", "The marchers were paid,” “They burned the flag.", "wrote", "Ms Ito")],
            id="two quotes with nothing but marks between are one run of words",
        ),
    ],
)
def test_statements_third_pass(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The bridge looked new.", id="a look is no statement"),
        pytest.param("It was reported that the depot would close.", id="a passive names nobody"),
    ],
)
def test_no_statement_or_speaker_third_pass(nlp: Language, text: str) -> None:
    assert all(q.speaker.mention is None for q in found(nlp, text))
    assert not any(q.cue and q.cue.text == "looked" for q in found(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "“We will not back down,” Ms Ito fumed on Tuesday.",
            [("direct", "We will not back down", "fumed", "Ms Ito")],
            id="a bare tag after a quote makes any verb a cue, counted or not",
        ),
        pytest.param(
            "As for the new depot, “it will never open,” said Mr Dale.",
            [("direct", "it will never open", "said", "Mr Dale")],
            id="narration set off by a comma before a tagged quote is the writer's",
        ),
        pytest.param(
            "Mr Dale praised the plan at length - “it is the best we have had,” he said.",
            [("direct", "it is the best we have had", "said", "he")],
            id="narration set off by a dash before a tagged quote is the writer's",
        ),
        pytest.param(
            "Mr Dale praised the mayor’s “steady hand” - “a hand that never shook,” he said.",
            [
                ("partial", "the mayor’s “steady hand”", "praised", "Mr Dale"),
                ("direct", "a hand that never shook", "said", "he"),
            ],
            id="narration with quoted words of its own before a tagged quote is not the quote",
        ),
        pytest.param(
            "Ms Ito wrote to her followers, “It is time to end this,” and shared a link to "
            "her website.",
            [("direct", "It is time to end this", "wrote", "Ms Ito")],
            id="a conjoined clause after the quote is the writer's narration",
        ),
        pytest.param(
            "On Friday, Mr. Carson endorsed Mr. Dale.",
            [("indirect", "Mr. Dale", "endorsed", "Mr. Carson")],
            id="a phrase before the verb says when: the object is what was said",
        ),
        pytest.param(
            "In 2016, Ms Ito endorsed Mr Dale for mayor.",
            [("indirect", "Mr Dale for mayor", "endorsed", "Ms Ito")],
            id="a phrase after the object completes it, the object frames it",
        ),
        pytest.param(
            "''We are told all the time, 'Oakvale is a special case,''' Mr. Dale said. "
            "''It is all lies.''",
            [("direct", "We are told all the time, 'Oakvale is a special case,''' Mr. Dale said. "
              "''It is all lies.", "said", "Mr. Dale")],
            id="three straight marks close a quote within a quote and the quote (wire copy)",
        ),
        pytest.param(
            "''Several of us wanted to wait for the moment,'' recalled Mr. Rhodes. "
            "''He said no.''",
            [("direct", "Several of us wanted to wait for the moment,'' recalled Mr. Rhodes. "
              "''He said no.", "recalled", "Mr. Rhodes")],
            id="a quote joined over its tag keeps the name after the verb as its speaker",
        ),
        pytest.param(
            "The council passed a resolution condemning the closure of the depot.",
            [
                ("indirect", "a resolution condemning the closure of the depot", "passed",
                 "The council"),
                ("indirect", "the closure of the depot", "condemning", "The council"),
            ],
            id="a resolution speaks for the body that passed it",
        ),
        pytest.param(
            "The goal, he said, is to forge a durable truce.",
            [("indirect", "The goal, he said, is to forge a durable truce", "said", "he")],
            id="a speech verb set off by commas reports the clause around it",
        ),
        pytest.param(
            "At the time, she said, Mr Dale was trying to win support.",
            [("indirect", "At the time, she said, Mr Dale was trying to win support", "said",
              "she")],
            id="a parenthetical tag after an opening phrase",
        ),
        pytest.param(
            "“The depot,” she said, “is closed for good.”",
            [("direct", "The depot,” she said, “is closed for good.", "said", "she")],
            id="a tag inside a quote stays the quote's tag, not a parenthetical",
        ),
        pytest.param(
            "Mr Dale attacked what he called the council's failure to act.",
            [("indirect", "what he called the council's failure to act", "called", "Mr Dale")],
            id="the pronoun of a free relative is the subject of the verb that has it",
        ),
        pytest.param(
            "Mr Dale said what she called a failure was a success.",
            [
                ("indirect", "what she called a failure", "called", "she"),
                ("indirect", "what she called a failure was a success", "said", "Mr Dale"),
            ],
            id="a pronoun that cannot stand for that subject stays the speaker",
        ),
    ],
)
def test_statements_fourth_pass(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "“Jaws,” the film that scared a generation, returns to cinemas.",
            id="a title before a long sentence has no bare tag",
        ),
        pytest.param(
            "The crowd chanted “We want Ito,” the organisers counted more than five thousand.",
            id="a verb after a quote in a sentence of its own is no tag",
        ),
    ],
)
def test_no_statement_fourth_pass(nlp: Language, text: str) -> None:
    assert not any(q.kind == "direct" for q in found(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The party’s support for the alliance is at odds with its past.", id="support"),
        pytest.param("The union’s opposition to the plan is well known.", id="opposition"),
        pytest.param("The council’s backing for the depot was withdrawn.", id="backing"),
    ],
)
def test_an_owned_position_noun_is_no_statement(nlp: Language, text: str) -> None:
    """Where someone stands is not something they said: no statement, whatever its cue."""
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr Dale voiced his support for “a fair deal for all”.",
            [
                ("partial", "his support for “a fair deal for all”", "voiced", "Mr Dale"),
                ("direct", "a fair deal for all", "support for", "Mr Dale"),
            ],
            id="a position noun heading quoted words still reports them",
        ),
        pytest.param(
            "Ms Ito repeated her support for the alliance.",
            [("indirect", "her support for the alliance", "repeated", "Ms Ito")],
            id="repeating a position is a statement of it",
        ),
    ],
)
def test_position_nouns_that_report(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mayor Ada Ito: ‘We Will Rebuild The Bridge.’\n\nThe mayor spoke on Monday.",
            [("direct", "We Will Rebuild The Bridge.", ":", "Mayor Ada Ito")],
            id="a headline's name and colon give its title-case quote a speaker",
        ),
        pytest.param(
            "The Gazette editorial: 'Close The Depot.'\n\nIt ran on Sunday.",
            [("direct", "Close The Depot.", ":", "The Gazette editorial")],
            id="a document named before the colon speaks too",
        ),
        pytest.param(
            "Coming soon: ‘The Long Road Home’\n\nThe film opens in May.", [],
            id="a label before a title is nobody",
        ),
        pytest.param(
            "Mayor Ada Ito: ‘We Will Rebuild’ and other promises.\n\nShe spoke on Monday.", [],
            id="a line that goes on after the quote is no headline quote",
        ),
    ],
)
def test_headline_quotes(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Admiral Ruth Okoro makes no apologies for accusing the navy of waste.", "Admiral Ruth Okoro"),
        ("Mayor Dan Pike has a long history of blaming others for his troubles.", "Mayor Dan Pike"),
        ("The union was ready to endorse a candidate.", "The union"),
        ("Tech companies are quick to point out that encryption protects users.", "Tech companies"),
    ],
)
def test_a_gerund_or_infinitive_borrows_the_subject_of_the_verb_it_hangs_from(
    nlp: Language, text: str, mention: str
) -> None:
    quotes = found(nlp, text)
    assert quotes and all(q.speaker.mention is not None and q.speaker.mention.text == mention
                          for q in quotes)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Intro.\n\nLEEDS, July 19 (UPI) — Former Attorney General Ruth Okoro told delegates at "
         "the convention that the plan should disqualify him.", "Former Attorney General Ruth Okoro"),
        ("Intro.\n\nYORK, July 25 (UPI) — The Northern Rail Committee released a statement at the "
         "outset of the meeting Monday, offering an apology to Ms Pike.", "The Northern Rail Committee"),
        ("Intro.\n\nNATO said on Monday that it would respond.", "NATO"),  # no dash: a name
    ],
)
def test_a_dateline_in_capitals_is_never_the_speaker(nlp: Language, text: str, mention: str) -> None:
    [quote] = found(nlp, text)
    assert quote.speaker.mention is not None and quote.speaker.mention.text == mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # the tag and what follows it are the writer's, not the quote's
            "“Look what they have done to the town,” he said of the council’s plan to sell "
            "the park.",
            [("direct", "Look what they have done to the town", "said", "he")],
            id="a quote does not run on over its own tag"),
    ],
)
def test_quote_boundaries_stop_at_the_tag(nlp: Language, text: str, expected: list[Expected]) -> None:
    assert [summary(q) for q in found(nlp, text)] == expected


def test_a_verb_that_opens_the_next_quote_is_not_the_tag_of_the_one_before(nlp: Language) -> None:
    text = ("Ms Lowe answered Mr Hart with a question, “Why on earth would we do that now?” Mr "
            "Hart then wrote back, “Because the vote is on Friday.”")
    by_hart = [q.content.text for q in found(nlp, text)
               if q.speaker.mention is not None and q.speaker.mention.text == "Mr Hart"]
    assert by_hart == ["Because the vote is on Friday."]


@pytest.mark.parametrize(
    ("text", "cue", "mention"),
    [
        ("The Harbour Trust said the pier was unsafe and called for a full inspection.",
         "called for", "The Harbour Trust"),
        ("Ruth Okoro refused to say whether a new council would build the bridge, insisting "
         "that the plan was still under review.", "insisting", "Ruth Okoro"),
    ],
)
def test_a_speech_verb_hung_on_a_reported_clause_speaks_for_the_reporter(
    nlp: Language, text: str, cue: str, mention: str
) -> None:
    [quote] = [q for q in found(nlp, text) if q.cue is not None and q.cue.text == cue]
    assert quote.speaker.mention is not None and quote.speaker.mention.text == mention


def test_accused_x_of_reports_the_charge_and_its_quoted_words_are_no_statement_of_their_own(
    nlp: Language,
) -> None:
    text = "Today the mayor accused him of siding with ‘the developers’."
    assert [summary(q) for q in found(nlp, text)] == [
        ("partial", "siding with ‘the developers’", "accused", "the mayor")]


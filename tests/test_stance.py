"""Specification of the stance stage: for, against or neutral toward each topic, and voice."""

from __future__ import annotations

import pytest

from dataclasses import replace

from onrecord.models import Quote, SaidOn, Span, Speaker, TopicStance
from onrecord import stance
from onrecord.stance import assign_stance, banned_topic, load_lexicon, model
from onrecord.topics import assign_topics, canonical_topic, find_mentions


def quote_over(text: str, content: str, cue: str | None = None, speaker: str | None = None,
               after: int = 0) -> Quote:
    """A hand-built statement: offsets found with str.index, as the quotes stage would give."""
    start = text.index(content, after)
    cue_span = speaker_span = None
    if cue is not None:
        at = text.index(cue, max(0, start - 200))
        cue_span = Span.of(text, at, at + len(cue))
    if speaker is not None:
        at = text.index(speaker, max(0, start - 200))
        speaker_span = Span.of(text, at, at + len(speaker))
    return Quote(id="q1", kind="direct", content=Span.of(text, start, start + len(content)),
                 cue=cue_span, speaker=Speaker(name=speaker, mention=speaker_span))


def analyse(nlp, text: str, quote: Quote) -> Quote:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    (found,) = assign_stance(doc, assign_topics(doc, [quote], []))
    return found


def stance_toward(found: Quote, topic: str) -> str:
    for t in found.topics:
        if canonical_topic(t.name) == canonical_topic(topic):
            return t.stance
    raise AssertionError(f"{topic!r} not among {[t.name for t in found.topics]}")


@pytest.mark.parametrize(
    ("text", "content", "cue", "topic", "expected"),
    [
        # Stance verbs aimed at the topic.
        ("Ms Dale said: 'We should scrap the sugar tax.'", "We should scrap the sugar tax.", "said", "sugar tax", "against"),
        ("Mr Ode said: 'Britain must pull out of the EU.'", "Britain must pull out of the EU.", "said", "EU", "against"),
        ("Ms Ito said: 'I back the third runway.'", "I back the third runway.", "said", "third runway", "favor"),
        ("Mr Fenn said: 'We will maintain our commitment to the UN.'", "We will maintain our commitment to the UN.", "said", "UN", "favor"),
        # Negation flips.
        ("Ms Dale said: 'The sugar tax should not be scrapped.'", "The sugar tax should not be scrapped.", "said", "sugar tax", "favor"),
        ("Mr Ode said: 'I do not support the fuel levy.'", "I do not support the fuel levy.", "said", "fuel levy", "against"),
        # Evaluations of the topic.
        ("Dr Amis said: 'The NHS is vital to this town.'", "The NHS is vital to this town.", "said", "NHS", "favor"),
        ("Mr Kerr said: 'The parking scheme is a disaster.'", "The parking scheme is a disaster.", "said", "parking scheme", "against"),
        # The subject outside the quote marks, the frame around a partial quote.
        ("Mr Kerr demanded the parking scheme 'close down'.", "close down", "demanded", "parking scheme", "against"),
        # Rhetorical question proposing an action.
        ("'Why don't we abolish the EU?' asked Mr Pike.", "Why don't we abolish the EU?", "asked", "EU", "against"),
        # A topic word the parser reads as a verb ("ban fracking") is still the verb's target.
        ("Ms Roe said: 'A Unity government would ban fracking for good.'",
         "A Unity government would ban fracking for good.", "said", "fracking", "against"),
        # An act done to the topic, judged as a whole: the judgement turns the act's reading.
        ("Ms Dale said: 'Scrapping the Eastway Link would be a mistake.'",
         "Scrapping the Eastway Link would be a mistake.", "said", "Eastway Link", "favor"),
        ("Ms Dale said: 'Keeping the Severn Toll would be madness.'",
         "Keeping the Severn Toll would be madness.", "said", "Severn Toll", "against"),
        ("Ms Dale said: 'Scrapping the Eastway Link is the right thing to do.'",
         "Scrapping the Eastway Link is the right thing to do.", "said", "Eastway Link", "against"),
        # A position recalled over a stretch of the past is not stated now; a present perfect is.
        ("Mr Ash said: 'I backed the Eastway Link for years, and I do not take this lightly.'",
         "I backed the Eastway Link for years, and I do not take this lightly.", "said",
         "Eastway Link", "neutral"),
        ("Mr Ash said: 'I have always backed the Eastway Link.'",
         "I have always backed the Eastway Link.", "said", "Eastway Link", "favor"),
        ("Mr Ash said: 'I backed the Eastway Link at the time.'",
         "I backed the Eastway Link at the time.", "said", "Eastway Link", "favor"),
        # A scale read downwards turns the judgement: "the least costly way" is praise.
        ("Ms Dale said a carbon tax was 'the least costly way' to cut emissions.",
         "the least costly way", "said", "carbon tax", "favor"),
        ("Ms Dale said: 'The carbon tax is the most costly way to cut emissions.'",
         "The carbon tax is the most costly way to cut emissions.", "said", "carbon tax", "against"),
        # Multiplying a thing is for it.
        ("Mr Ash promised: 'We would quadruple offshore wind within ten years.'",
         "We would quadruple offshore wind within ten years.", "promised", "offshore wind", "favor"),
        # A question is no position.
        ("Ms Lowe asked whether the council would scrap the sugar tax.", "whether the council would scrap the sugar tax", "asked", "sugar tax", "neutral"),
        # No stance word aimed at the topic.
        ("Mr Vale said: 'The EU meets in Brussels on Monday.'", "The EU meets in Brussels on Monday.", "said", "EU", "neutral"),
    ],
)
def test_stance_toward_the_topic(nlp, text: str, content: str, cue: str, topic: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, cue=cue))
    assert stance_toward(found, topic) == expected


def test_stance_applies_to_its_target_not_to_other_topics(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mr Pike said: 'The UN should abolish the sugar tax in Ghana.'"
    found = analyse(nlp, text, quote_over(text, "The UN should abolish the sugar tax in Ghana.", cue="said"))
    assert stance_toward(found, "sugar tax") == "against"
    assert stance_toward(found, "UN") == "neutral"


def test_refusing_to_back_is_not_favor(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Senator Bryn Lowe refused to give his backing to the EU."
    found = analyse(nlp, text, quote_over(text, "give his backing to the EU", cue="refused"))
    assert stance_toward(found, "EU") != "favor"


def test_evidence_is_the_words_that_carry_the_stance(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ms Dale said: 'We should scrap the sugar tax.'"
    found = analyse(nlp, text, quote_over(text, "We should scrap the sugar tax.", cue="said"))
    (topic,) = found.topics
    assert topic.evidence is not None and "scrap" in topic.evidence.text
    assert text[topic.evidence.start : topic.evidence.end] == topic.evidence.text
    assert 0.5 <= topic.confidence <= 0.95


@pytest.mark.parametrize(
    ("text", "content", "speaker", "expected"),
    [
        ("Ms Rhee said: 'Our manifesto says we will keep the NHS free.'", "Our manifesto says we will keep the NHS free.", "Ms Rhee", "party"),
        ("Mr Ash said: 'A Green government would ban fracking.'", "A Green government would ban fracking.", "Mr Ash", "party"),
        ("The Green Party manifesto states that 'we will ban fracking'.", "we will ban fracking", "The Green Party manifesto", "party"),
        ("Mr Ash said: 'My view is that I like the old bridge.'", "My view is that I like the old bridge.", "Mr Ash", "personal"),
        # A person stating what their party or body will do states its line.
        ("Mr Hollis said his party would scrap the levy.", "his party would scrap the levy", "Mr Hollis", "party"),
        ("Ms Brooks said the union would keep pushing for a higher rate.",
         "the union would keep pushing for a higher rate", "Ms Brooks", "party"),
        # ... but "his position" is his own.
        ("Mr Pell said his position had not changed.", "his position had not changed", "Mr Pell", "personal"),
        ("Ms Rhee said: 'I feel tired.'", "I feel tired.", "Ms Rhee", "personal"),
    ],
)
def test_voice_party_or_personal(nlp, text: str, content: str, speaker: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, speaker=speaker))
    assert found.voice == expected


def test_lexicon_loads_every_kind() -> None:
    lexicon = load_lexicon()
    for kind in ("verb", "erg", "noun", "eval", "effect", "value", "flip", "hedge"):
        assert lexicon.get(kind), kind
    assert lexicon.get("verb")["close down"] == -1 and lexicon.get("verb")["support"] == 1


# The worked example (copyrighted: read from /work/shared, never copied).
EXAMPLE_STATEMENTS = [
    # content, cue, speaker, stance toward NATO, voice (None: not checked)
    ("close down", "demanded", "he", "against", None),
    ("shut up shop", "said", "Mr Corbyn", "against", None),
    ("an engine for the delivery of oil to the oil companies and the main nations of this world", "claimed", "MP", "against", None),
    ("Why don’t we turn it around, close down Nato, invest in people, invest in peace", "said", "he", "against", None),
    ("It is a Cold War product, as we all know, it was set up after the Second World War.", "said", "he", "against", None),
    ("Our party recognises that we are members of Nato and that is clearly in our manifesto.", "said", "He", "favor", "party"),
    ("Nato still exists. We will be members of it", None, None, "favor", None),
    ("we will maintain our commitment to NATO", "states", "Labour’s manifesto", "favor", "party"),
]


@pytest.mark.parametrize(("content", "cue", "speaker", "stance", "voice"), EXAMPLE_STATEMENTS)
def test_example_statements_toward_nato(nlp, example_text: str, content: str, cue: str | None,  # type: ignore[no-untyped-def]
                                        speaker: str | None, stance: str, voice: str | None) -> None:
    found = analyse(nlp, example_text, quote_over(example_text, content, cue=cue, speaker=speaker))
    names = [t.name for t in found.topics]
    assert names[0] == "NATO", names
    assert found.topics[0].stance == stance
    if voice is not None:
        assert found.voice == voice


def test_no_longer_supporting_is_against(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ms Roe said she could no longer support the riverside bridge."
    found = analyse(nlp, text, quote_over(text, "she could no longer support the riverside bridge", cue="said"))
    assert stance_toward(found, "riverside bridge") == "against"


SCRAPPED = "Eastway Link scrapped\n\nThe council scrapped the Eastway Link on Monday. "


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A reaction to news that goes against the topic: anger is for it, delight against it.
        (SCRAPPED + "Mayor Ann Roe said she was 'furious'.", "furious", "favor"),
        (SCRAPPED + "Councillor Ben Tull said he was delighted.", "he was delighted", "against"),
        # News that does nothing to the topic gives a reaction no direction.
        ("Eastway Link debated\n\nThe council debated the Eastway Link on Monday. Mayor Ann Roe "
         "said she was 'furious'.", "furious", "neutral"),
        # A negated reaction is no reaction.
        (SCRAPPED + "Councillor Ben Tull said he was not delighted.", "he was not delighted", "neutral"),
    ],
)
def test_a_reaction_takes_a_stance_through_the_reported_news(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, cue="said"))
    assert stance_toward(found, "Eastway Link") == expected


def said(text: str, content: str, speaker: str, when: str | None, number: int) -> Quote:
    start = text.index(content)
    return Quote(id=f"q{number}", kind="direct", content=Span.of(text, start, start + len(content)),
                 cue=None, speaker=Speaker(name=speaker), said_on=SaidOn(date=when))


@pytest.mark.parametrize(
    ("second_speaker", "second_date", "expected"),
    [
        ("Ann Roe", "2031-03-02", "favor"),  # same speaker, same occasion: the stance carries
        ("Ben Tull", "2031-03-02", "neutral"),  # someone else's words do not
        ("Ann Roe", "2027", "neutral"),  # nor do her words on another occasion
    ],
)
def test_a_speakers_stance_carries_to_their_other_words_on_the_same_occasion(  # type: ignore[no-untyped-def]
    nlp, second_speaker: str, second_date: str, expected: str
) -> None:
    text = (
        "Eastway Link in doubt\n\nThe Eastway Link faces a vote on Monday. 'I will fight for the "
        "Eastway Link,' said Ann Roe. 'We will be back in court.'"
    )
    doc = nlp(text)
    quotes = [said(text, "I will fight for the Eastway Link,", "Ann Roe", "2031-03-02", 1),
              said(text, "We will be back in court.", second_speaker, second_date, 2)]
    first, second = assign_stance(doc, assign_topics(doc, quotes, []))
    assert stance_toward(first, "Eastway Link") == "favor"
    assert stance_toward(second, "Eastway Link") == expected


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ("", "favor"),  # the next sentence of the same paragraph carries the stance on
        ("\n\nBen Tull, who runs the bus company, said the figures were out of date.\n\n",
         "neutral"),  # paragraphs later, after someone else has spoken, it does not
    ],
)
def test_a_speakers_stance_carries_only_where_the_text_carries_it_on(  # type: ignore[no-untyped-def]
    nlp, between: str, expected: str
) -> None:
    text = (
        "Eastway Link in doubt\n\nThe Eastway Link faces a vote on Monday. 'I will fight for the "
        f"Eastway Link,' said Ann Roe.{between} 'We will be back in court.'"
    )
    doc = nlp(text)
    quotes = [said(text, "I will fight for the Eastway Link,", "Ann Roe", "2031-03-02", 1),
              said(text, "We will be back in court.", "Ann Roe", "2031-03-02", 2)]
    first, second = assign_stance(doc, assign_topics(doc, quotes, []))
    assert stance_toward(first, "Eastway Link") == "favor"
    assert stance_toward(second, "Eastway Link") == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A verb conjoined to the topic's verb outside the quote shares its subject.
        ("Ms Roe said the Dunmore bypass had 'failed' and should be scrapped at once.",
         "should be scrapped at once", "against"),
        ("Ms Roe said the Dunmore bypass was late but should be kept at all costs.",
         "should be kept at all costs", "favor"),
        # In the perfect, a measure that has done its job or served its purpose should go.
        ('Ms Roe said the fuel tariffs had "done their job".', "done their job", "against"),
        ('Ms Roe said the fuel tariffs had "served their purpose".', "served their purpose", "against"),
    ],
)
def test_what_the_frame_says_of_the_topic_outside_a_partial_quote(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, expected: str
) -> None:
    found = analyse(nlp, text, quote_over(text, content, cue="said", speaker="Ms Roe"))
    topic = "Dunmore bypass" if "bypass" in text else "fuel tariffs"
    assert stance_toward(found, topic) == expected


@pytest.mark.parametrize(
    ("text", "content", "topic", "expected"),
    [
        # "them" continues the plural issue that is the sentence's subject.
        ("Ms Roe said: 'These fuel tariffs cost more jobs than they save, and we should end them.'",
         "These fuel tariffs cost more jobs than they save, and we should end them.",
         "fuel tariffs", "against"),
        # The quoted manner belongs to the verb outside and to what it is done to.
        ('Ms Roe vowed to oppose the fuel duty "with every breath".',
         "with every breath", "fuel duty", "against"),
        ('Ms Roe vowed to back the fuel duty "with every breath".',
         "with every breath", "fuel duty", "favor"),
        # An attitude adjective aimed at the topic through its preposition.
        ("Ms Roe said: 'I am deeply sceptical about the Dunmore bypass.'",
         "I am deeply sceptical about the Dunmore bypass.", "Dunmore bypass", "against"),
        ("Ms Roe said: 'I am proud of the Dunmore bypass.'",
         "I am proud of the Dunmore bypass.", "Dunmore bypass", "favor"),
        # A measure that would not survive a challenge is read against.
        ("Ms Roe said the fuel tariffs would not survive a legal challenge.",
         "the fuel tariffs would not survive a legal challenge", "fuel tariffs", "against"),
    ],
)
def test_stance_words_reach_the_topic_through_the_sentence(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, topic: str, expected: str
) -> None:
    cue = "vowed" if "vowed" in text else "said"
    found = analyse(nlp, text, quote_over(text, content, cue=cue, speaker="Ms Roe"))
    assert stance_toward(found, topic) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("I feel your heart is not in the Dunmore bypass.", "neutral"),  # the addressee's view
        ("You want to scrap the Dunmore bypass.", "neutral"),
        ("You should scrap the Dunmore bypass.", "against"),  # advice is the speaker's own
    ],
)
def test_what_the_speaker_says_the_addressee_thinks_is_not_their_stance(  # type: ignore[no-untyped-def]
    nlp, content: str, expected: str
) -> None:
    text = f"The presenter said: '{content}'"
    found = analyse(nlp, text, quote_over(text, content, cue="said", speaker="The presenter"))
    assert stance_toward(found, "Dunmore bypass") == expected


def test_they_for_people_is_not_the_issue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Ms Roe said: 'Higher fuel tariffs tell drivers that the roads are not for them. "
            "Graduates know their worth.'")
    doc = nlp(text)
    mentions = find_mentions(doc)
    assert [m.text for m in mentions if m.text in {"them", "their"}] == []


def test_a_sure_neutral_reading_is_not_overridden_by_the_speakers_other_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Eastway Link in doubt\n\nThe Eastway Link faces a vote on Monday. 'I will fight for the "
        "Eastway Link,' said Ann Roe. 'The council will publish the traffic figures in March.'"
    )
    doc = nlp(text)
    procedure = "The council will publish the traffic figures in March."
    quotes = [said(text, "I will fight for the Eastway Link,", "Ann Roe", "2031-03-02", 1),
              said(text, procedure, "Ann Roe", "2031-03-02", 2)]
    first, second = assign_stance(doc, assign_topics(doc, quotes, []))
    assert stance_toward(first, "Eastway Link") == "favor"
    assert stance_toward(second, "Eastway Link") == "neutral"  # procedure, whoever says it


# The classifier (onrecord.stance.model): statements whose side shows only in their wording.
@pytest.mark.parametrize(
    ("text", "content", "cue", "topic", "expected"),
    [
        ("Mr Obi called the ferry subsidy 'a triumph for the islanders'.", "a triumph for the islanders", "called", "ferry subsidy", "favor"),
        ("'Why should pensioners pay the parking levy at all?' asked Ms Pell.", "Why should pensioners pay the parking levy at all?", "asked", "parking levy", "against"),
        ("Ms Tan said the harbour toll was 'a shameful waste of public money'.", "a shameful waste of public money", "said", "harbour toll", "against"),
        # Procedure and indecision stay neutral.
        ("'The ferry subsidy will be debated on Thursday,' said a council spokesman.", "The ferry subsidy will be debated on Thursday,", "said", "ferry subsidy", "neutral"),
        ("'I have not decided how I will vote on the parking levy,' said Mr Roe.", "I have not decided how I will vote on the parking levy,", "said", "parking levy", "neutral"),
    ],
)
def test_the_classifier_reads_wording_the_rules_miss(nlp, text: str, content: str, cue: str, topic: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, cue=cue))
    assert stance_toward(found, topic) == expected


def test_without_the_classifier_such_wording_is_neutral(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mr Obi called the ferry subsidy 'a triumph for the islanders'."
    doc = nlp(text)
    (found,) = assign_stance(doc, assign_topics(doc, [quote_over(text, "a triumph for the islanders", cue="called")], []),
                             policy="rules")
    assert stance_toward(found, "ferry subsidy") == "neutral"


def _statement(doc, content: str, topic: str | None) -> model.Statement:  # type: ignore[no-untyped-def]
    start = doc.text.index(content)
    span = doc.char_span(start, start + len(content), alignment_mode="expand")
    named: set[int] = set()
    if topic is not None:
        at = doc.text.index(topic)
        named = {t.i for t in doc.char_span(at, at + len(topic), alignment_mode="expand")}
    return model.Statement(content=frozenset(t.i for t in span), context=tuple(t.i for t in doc),
                           topic=frozenset(named))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("The levy should not be scrapped.", "c:NOT_scrap", "c:scrap"),
        ("The levy should be scrapped.", "c:scrap", "c:NOT_scrap"),
        ("There is no case for the levy.", "c:NOT_case", "c:case"),
    ],
)
def test_features_carry_negation_scope(nlp, text: str, present: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    vector = model.features(nlp(text), _statement(nlp(text), text, "levy"))
    assert present in vector and absent not in vector


def test_features_mark_the_topic_and_the_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Campaigners demanded the levy be 'dropped'."
    doc = nlp(text)
    vector = model.features(doc, _statement(doc, "dropped", "levy"))
    assert "t:frame" in vector and "f:demand" in vector and "c:drop" in vector
    assert not any(name.endswith(":levy") for name in vector)  # the topic's own word is TOPIC
    assert "t:absent" in model.features(doc, _statement(doc, "dropped", None))


def test_training_is_deterministic_and_learns_separable_data() -> None:
    vectors = [{"bias": 1.0, "c:back": 1.0}, {"bias": 1.0, "c:scrap": 1.0}, {"bias": 1.0, "c:meet": 1.0}] * 4
    labels = ["favor", "against", "neutral"] * 4
    first = model.train(vectors, labels, l2=0.001, steps=300)  # type: ignore[arg-type]
    second = model.train(vectors, labels, l2=0.001, steps=300)  # type: ignore[arg-type]
    assert first.weights == second.weights
    for vector, label in zip(vectors[:3], labels[:3]):
        probabilities = first.probabilities(vector)
        assert max(probabilities, key=probabilities.__getitem__) == label
    assert first.probabilities({"c:unseen": 1.0}).keys() == set(model.LABELS)


def test_a_model_with_other_labels_is_refused() -> None:
    with pytest.raises(ValueError, match="labels"):
        model.model_from_json({"labels": ["pro", "con"], "weights": {}})


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "He backs it.", "content": "backs it", "topic": "it", "stance": "pro"}', "bad stance"),
        ('{"text": "He backs it.", "content": "opposes it", "topic": "it", "stance": "favor"}', "content not in text"),
    ],
)
def test_training_lines_are_checked(tmp_path, line: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "train.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        model.load_training(path)


def test_the_shipped_training_set_is_large_balanced_and_well_formed() -> None:
    rows = model.load_training()
    assert len(rows) >= 600
    for label in model.LABELS:
        share = sum(r["stance"] == label for r in rows) / len(rows)
        assert 0.2 <= share <= 0.45, (label, share)
    assert len({r["topic"] for r in rows}) >= 60


@pytest.fixture
def example_text_or_none() -> str | None:
    """The worked example when /work/shared has it (never copied into the repository)."""
    import os
    from pathlib import Path

    shared = Path(os.environ.get("ONRECORD_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    path = shared / "examples" / "corbyn-nato-2019.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def _seven_word_passages(text: str) -> set[str]:
    words = text.casefold().split()
    return {" ".join(words[i : i + 7]) for i in range(len(words) - 6)}


def test_the_training_set_shares_no_passage_with_the_evaluation_set_or_the_example(example_text_or_none) -> None:  # type: ignore[no-untyped-def]
    import json
    from pathlib import Path

    training = set().union(*(_seven_word_passages(r["text"]) for r in model.load_training()))
    evalset = Path(__file__).resolve().parent.parent / "evalsets" / "statements.jsonl"
    texts = [json.loads(line)["text"] for line in evalset.read_text(encoding="utf-8").splitlines() if line.strip()]
    if example_text_or_none is not None:
        texts.append(example_text_or_none)
    for text in texts:
        assert not training & _seven_word_passages(text)


def test_the_shipped_model_loads_once() -> None:
    loaded = model.load_model()
    assert loaded is not None and loaded is model.load_model()
    assert "bias" in loaded.weights and len(loaded.weights) > 1000


@pytest.mark.slow
def test_the_training_script_reproduces_the_shipped_weights() -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "train_stance.py"
    spec = importlib.util.spec_from_file_location("train_stance", script)
    assert spec is not None and spec.loader is not None
    train_stance = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train_stance)
    vectors, labels = train_stance.vectorise(model.load_training())
    retrained = model.model_from_json(model.train(vectors, labels).to_json())  # the shipped settings
    shipped = model.load_model()
    assert shipped is not None and retrained.weights == shipped.weights


@pytest.mark.parametrize(
    ("sentence", "cue", "content", "expected"),
    [
        ("The mayor has opposed the tram extension throughout her career.", "opposed",
         "the tram extension throughout her career", "against"),
        ("The senator has long backed the water compact.", "backed", "the water compact", "favor"),
    ],
)
def test_a_reporting_verb_that_is_itself_a_stance_is_aimed_at_its_object(
    sentence: str, cue: str, content: str, expected: str
) -> None:
    from onrecord.models import Quote, Span, TopicStance

    from onrecord.parse import load_nlp

    doc = load_nlp()(sentence)
    c0 = sentence.index(content)
    k0 = sentence.index(cue)
    topic_words = content.split(" throughout")[0]
    t0 = sentence.index(topic_words)
    quote = Quote(id="q1", kind="indirect", content=Span.of(sentence, c0, c0 + len(content)),
                  cue=Span.of(sentence, k0, k0 + len(cue)),
                  topics=(TopicStance(topic_words, evidence=Span.of(sentence, t0, t0 + len(topic_words))),))
    (read,) = assign_stance(doc, [quote])
    assert read.topics[0].stance == expected


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker", "topic", "expected"),
    [
        # Undecided words take no side, whatever else the words suggest.
        ("Senator Ruiz was asked about the water levy. 'Ask me again in the spring,' Senator Ruiz said.",
         "Ask me again in the spring,", "said", "Senator Ruiz", "water levy", "neutral"),
        ("Ms Bray said the water levy was 'too early to judge'.", "too early to judge", "said",
         "Ms Bray", "water levy", "neutral"),
        ("Mr Holt said the water levy would stay in place while the review was carried out.",
         "the water levy would stay in place while the review was carried out", "said",
         "Mr Holt", "water levy", "neutral"),
        ("Mr Holt said: 'I am no longer sure the water levy is a disaster.'",
         "I am no longer sure the water levy is a disaster.", "said", "Mr Holt", "water levy", "neutral"),
        ("Ms Bray said she had not taken a final view on whether the water levy was a disaster.",
         "she had not taken a final view on whether the water levy was a disaster", "said", "Ms Bray",
         "water levy", "neutral"),
        ("Mr Holt said: 'The water levy may be unfair, but I haven't reached a firm view.'",
         "The water levy may be unfair, but I haven't reached a firm view.", "said",
         "Mr Holt", "water levy", "neutral"),
        ("Mr Holt said he had not yet seen the full text and could not say if the water levy was unfair.",
         "he had not yet seen the full text and could not say if the water levy was unfair", "said",
         "Mr Holt", "water levy", "neutral"),
        # A short fragment that only says what comes next.
        ("Asked about the water levy, Ms Bray said she would 'study it line by line'.",
         "study it line by line", "said", "Ms Bray", "water levy", "neutral"),
        # Taking a side beside such words keeps the side.
        ("Ms Bray said: 'I am open-minded about most things, but the water levy is a disaster.'",
         "I am open-minded about most things, but the water levy is a disaster.", "said",
         "Ms Bray", "water levy", "against"),
        ("Ms Bray said: 'No decision has been made, but I will fight the water levy.'",
         "No decision has been made, but I will fight the water levy.", "said",
         "Ms Bray", "water levy", "against"),
        # The same speaker, decided: a side.
        ("Ms Bray said: 'We should scrap the water levy.'", "We should scrap the water levy.", "said",
         "Ms Bray", "water levy", "against"),
        # A long statement that studies the detail and takes a side keeps it.
        ("Ms Bray said: 'I have read the detail of the water levy, and we should scrap it.'",
         "I have read the detail of the water levy, and we should scrap it.", "said",
         "Ms Bray", "water levy", "against"),
    ],
)
def test_undecided_words_are_neutral_and_settled(  # type: ignore[no-untyped-def]
        nlp, text: str, content: str, cue: str, speaker: str, topic: str, expected: str) -> None:
    found = analyse(nlp, text, quote_over(text, content, cue, speaker))
    assert stance_toward(found, topic) == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A refusal to answer quoted as a fragment says nothing on the topic.
        ("Ms Quayle backed the water levy. She refused 'to be drawn' on the water levy.", "to be drawn", "neutral"),
        ("Ms Quayle backed the water levy. She declined 'to comment' on the water levy.", "to comment", "neutral"),
    ],
)
def test_a_refusal_fragment_takes_no_side(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    quote = quote_over(text, content, "refused" if "refused" in text else "declined", "She")
    found = analyse(nlp, text, quote)
    assert all(t.stance == expected for t in found.topics)


@pytest.mark.parametrize(
    ("text", "content", "cue", "topic", "expected"),
    [
        # "for good" is "permanently": an idiom of time, not praise.
        ("Ms Penrose said the Severn Toll should be 'closed down for good'.",
         "the Severn Toll should be 'closed down for good'", "said", "Severn Toll", "against"),
        # "cannot X without Y" / "no X without Y": Y is necessary.
        ("Ms Penrose said: 'We cannot hit our targets without the Eastway Link.'",
         "We cannot hit our targets without the Eastway Link.", "said", "Eastway Link", "favor"),
        ("Mr Oyelaran said: 'There is no recovery for this town without the Eastway Link.'",
         "There is no recovery for this town without the Eastway Link.", "said", "Eastway Link", "favor"),
        # Not negated: "without" alone says nothing of need.
        ("Mr Oyelaran said: 'The town grew for centuries without the Eastway Link.'",
         "The town grew for centuries without the Eastway Link.", "said", "Eastway Link", "neutral"),
        # A clause conjoined after a negated one keeps its own polarity.
        ("Ms Penrose said: 'We cannot wait any longer, and so the Eastway Link is the right decision.'",
         "We cannot wait any longer, and so the Eastway Link is the right decision.", "said",
         "Eastway Link", "favor"),
    ],
)
def test_idioms_of_time_and_necessity_in_the_rules(  # type: ignore[no-untyped-def]
        nlp, text: str, content: str, cue: str, topic: str, expected: str) -> None:
    doc = nlp(text)
    (found,) = assign_stance(doc, assign_topics(doc, [quote_over(text, content, cue)], []), policy="rules")
    assert stance_toward(found, topic) == expected


def test_for_good_is_no_praise_to_the_classifier(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ms Penrose said the Severn Toll should go for good."
    doc = nlp(text)
    content = frozenset(range(3, len(doc) - 1))
    vector = model.features(doc, model.Statement(content=content, context=tuple(range(len(doc))),
                                                 topic=frozenset({4, 5})))
    assert "c:permanently" in vector and "c:good" not in vector
    assert not any(name.startswith("s:c+") for name in vector)


def test_a_definite_description_of_the_one_topic_carries_its_stance(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Tidal power divides the council. Mr Hale, who in 2010 called for the industry to be "
            "'shut down for good', now backs tidal power.")
    doc = nlp(text)
    quote = quote_over(text, "shut down for good", "called", "Mr Hale")
    topic = TopicStance(name="tidal power")
    (found,) = assign_stance(doc, [replace(quote, topics=(topic,))])
    assert found.topics[0].stance == "against"


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # For the ban, against what it bans; the topic is the banned thing, the ban an alias.
        ("Fracking divides the county. Mr Asante said the fracking moratorium was the right decision.",
         "the fracking moratorium was the right decision", "against"),
        ("Fracking divides the county. Mr Asante said the fracking ban must be lifted.",
         "the fracking ban must be lifted", "favor"),
    ],
)
def test_a_ban_is_read_as_a_stance_on_what_it_bans(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, "said", "Mr Asante"))
    (fracking,) = [t for t in found.topics if canonical_topic(t.name) == canonical_topic("fracking")]
    assert fracking.stance == expected
    assert not [t for t in found.topics if canonical_topic(t.name).endswith(("ban", "moratorium"))]


def test_a_ban_that_is_the_issue_itself_keeps_its_name() -> None:
    names = {canonical_topic("fracking"): "fracking"}
    kept = banned_topic(TopicStance(name="lifetime doping ban", stance="favor"), names)
    assert (kept.name, kept.stance) == ("lifetime doping ban", "favor")
    # Its stance was read toward fracking already (``combined``): it is kept.
    renamed = banned_topic(TopicStance(name="fracking ban", stance="against"), names)
    assert (renamed.name, renamed.stance, renamed.aliases) == ("fracking", "against", ("fracking ban",))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # A subject that is no one negates the verb.
        ("Nobody voted for the Eastway Link.", "against"),
        ("No council will back the Eastway Link.", "against"),
        ("Nothing will stop the Eastway Link.", "favor"),
        ("Everybody voted for the Eastway Link.", "favor"),
        # "go" that goes somewhere is no departure; "go ahead" proceeds.
        ("The Eastway Link will go ahead next year.", "favor"),
        ("The money from the Eastway Link will go into school sport.", "neutral"),
    ],
)
def test_subjects_of_no_one_and_the_ways_of_going(nlp, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Ms Fairley said: '{content}'"
    doc = nlp(text)
    (found,) = assign_stance(doc, assign_topics(doc, [quote_over(text, content, "said")], []), policy="rules")
    assert stance_toward(found, "Eastway Link") == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A protest set off by the topic going ahead is against it; by its loss, for it.
        ("The Eastway Link was approved in May. Drivers said they would 'take to the streets' if the Eastway Link went ahead.",
         "take to the streets", "against"),
        ("The Eastway Link was approved in May. Drivers said they would 'see the council in court' if the Eastway Link opened.",
         "see the council in court", "against"),
        ("The Eastway Link was approved in May. Residents said they would 'march on the town hall' if the council scrapped the Eastway Link.",
         "march on the town hall", "favor"),
        ("The Eastway Link was approved in May. Residents said they would 'march on the town hall' if the Eastway Link did not open.",
         "march on the town hall", "favor"),
    ],
)
def test_a_conditional_protest_is_against_what_sets_it_off(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    quote = quote_over(text, content, "said")
    (found,) = assign_stance(doc, [replace(quote, topics=(TopicStance(name="Eastway Link"),))])
    assert found.topics[0].stance == expected


@pytest.mark.parametrize(
    ("content", "topic", "expected"),
    [
        # The freedom-to-choose argument is against a measure that restricts or charges people.
        ("Shoppers are perfectly capable of deciding what to buy,", "crisp tax", "against"),
        ("Grown adults can decide for themselves how fast to ride.", "scooter limit", "against"),
        # Denied, it argues the other way: no side from this rule.
        ("Children are not capable of deciding what to buy,", "crisp tax", "neutral"),
        # About something that is no measure, it says nothing of it.
        ("Shoppers are perfectly capable of deciding what to buy,", "Eastway Link", "neutral"),
    ],
)
def test_the_freedom_to_choose_argument_is_against_a_measure(  # type: ignore[no-untyped-def]
        nlp, content: str, topic: str, expected: str) -> None:
    text = f"Ms Lark said: '{content}'"
    doc = nlp(text)
    quote = quote_over(text, content, "said", "Ms Lark")
    found = stance.combined(doc, quote, TopicStance(name=topic), [], TopicStance(name=topic), False, 0, False)
    assert (found.topic.stance if found.settled else "neutral") == expected


@pytest.mark.parametrize(
    ("text", "content", "topic", "expected"),
    [
        # The topic's fate foretold: "inevitable" for, "doomed" against.
        ("Mr Vance said he still believed the Eastway Link was 'inevitable', years after the first plan failed.",
         "inevitable", "Eastway Link", "favor"),
        ("Mr Vance said the Eastway Link was 'doomed'.", "doomed", "Eastway Link", "against"),
        ("Mr Vance said the Eastway Link was not 'inevitable'.", "inevitable", "Eastway Link", "neutral"),
        # The good a measure's money would do is a case for it; money spent instead is not.
        ("The Harbour toll starts in May. Ms Imre said the money raised would double the budget for school sport.",
         "the money raised would double the budget for school sport", "Harbour toll", "favor"),
        ("The Harbour toll starts in May. Ms Imre said the money would be spent on buses instead.",
         "the money would be spent on buses instead", "Harbour toll", "neutral"),
    ],
)
def test_a_foretold_fate_or_the_good_of_its_money_takes_a_side(  # type: ignore[no-untyped-def]
        nlp, text: str, content: str, topic: str, expected: str) -> None:
    doc = nlp(text)
    quote = quote_over(text, content, "said")
    side = stance.outcome_side(doc, quote, TopicStance(name=topic), find_mentions(doc))
    assert {1: "favor", -1: "against", 0: "neutral"}[side] == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A fragment that is an attitude adjective is toward the statement's one topic.
        ("The Eastway Link was approved. Mr Roe said he was 'still deeply sceptical'.", "still deeply sceptical", "against"),
        ("The Eastway Link was approved. Mr Roe said he was 'sceptical' about the scheme.", "sceptical", "against"),
        ("The Eastway Link was approved. Mr Roe said he was 'broadly supportive'.", "broadly supportive", "favor"),
        # Negated, or no attitude word: no side from this rule.
        ("The Eastway Link was approved. Mr Roe said he was 'not sceptical'.", "not sceptical", "neutral"),
        ("The Eastway Link was approved. Mr Roe said he was 'very tired'.", "very tired", "neutral"),
    ],
)
def test_a_bare_attitude_is_toward_the_one_topic(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    subject = TopicStance(name="Eastway Link")
    quote = replace(quote_over(text, content, "said"), topics=(subject,))
    found = stance.combined(doc, quote, subject, find_mentions(doc), subject, False, 0, False)
    assert (found.topic.stance if found.settled and found.probabilities is None else "neutral") == expected


# A topic named by an act that ends a thing ("library closures"): what is said for the thing
# itself is said against its closure, and what is said of the closure stands.
@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        (
            "Four Harwood libraries to close\n\nFour of Harwood's libraries will close in April. "
            "Ann Roe said the council must keep the libraries open.",
            "the council must keep the libraries open", "said", "against",
        ),
        (
            "Four Harwood libraries to close\n\nFour of Harwood's libraries will close in April. "
            "Ann Roe said the closures were the right decision.",
            "the closures were the right decision", "said", "favor",
        ),
        (
            "Four Harwood libraries to close\n\nFour of Harwood's libraries will close in April. "
            "Ann Roe said the closures must be stopped.",
            "the closures must be stopped", "said", "against",
        ),
    ],
)
def test_a_removal_topic_turns_what_is_said_of_the_thing_removed(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, cue: str, expected: str
) -> None:
    found = analyse(nlp, text, quote_over(text, content, cue))
    assert stance_toward(found, "library closures") == expected


def test_the_theme_stays_on_a_statement_about_another_issue_only_with_a_side(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Eastway Link scrapped\n\nThe government scrapped the Eastway Link on Monday. "
        "'The parking charge must go,' said Ann Roe."
    )
    found = analyse(nlp, text, quote_over(text, "The parking charge must go,", speaker="Ann Roe"))
    assert [canonical_topic(t.name) for t in found.topics] == ["parking charge"]


# What a measure would do to goods and harms is a side on it (the lexicon's effect and value
# entries): costing jobs or raising bills is against it, cutting bills or saving lives for it.
@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("The Motor Council said the petrol car ban would cost 12,000 jobs.",
         "the petrol car ban would cost 12,000 jobs", "against"),
        ("Ann Roe said the water levy would raise bills for every family.",
         "the water levy would raise bills for every family", "against"),
        ("Ann Roe said the water levy would lower bills for every family.",
         "the water levy would lower bills for every family", "favor"),
        ("Ann Roe said the petrol car ban would not cost a single job.",
         "the petrol car ban would not cost a single job", "favor"),
    ],
)
def test_what_a_measure_would_do_to_goods_and_harms(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content, "said"))
    topic = "petrol car ban" if "petrol" in text else "water levy"
    assert stance_toward(found, topic) == expected


# A mention of ending the topic, filed under the topic ("the closure" of the mine, "the
# bill" that would ban the app): what is said of it is said the other way of the topic.
@pytest.mark.parametrize(
    ("text", "content", "topic", "expected"),
    [
        ("Owners plan to close the Tamarack Creek coal mine. The union said it would fight the "
         "closure in court.", "it would fight the closure in court", "Tamarack Creek coal mine", "favor"),
        ("Panel advances bill to ban Flikka\n\nA House committee voted to advance a bill that "
         "would ban Flikka, the short-video app owned by Lantern Group, from American app stores.\n\n"
         "Ann Roe said the bill was a disaster.", "the bill was a disaster", "Flikka", "favor"),
    ],
)
def test_what_is_said_of_ending_the_topic_is_said_the_other_way_of_it(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, topic: str, expected: str
) -> None:
    found = analyse(nlp, text, quote_over(text, content, "said"))
    assert stance_toward(found, topic) == expected


@pytest.mark.parametrize(
    ("text", "content", "speaker", "speaker_type", "expected"),
    [
        # A body or a study speaks in its own voice, even saying "we will".
        ("The Clean Air Coalition said: 'We will fight for the ban.'", "We will fight for the ban.",
         "The Clean Air Coalition", "organization", "personal"),
        ("A study by the Lakeshore Institute found that 'the tariffs cost jobs'.", "the tariffs cost jobs",
         "A study by the Lakeshore Institute", "document", "personal"),
        # The government and a party's own document state the party line.
        ("The government said 'the ban will stay'.", "the ban will stay", "The government",
         "organization", "party"),
    ],
)
def test_a_body_speaks_in_its_own_voice_unless_it_is_a_party_or_government(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, speaker: str, speaker_type: str, expected: str
) -> None:
    quote = quote_over(text, content, speaker=speaker)
    quote = replace(quote, speaker=replace(quote.speaker, type=speaker_type))
    assert analyse(nlp, text, quote).voice == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        # A question nobody is asked objects to the measure the story is about.
        ("Kestlebury parking levy approved\n\nThe council approved a workplace parking levy. "
         "'Why should a care worker pay for a tram she will never use?' Ann Roe asked.",
         "Why should a care worker pay for a tram she will never use?", "against"),
        ("Kestlebury parking levy approved\n\nThe council approved a workplace parking levy. "
         "'Who exactly asked for this?' said Ann Roe.", "Who exactly asked for this?", "against"),
        # ... unless it asks for the same rule for all.
        ("Kestlebury parking levy approved\n\nThe council approved a workplace parking levy. "
         "'Every other city has one. Why should this one be different?' said Ann Roe.",
         "Every other city has one. Why should this one be different?", "favor"),
    ],
)
def test_a_rhetorical_question_objects_to_the_measure(nlp, text: str, content: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = analyse(nlp, text, quote_over(text, content))
    assert stance_toward(found, "Kestlebury parking levy") == expected


@pytest.mark.parametrize(
    ("text", "content", "topic", "expected"),
    [
        # Shutting a thing is against it; judged harmful, the act is for the thing.
        ("Mine to shut\n\nMr Bell warned that shutting the Tamar mine would cost 600 jobs.",
         "shutting the Tamar mine would cost 600 jobs", "Tamar mine", "favor"),
        ("Mine to shut\n\nMr Bell said: 'We should shut the Tamar mine this year.'",
         "We should shut the Tamar mine this year.", "Tamar mine", "against"),
        # Asking for more of a measure is for it.
        ("Sugar levy extended\n\nThe sugar levy will cover milkshakes. 'The sugar levy should go "
         "further,' said Ann Roe.", "The sugar levy should go further,", "sugar levy", "favor"),
        # Asking why anyone would end a thing objects to ending it: for the thing ...
        ("Four-day week trial extended\n\nThe council extended its four-day week trial. "
         "'Why would we scrap something that works?' said Ann Roe.",
         "Why would we scrap something that works?", "four-day week trial", "favor"),
        # ... and against the ban, when the topic is the ban.
        ("Corran to ban smartphones in schools\n\nThe board voted to ban smartphones in its "
         "schools. 'Why should we ban something every family relies on?' said Ann Roe.",
         "Why should we ban something every family relies on?", "smartphone ban", "against"),
        # The act the story's lead reports, named alone, is the act on the lead's topic.
        ("Licence fee to be abolished\n\nThe licence fee will be abolished in 2028. The union "
         "warned that abolition would cost 4,000 jobs.",
         "abolition would cost 4,000 jobs", "licence fee", "favor"),
        # After "but" comes the judgement.
        ("Badger cull extended\n\nThe minister said the badger cull was 'a painful but necessary "
         "step'.", "a painful but necessary step", "badger cull", "favor"),
        # A measure that remains in place is kept.
        ("Two-child limit stays\n\nThe minister said the two-child limit would remain in place.",
         "the two-child limit would remain in place", "two-child limit", "favor"),
        # "Who is going to ...?" objects to the measure, as "Why should ...?" does.
        ("Four-day school week approved\n\nThe board approved a four-day school week. 'Who is "
         "going to watch a seven-year-old on Mondays?' said Ann Roe.",
         "Who is going to watch a seven-year-old on Mondays?", "four-day school week", "against"),
    ],
)
def test_more_wording_that_takes_a_side(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, topic: str, expected: str
) -> None:
    found = analyse(nlp, text, quote_over(text, content))
    assert stance_toward(found, topic) == expected


def test_a_reaction_to_closures_going_ahead_is_against_the_closures(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Four Harwood libraries to close under budget plans\n\nFour of Harwood's eleven "
            "libraries will close in April under budget plans published today. Ann Roe, who "
            "volunteers at the Castle Street branch, said she was heartbroken.")
    found = analyse(nlp, text, quote_over(text, "she was heartbroken", cue="said", speaker="Ann Roe"))
    assert stance_toward(found, "library closures") == "against"


def test_the_department_is_what_the_a_and_e_closure_would_close(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Hensford A&E faces closure\n\nThe accident and emergency department at Hensford "
            "would close under trust plans. Ann Roe urged the trust to keep the department open.")
    found = analyse(nlp, text, quote_over(text, "the trust to keep the department open", cue="urged",
                                          speaker="Ann Roe"))
    assert stance_toward(found, "A&E closure") == "against"


@pytest.mark.parametrize(
    ("text", "content", "topic", "not_expected"),
    [
        # Scrapping a closure is against it: only the act the topic names turns.
        ("Libraries to close\n\nFour libraries will close in April. 'The council must scrap it,' "
         "said Ann Roe.", "The council must scrap it,", "library closures", "favor"),
        # Going further than wanted, or ending up paying, is no call for more.
        ("Sugar levy extended\n\nThe sugar levy will cover milkshakes. 'The sugar levy already goes "
         "further than anyone wanted,' said Ann Roe.",
         "The sugar levy already goes further than anyone wanted,", "sugar levy", "favor"),
        ("Sugar levy extended\n\nThe sugar levy will cover milkshakes. 'Why should families end up "
         "paying the sugar levy?' said Ann Roe.", "Why should families end up paying the sugar levy?",
         "sugar levy", "favor"),
        # A question answered in the same breath is no objection.
        ("Elm bridge approved\n\nThe council approved the Elm bridge. 'Who will benefit from the "
         "Elm bridge? Every commuter in town,' said Ann Roe.",
         "Who will benefit from the Elm bridge? Every commuter in town,", "Elm bridge", "against"),
        # "no less damaging" is damaging.
        ("Ms Dale said: 'The carbon tax is no less damaging than the old levy.'",
         "The carbon tax is no less damaging than the old levy.", "carbon tax", "favor"),
    ],
)
def test_wording_that_looks_like_a_side_but_is_not_that_side(  # type: ignore[no-untyped-def]
    nlp, text: str, content: str, topic: str, not_expected: str
) -> None:
    found = analyse(nlp, text, quote_over(text, content))
    assert stance_toward(found, topic) != not_expected

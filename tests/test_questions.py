"""Specification of the questions stage (``onrecord.questions``) and its evaluation.

The texts are fictional, written for these tests. Quotes are built by hand (offsets found
with ``str.index``) so the questions stage is tested on its own, whatever the quotes and
speakers stages do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from onrecord.evaluate.questions_eval import (
    GoldQuestion,
    evaluate_questions,
    load_gold,
    match,
    render_text,
    same_person,
    span_agreement,
)
from onrecord.models import Question, Quote, Removed, Span, Speaker
from onrecord.questions import find_questions, person_entities


@dataclass(frozen=True)
class Q:
    """A hand-made quote: content and cue located by their words, the speaker named."""

    content: str
    cue: str
    mention: str
    name: str | None
    kind: str = "direct"


def build_quotes(text: str, specs: list[Q]) -> list[Quote]:
    quotes: list[Quote] = []
    for number, spec in enumerate(specs, 1):
        start = text.index(spec.content)
        end = start + len(spec.content)
        # The cue and the mention are the nearest occurrences around the content.
        cue = _nearest(text, spec.cue, start, end)
        mention = _nearest(text, spec.mention, start, end)
        quotes.append(
            Quote(
                id=f"q{number}",
                kind=spec.kind,  # type: ignore[arg-type]
                content=Span.of(text, start, end),
                cue=Span.of(text, cue, cue + len(spec.cue)),
                speaker=Speaker(spec.name, "person",
                                Span.of(text, mention, mention + len(spec.mention))),
            )
        )
    return quotes


def _nearest(text: str, words: str, start: int, end: int) -> int:
    after = text.find(words, end)
    before = text.rfind(words, 0, start)
    options = [i for i in (after, before) if i >= 0]
    assert options, words
    return min(options, key=lambda i: abs(i - start) if i < start else i - end)


def questions_of(nlp, text: str, specs: list[Q] | None = None,  # type: ignore[no-untyped-def]
                 removed: list[Removed] | None = None) -> list[Question]:
    return find_questions(nlp(text), build_quotes(text, specs or []), removed or [])


# --- one question each: what was asked, of whom, by whom, and what became of it -------------

CASES = [
    # Answers that defer or keep thinking are no answer.
    pytest.param(
        "Ravi Joshi visited the farms on Monday. Asked whether farmers would be compensated, "
        "Mr Joshi said the matter was under the active consideration of the government.",
        [Q("the matter was under the active consideration of the government", "said", "Mr Joshi",
           "Ravi Joshi")],
        "whether farmers would be compensated", "Ravi Joshi", None, "evaded",
        "under the active consideration", id="deferred-under-consideration",
    ),
    pytest.param(
        "Bronwyn Tully spoke in Canberra. Asked whether she had changed her view, Ms Tully "
        "said circumstances had changed.",
        [Q("circumstances had changed", "said", "Ms Tully", "Bronwyn Tully")],
        "whether she had changed her view", "Bronwyn Tully", None, "evaded",
        "circumstances had changed", id="deferred-circumstances",
    ),
    pytest.param(
        "Grace Okafor visited the depot on Monday. Asked whether she would resign, "
        "Ms Okafor said: ‘No.’",
        [Q("No.", "said", "Ms Okafor", "Grace Okafor")],
        "whether she would resign", "Grace Okafor", None, "answered", "said",
        id="fronted-asked-answered-no",
    ),
    pytest.param(
        "Lena Hartley opened the depot on Monday. She was asked by reporters whether the cuts "
        "would go ahead and declined to comment.",
        [],
        "whether the cuts would go ahead", "Lena Hartley", None, "declined",
        "declined to comment",
        id="passive-by-reporters-declined",
    ),
    pytest.param(
        "Pressed on whether the scheme would be scrapped, the minister sidestepped the question.",
        [],
        "whether the scheme would be scrapped", "the minister", None, "evaded", "sidestepped",
        id="pressed-on-evaded",
    ),
    pytest.param(
        "Daniel Pell spoke on Radio Kent on Friday. Tom Ashby asked him whether he would stand "
        "again. ‘I will stand again, and I will win,’ said Mr Pell.",
        [Q("I will stand again, and I will win,", "said", "Mr Pell", "Daniel Pell")],
        "whether he would stand again", "Daniel Pell", "Tom Ashby", "answered", "said",
        id="active-asked-him-answered-on-topic",
    ),
    pytest.param(
        "Simon Hale, the council leader, appeared on the programme. Mr Hale was quizzed about "
        "his expenses on the programme but would not be drawn.",
        [],
        "about his expenses", "Simon Hale", None, "declined", "would not be drawn",
        id="quizzed-about-declined",
    ),
    pytest.param(
        "Councillor Ruth Adebayo spoke after the meeting. When asked about the housing plan, "
        "she said the council would publish it in May.",
        [Q("the council would publish it in May", "said", "she", "Ruth Adebayo", "indirect")],
        "about the housing plan", "Ruth Adebayo", None, "answered", "said",
        id="when-asked-about-answered-by-reference",
    ),
    pytest.param(
        "Rhiannon Price defended the budget on Tuesday. In an interview with Mark Dale on "
        "City Radio, Mr Dale put it to her that the plan had failed.",
        [],
        "that the plan had failed", "Rhiannon Price", "Mark Dale", "unknown", None,
        id="put-it-to-her",
    ),
    pytest.param(
        "Fenwick Bank reported a loss on Wednesday. Asked about the merger, a spokesman for the "
        "bank said: ‘No comment.’",
        [Q("No comment.", "said", "a spokesman for the bank", None)],
        "about the merger", "a spokesman for the bank", None, "declined", "No comment",
        id="no-comment-in-the-answer",
    ),
    pytest.param(
        "Dr Anika Bryce runs the clinic. She declined to say which services would close.",
        [],
        "which services would close", "Anika Bryce", None, "declined", "declined to say",
        id="refusal-implies-the-question",
    ),
    pytest.param(
        "Senator Joan Whitlow met voters in Reno. “I have always put Nevada first,” she said "
        "when asked whether she would back the water bill.",
        [Q("I have always put Nevada first,", "said", "she", "Joan Whitlow")],
        "whether she would back the water bill", "Joan Whitlow", None, "evaded", "said",
        id="reply-before-question-off-topic",
    ),
    pytest.param(
        "Asked whether he still believed the mine should close, Mr Carver did not answer "
        "directly.",
        [],
        "whether he still believed the mine should close", "Mr Carver", None, "evaded",
        "did not answer directly",
        id="did-not-answer-directly",
    ),
    pytest.param(
        "Owen Carver spoke to Alice Fry on Border Radio. He repeatedly set out the union’s "
        "position but refused to be drawn on whether the strike would go ahead.",
        [],
        "whether the strike would go ahead", "Owen Carver", "Alice Fry", "evaded",
        "repeatedly set out the union’s position but refused to be drawn",
        id="party-line-but-refused-to-be-drawn",
    ),
]


@pytest.mark.parametrize(
    ("text", "specs", "asked", "addressee", "asker", "outcome", "evidence"), CASES
)
def test_a_reported_question_is_found_with_its_people_and_outcome(
    nlp, text, specs, asked, addressee, asker, outcome, evidence  # type: ignore[no-untyped-def]
) -> None:
    found = questions_of(nlp, text, specs)
    assert [q.text.text for q in found] == [asked]
    question = found[0]
    assert question.id == "x1"
    assert text[question.text.start:question.text.end] == question.text.text
    assert question.addressee == addressee
    assert question.asker == asker
    assert question.outcome == outcome
    if evidence is None:
        assert question.evidence is None
    else:
        assert question.evidence is not None and question.evidence.text == evidence


@pytest.mark.parametrize(
    ("pronoun", "addressee"),
    [("him", "Owen Carver"),  # the article calls him "he"
     ("her", None)],  # nobody the article calls "she": not Mr Carver
)
def test_a_pronoun_addressee_agrees_with_the_gender_the_article_shows(
    nlp, pronoun: str, addressee: str | None  # type: ignore[no-untyped-def]
) -> None:
    text = (f"Owen Carver spoke at the rally. ‘We will win,’ he said. Reporters asked {pronoun} "
            "whether the strike would go ahead. There was no reply.")
    found = questions_of(nlp, text, [Q("We will win,", "said", "he", "Owen Carver")])
    assert [q.addressee for q in found] == [addressee]


@pytest.mark.parametrize(
    ("text", "people"),
    [("Boris Johnson spoke. Critics attacked the Johnson government.", ["Boris Johnson"]),
     ("Mary Hale spoke on Monday. The Hale plan was attacked by Tom Ashby.",
      ["Mary Hale", "Tom Ashby"]),
     ("Gareth Penhaligon met Alison Marchbank.", ["Gareth Penhaligon", "Alison Marchbank"])],
)
def test_a_name_modifying_a_thing_is_no_person_a_pronoun_could_stand_for(
    nlp, text: str, people: list[str]  # type: ignore[no-untyped-def]
) -> None:
    assert [span.text for span in person_entities(nlp(text))] == people


def test_answers_are_the_addressees_following_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Daniel Pell spoke on Radio Kent on Friday. Tom Ashby asked him whether he would stand "
        "again. ‘I will stand again,’ said Mr Pell.\n\n"
        "‘He will lose,’ said Nora Quill, his rival.\n\n"
        "‘I am ready for the contest,’ Mr Pell added."
    )
    specs = [
        Q("I will stand again,", "said", "Mr Pell", "Daniel Pell"),
        Q("He will lose,", "said", "Nora Quill", "Nora Quill"),
        Q("I am ready for the contest,", "added", "Mr Pell", "Daniel Pell"),
    ]
    (question,) = questions_of(nlp, text, specs)
    # The rival speaks in between: the exchange has moved on, so q3 is not an answer.
    assert question.answer_quote_ids == ("q1",)


def test_an_interviewers_quoted_question_is_put_to_the_next_speaker(
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    text = (
        "Daniel Pell was interviewed on Friday. ‘Will you stand again?’ asked the presenter, "
        "Jo Marsh. ‘That is a matter for the party,’ Mr Pell replied."
    )
    specs = [
        Q("Will you stand again?", "asked", "the presenter, Jo Marsh", "Jo Marsh"),
        Q("That is a matter for the party,", "replied", "Mr Pell", "Daniel Pell"),
    ]
    (question,) = questions_of(nlp, text, specs)
    assert question.text.text == "Will you stand again?"
    assert question.asker == "Jo Marsh"
    assert question.addressee == "Daniel Pell"
    assert question.answer_quote_ids == ("q2",)
    # The reply says whose matter it is instead of answering: an evasion, in its own words.
    assert question.outcome == "evaded"
    assert question.evidence is not None and question.evidence.text == "a matter for"


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ("No.", "answered"),
        ("I already have.", "answered"),  # too short to be about something else
        ("I will stand again if the members want me.", "answered"),  # shares "stand"
        ("What matters is the budget we set for families.", "evaded"),  # about else
        ("We will have to wait and see.", "evaded"),
        ("Nothing is off the table.", "evaded"),
        ("I am not going to speculate about that.", "evaded"),
        ("We will cross that bridge when we come to it.", "evaded"),
        ("Circumstances change, and so do I.", "evaded"),
        ("It will not come to that.", "evaded"),
    ],
)
def test_a_quoted_answer_is_judged_by_its_words(
    nlp, answer: str, outcome: str  # type: ignore[no-untyped-def]
) -> None:
    text = (
        "Daniel Pell spoke on Radio Kent. Asked whether he would stand again as leader of "
        f"the council, Mr Pell said: ‘{answer}’"
    )
    (question,) = questions_of(nlp, text, [Q(answer, "said", "Mr Pell", "Daniel Pell")])
    assert question.answer_quote_ids == ("q1",)
    assert question.outcome == outcome


def test_a_named_interviewer_asks_the_later_questions_too(
    nlp,  # type: ignore[no-untyped-def]
) -> None:
    text = (
        "Interviewed by Kate Ormond on Coast FM, Ruth Adebayo defended the budget.\n\n"
        "Asked whether the library would close, she declined to comment.\n\n"
        "Presenter Sam Okoro then asked her whether she would resign. She did not answer "
        "directly.\n\n"
        "Pressed on whether the tax would rise, she sidestepped the question."
    )
    found = questions_of(nlp, text)
    assert [(q.asker, q.addressee, q.outcome) for q in found] == [
        ("Kate Ormond", "Ruth Adebayo", "declined"),
        ("Sam Okoro", "Ruth Adebayo", "evaded"),
        ("Sam Okoro", "Ruth Adebayo", "evaded"),
    ]


# --- what is not a question ---------------------------------------------------------------

NOT_QUESTIONS = [
    pytest.param("The minister has repeatedly questioned the council’s figures.", [],
                 id="questioned-as-doubted"),
    pytest.param("He asked the council to reconsider the closure.", [], id="a-request"),
    pytest.param("She asked for patience while the review continued.", [], id="asked-for"),
    pytest.param("He was asked.", [], id="no-question-words"),
    pytest.param(
        "‘Whenever I ask you whether you back the plan, you change the subject,’ said "
        "Mr Ashby.",
        [Q("Whenever I ask you whether you back the plan, you change the subject,", "said",
           "Mr Ashby", "Tom Ashby")],
        id="asking-inside-a-quote",
    ),
    pytest.param(
        "‘Why should we pay for their mistakes?’ she said. ‘We will not.’",
        [Q("Why should we pay for their mistakes?", "said", "she", "Ruth Adebayo"),
         Q("We will not.", "said", "she", "Ruth Adebayo")],
        id="rhetorical-question-in-a-speech",
    ),
    pytest.param(
        "‘You are not in this for the long haul, are you?’ said Mr Ashby. "
        "‘I am,’ Mr Pell said.",
        [Q("You are not in this for the long haul, are you?", "said", "Mr Ashby", "Tom Ashby"),
         Q("I am,", "said", "Mr Pell", "Daniel Pell")],
        id="tag-question-is-an-assertion",
    ),
]


NOT_QUESTIONS += [
    pytest.param(
        "Asked whether the tax was fair, 62 percent of voters said it was not.", [],
        id="a-poll-question",
    ),
    pytest.param(
        "‘Why should a cleaner fund a cheque for her neighbour?’ Mr Bland asked.\n\n"
        "‘The pilot works,’ said Ms Reilly.",
        [Q("Why should a cleaner fund a cheque for her neighbour?", "asked", "Mr Bland",
           "Terence Bland"),
         Q("The pilot works,", "said", "Ms Reilly", "Siobhan Reilly")],
        id="rhetorical-question-answered-by-someone-else",
    ),
    pytest.param("Mr Carver did not say when.", [], id="one-word-question"),
    pytest.param(
        "Carver asks whether the mine can be saved\n\nOwen Carver spoke on Monday.", [],
        id="headline",
    ),
]


@pytest.mark.parametrize(("text", "specs"), NOT_QUESTIONS)
def test_not_a_question(nlp, text, specs) -> None:  # type: ignore[no-untyped-def]
    assert questions_of(nlp, text, specs) == []


def test_a_question_in_a_removed_caption_is_skipped(nlp) -> None:  # type: ignore[no-untyped-def]
    caption = "Mr Pell, pictured today, was asked whether he would stand again."
    text = "Daniel Pell spoke on Friday.\n\n" + caption
    start = text.index(caption)
    removed = [Removed(start, start + len(caption), "caption")]
    assert questions_of(nlp, text, [], removed) == []
    assert len(questions_of(nlp, text, [], [])) == 1


@pytest.mark.parametrize(
    ("follow_up", "questions"),
    [
        ("He declined to comment on future policy.", 1),  # the answer to the question
        ("He declined to say which pits would close.", 2),  # a new question
        ("He declined to comment on reports that the owners had offered a deal.", 2),
    ],
)
def test_a_refusal_after_a_question_is_its_outcome_unless_it_asks_something_new(
    nlp, follow_up: str, questions: int  # type: ignore[no-untyped-def]
) -> None:
    text = "Owen Carver was asked whether the union would strike. " + follow_up
    found = questions_of(nlp, text)
    assert len(found) == questions
    assert found[-1].outcome == "declined"


@pytest.mark.parametrize(
    ("sentence", "outcome", "evidence"),
    [
        ("She was asked whether she would quit and refused to comment.", "declined",
         "refused to comment"),
        ("He was asked whether he would quit but did not respond to requests for comment.",
         "declined", "did not respond to requests"),
        ("She was asked whether she would quit and dodged the question.", "evaded", "dodged"),
        ("He was asked whether he would quit but refused to directly answer.", "evaded",
         "refused to directly answer"),
        ("She was asked whether she would quit and again refused to engage with it.", "evaded",
         "again refused to engage"),
        ("He was asked whether he would quit and replied that he would.", "answered", "replied"),
        ("She was asked how many jobs would go and declined to give a figure.", "declined",
         "declined to give a figure"),
        # The reporter says no commitment was given: evaded.
        ("Asked whether the district would pay for Monday care, he said the board would look "
         "at every option but gave no commitment.", "evaded", "gave no commitment"),
    ],
)
def test_the_outcome_words(
    nlp, sentence: str, outcome: str, evidence: str  # type: ignore[no-untyped-def]
) -> None:
    (question,) = questions_of(nlp, "Owen Carver spoke on Monday. " + sentence)
    assert question.outcome == outcome
    assert question.evidence is not None and question.evidence.text == evidence


# --- the worked example (real article, read from the shared folder, never copied) ----------

def test_worked_example_three_questions_none_answered(
    nlp, example_text: str  # type: ignore[no-untyped-def]
) -> None:
    corbyn, vine = "Jeremy Corbyn", "Jeremy Vine"
    specs = [
        Q("Our party recognises", "said", "He", corbyn),
        Q("It is a Cold War product", "said", "he", corbyn),
        Q("Our manifesto says that", "said", "he", corbyn),
        Q("I feel your heart", "said", "Mr Vine", vine),
        Q("With the greatest respect", "replied", "Mr Corbyn", corbyn),
    ]
    found = questions_of(nlp, example_text, specs)
    assert len(found) == 3
    expected = [
        ("whether he personally supports", "refused to be drawn"),
        ("if he stood by the comments", "refused to directly answer"),
        ("if he wanted the UK to pull out", "again refused to engage"),
    ]
    for question, (asked, evidence) in zip(found, expected, strict=True):
        assert question.text.text.startswith(asked)
        assert question.asker == vine
        assert question.addressee == corbyn
        assert question.outcome in {"evaded", "declined"}
        assert question.evidence is not None and evidence in question.evidence.text


# --- evaluation ------------------------------------------------------------------------------

def test_span_agreement() -> None:
    text = "asked whether he would stand again next year"
    whole = (0, len(text))
    assert span_agreement(text, whole, (6, 30)) == 1.0  # containment
    # "asked whether he wou" and "whether he would stand a": 12 shared of 25 letters.
    assert span_agreement(text, (0, 20), (6, 30)) == pytest.approx(12 / 25)
    assert span_agreement(text, (0, 5), (31, 44)) == 0.0


def test_match_is_one_to_one_and_needs_half_overlap() -> None:
    text = "whether he would stand again; whether she would go"
    gold = [GoldQuestion("a", 0, 28, text[0:28], None, "X", "answered", None)]
    near = Question("x1", Span.of(text, 8, 35), None, "X", "answered")
    twin = Question("x2", Span.of(text, 0, 28), None, "X", "answered")
    far = Question("x3", Span.of(text, 30, 50), None, "X", "answered")
    pairs = match(text, gold, [near, twin, far])
    assert [p.predicted.id for p in pairs] == ["x2"]  # the best match; gold is used once
    assert [p.predicted.id for p in match(text, gold, [near])] == ["x1"]
    assert match(text, gold, [far]) == []


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [("Grace Okafor", "Ms Okafor", True), ("Grace Okafor", "grace okafor", True),
     ("Grace Okafor", "Lena Hartley", False), (None, None, True), ("Tom Ashby", None, False)],
)
def test_same_person(gold: str | None, predicted: str | None, same: bool) -> None:
    assert same_person(gold, predicted) is same


GOLD_ARTICLES = [
    {
        "id": "mine",
        "date": "2022-05-03",
        "text": (
            "Union warns over mine closure\n\n"
            "Owen Carver, the union leader, spoke to Alice Fry on Border Radio on Tuesday.\n\n"
            "He was asked whether the strike would go ahead and declined to comment.\n\n"
            "Asked if he had met the owners, Mr Carver said he had met them twice."
        ),
        "questions": [
            {"text": "whether the strike would go ahead", "asker": "Alice Fry",
             "addressee": "Owen Carver", "outcome": "declined", "evidence": "declined to comment"},
            {"text": "if he had met the owners", "asker": "Alice Fry",
             "addressee": "Owen Carver", "outcome": "answered", "evidence": "said"},
        ],
    },
    {
        "id": "clinic",
        "date": None,
        "text": (
            "Clinic hours to be cut\n\n"
            "Dr Anika Bryce, who runs the Westgate clinic, said hours would be cut from June.\n\n"
            "Pressed on whether staff would lose their jobs, Dr Bryce sidestepped the question."
        ),
        "questions": [
            {"text": "whether staff would lose their jobs", "asker": None,
             "addressee": "Anika Bryce", "outcome": "evaded", "evidence": "sidestepped"},
        ],
    },
]


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    path = tmp_path / "statements.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in GOLD_ARTICLES) + "\n", encoding="utf-8")
    return path


def test_load_gold_resolves_spans(gold_path: Path) -> None:
    articles = load_gold(gold_path)
    assert [a.id for a in articles] == ["mine", "clinic"]
    for article in articles:
        for question in article.questions:
            assert article.text[question.start:question.end] == question.text


def test_load_gold_names_a_missing_question(tmp_path: Path) -> None:
    bad = dict(GOLD_ARTICLES[1], questions=[{"text": "not there", "outcome": "answered"}])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="clinic.*not there"):
        load_gold(path)


def test_evaluate_questions_on_fixture_articles(gold_path: Path) -> None:
    report = evaluate_questions(gold_path)
    assert report.articles == 2
    assert report.detection.gold == 3
    assert report.precision >= 0.8 and report.recall >= 0.8
    assert report.failed_floors() == []
    assert report.outcome_accuracy == 1.0
    assert report.addressee_accuracy == 1.0
    data = report.to_json()
    assert data["per_outcome"]["dodged"]["gold"] == 2
    assert set(data) >= {"detection", "outcome_accuracy", "addressee_accuracy", "per_outcome"}
    assert "precision" in render_text(report)


EVALSET = Path(__file__).resolve().parents[1] / "evalsets" / "statements.jsonl"


@pytest.mark.slow
def test_questions_meet_the_floors_on_the_labelled_corpus() -> None:
    if not EVALSET.exists():
        pytest.skip(f"the labelled corpus is not here yet ({EVALSET})")
    report = evaluate_questions(EVALSET)
    assert report.failed_floors() == [], render_text(report)


def test_an_answer_is_never_dropped_as_the_question_it_answers() -> None:
    from onrecord.models import Question, Quote, Span, Speaker
    from onrecord.questions import without_question_texts

    text = ("Asked if she would stand again, Ms Reyes said: ‘No. I have done my bit.’ "
            "She refused to be drawn on her successor.")
    def span(words: str) -> Span:
        start = text.index(words)
        return Span.of(text, start, start + len(words))
    answer = Quote(id="q1", kind="direct", content=span("No. I have done my bit."),
                   cue=span("said"), speaker=Speaker("Ana Reyes", "person"))
    refusal = Quote(id="q2", kind="indirect", content=span("to be drawn on her successor"),
                    cue=span("refused"), speaker=Speaker("Ana Reyes", "person"))
    asked = Question(id="x1", text=span("if she would stand again"), asker=None,
                     addressee="Ana Reyes", outcome="answered", answer_quote_ids=("q1",),
                     evidence=span("said"))
    declined = Question(id="x2", text=span("her successor"), asker=None, addressee="Ana Reyes",
                        outcome="declined", evidence=span("refused to be drawn"))
    kept, questions = without_question_texts([answer, refusal], [asked, declined])
    assert [q.content.text for q in kept] == ["No. I have done my bit."]
    assert questions[0].answer_quote_ids == ("q1",)


@pytest.mark.parametrize("seed", range(5))
def test_inside_answers_as_a_scan_of_every_range_would(seed: int) -> None:
    import random

    from onrecord.questions import _inside

    rng = random.Random(seed)
    ranges = tuple(sorted((a, a + rng.randint(1, 40)) for a in rng.sample(range(500), 40)))
    for _ in range(300):
        start = rng.randint(0, 540)
        end = start + rng.randint(0, 10)
        assert _inside(start, end, ranges) == any(s <= start and end <= e for s, e in ranges)


@pytest.mark.parametrize(
    ("owner", "kept"),
    [("his 2012", True),  # his own past words: a statement of his, of its own date
     ("the union's", False)],  # somebody's claim put to him, nobody named: no statement
)
def test_a_claim_named_inside_a_question_is_a_statement_only_when_it_has_a_speaker(
    owner: str, kept: bool
) -> None:
    import onrecord

    text = (f"Rail row\n\nOwen Tremayne spoke on Saturday. He was asked whether he stood by "
            f"{owner} claim that the line was unsafe. He did not answer.")
    found = [q.content.text for q in onrecord.analyze(text, date="2022-03-07").quotes]
    assert ("that the line was unsafe" in found) is kept


@pytest.mark.parametrize(
    ("text", "speaker", "stances"),
    [
        pytest.param(  # put to someone: on record as the asker's words, but no side taken
            "Toll row\n\nPresenter Ann Vale interviewed Mayor Tom Reyes on Monday about the "
            "Harbour Bridge toll. “Will you scrap the Harbour Bridge toll?” Ms Vale asked Mr "
            "Reyes. He did not answer.",
            "Ann Vale", {"neutral"}, id="put to someone: neutral"),
        pytest.param(  # a rhetorical question to nobody in particular keeps its reading
            "Toll row\n\nCouncillor Rob Tilly spoke at a rally on Monday about the Harbour Bridge "
            "toll. “Why don’t we scrap the Harbour Bridge toll and fix the buses instead?” Mr "
            "Tilly asked.",
            "Rob Tilly", {"against"}, id="rhetorical: its reading"),
    ],
)
def test_a_quoted_question_is_a_statement_that_takes_a_side_only_when_rhetorical(
    text: str, speaker: str, stances: set[str]
) -> None:
    import onrecord

    analyzed = onrecord.analyze(text, date="2023-05-10")
    [asked] = [q for q in analyzed.quotes if "?" in q.content.text]
    assert asked.speaker.name == speaker
    assert asked.topics and {t.stance for t in asked.topics} <= stances


def test_a_quoted_question_given_to_the_person_asked_is_no_statement_of_theirs() -> None:
    import onrecord

    text = ("Server row\n\nSidney Blum was asked, “If you had known about the server, would you "
            "have told her it was a bad idea?” He answered, “I have no idea. We are old friends.”")
    analyzed = onrecord.analyze(text, date="2023-05-10")
    assert [(q.speaker.name, q.content.text) for q in analyzed.quotes] == [
        ("Sidney Blum", "I have no idea. We are old friends.")]
    assert [x.addressee for x in analyzed.questions] == ["Sidney Blum"]

"""The team-written gold corpus (evalsets/) and its loader.

The corpus must resolve completely (every label is a real stretch of its article), meet the agreed
sizes, use only allowed labels, keep stances balanced, and stay consistent with itself (change
cases point at statements that exist; nobody speaks after the article was published). The loader
must refuse bad labels loudly. Texts in the small cases below are written for these tests.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from onrecord.evaluate.statements import (
    KINDS,
    OUTCOMES,
    PRECISIONS,
    SPEAKER_TYPES,
    STANCES,
    VOICES,
    GoldArticle,
    GoldChange,
    default_evalset_dir,
    find_nearest,
    find_occurrence,
    load_changes,
    load_questions,
    load_statements,
    parse_article,
)
from onrecord.models import Span

EVALSETS = default_evalset_dir()
EXAMPLES = EVALSETS.parent / "examples"
# The shared folder is found the same way as in tests/conftest.py.
SHARED = Path(os.environ.get("ONRECORD_SHARED", Path(__file__).resolve().parents[3] / "shared"))
POLNEAR_TEXT = SHARED / "data" / "polnear-train" / "text"


@pytest.fixture(scope="module")
def articles() -> list[GoldArticle]:
    return load_statements()


@pytest.fixture(scope="module")
def changes() -> list[GoldChange]:
    return load_changes()


def raw_lines(name: str) -> list[dict[str, Any]]:
    lines = (EVALSETS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- the corpus resolves and is big enough ------------------------------------------------


def test_default_evalset_dir_is_the_checkout_folder() -> None:
    assert EVALSETS.name == "evalsets"
    assert (EVALSETS / "statements.jsonl").is_file()


@pytest.mark.parametrize(
    ("what", "minimum"),
    [("articles", 35), ("statements", 170), ("questions", 45), ("changes", 32)],
)
def test_corpus_meets_the_agreed_sizes(
    articles: list[GoldArticle], changes: list[GoldChange], what: str, minimum: int
) -> None:
    counts = {
        "articles": len(articles),
        "statements": sum(len(a.statements) for a in articles),
        "questions": sum(len(a.questions) for a in articles),
        "changes": len(changes),
    }
    assert counts[what] >= minimum


def test_every_label_is_the_text_it_claims(articles: list[GoldArticle]) -> None:
    raw = {r["id"]: r for r in raw_lines("statements.jsonl")}
    for article in articles:
        for statement, record in zip(article.statements, raw[article.id]["statements"]):
            assert statement.content.text == record["content"]
            start, end = statement.content.start, statement.content.end
            assert article.text[start:end] == record["content"]
            assert statement.mention.text == record["mention"]
        for question, record in zip(article.questions, raw[article.id]["questions"]):
            assert question.text.text == record["text"]
            assert question.evidence.text == record["evidence"]


def test_articles_are_news_length(articles: list[GoldArticle]) -> None:
    lengths = {a.id: len(a.text.split()) for a in articles}
    assert {i: n for i, n in lengths.items() if not 150 <= n <= 500} == {}


def test_some_articles_have_no_date(articles: list[GoldArticle]) -> None:
    assert sum(a.date is None for a in articles) >= 2


# --- labels are in their sets and cover every case -----------------------------------------


def test_every_label_is_allowed(articles: list[GoldArticle]) -> None:
    for article in articles:
        for s in article.statements:
            assert s.kind in KINDS and s.speaker_type in SPEAKER_TYPES
            assert s.precision in PRECISIONS and s.voice in VOICES
            assert all(t.stance in STANCES and t.name for t in s.topics)
            assert s.speaker and s.note
        for q in article.questions:
            assert q.outcome in OUTCOMES and q.addressee


@pytest.mark.parametrize(
    ("field", "value", "minimum"),
    [
        ("kind", "direct", 20),
        ("kind", "partial", 20),
        ("kind", "indirect", 20),
        ("precision", "day", 20),
        ("precision", "month", 5),
        ("precision", "year", 10),
        ("precision", "unknown", 10),
        ("voice", "party", 5),
        ("speaker_type", "organization", 10),
        ("speaker_type", "document", 8),
    ],
)
def test_each_case_occurs_several_times(
    articles: list[GoldArticle], field: str, value: str, minimum: int
) -> None:
    count = sum(getattr(s, field) == value for a in articles for s in a.statements)
    assert count >= minimum


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_each_question_outcome_occurs_several_times(
    articles: list[GoldArticle], outcome: str
) -> None:
    assert sum(q.outcome == outcome for a in articles for q in a.questions) >= 8


def test_stances_are_roughly_balanced(articles: list[GoldArticle]) -> None:
    stances = Counter(t.stance for a in articles for s in a.statements for t in s.topics)
    total = sum(stances.values())
    shares = {stance: stances[stance] / total for stance in STANCES}
    assert all(0.2 <= share <= 0.45 for share in shares.values()), shares


def test_topics_recur_across_articles(articles: list[GoldArticle]) -> None:
    topic_articles: dict[str, set[str]] = {}
    for article in articles:
        for s in article.statements:
            for t in s.topics:
                topic_articles.setdefault(t.name, set()).add(article.id)
    assert sum(len(ids) >= 3 for ids in topic_articles.values()) >= 8


def test_nobody_speaks_after_publication(articles: list[GoldArticle]) -> None:
    late = [
        (a.id, s.content.text[:40])
        for a in articles
        if a.date
        for s in a.statements
        if s.said_on and s.said_on > a.date[: len(s.said_on)]
    ]
    assert late == []


def test_questions_file_mirrors_the_articles(articles: list[GoldArticle]) -> None:
    loaded = load_questions(articles=articles)
    flat = [(article_id, q.text.text, q.outcome) for article_id, q in loaded]
    nested = [(a.id, q.text.text, q.outcome) for a in articles for q in a.questions]
    assert flat == nested


# --- change cases point at what the corpus says --------------------------------------------


def stances_of(articles: list[GoldArticle], change: GoldChange) -> list[tuple[str | None, str]]:
    by_id = {a.id: a for a in articles}
    return [
        (s.said_on, t.stance)
        for article_id in change.articles
        for s in by_id[article_id].statements
        if s.speaker == change.speaker
        for t in s.topics
        if t.name == change.topic
    ]


def test_every_change_case_references_existing_articles(
    articles: list[GoldArticle], changes: list[GoldChange]
) -> None:
    ids = {a.id for a in articles}
    assert [c.id for c in changes if not c.articles or not set(c.articles) <= ids] == []
    assert len({c.id for c in changes}) == len(changes)


@pytest.mark.parametrize("expected", ["change", "no_change", "unordered"])
def test_each_expectation_is_represented(changes: list[GoldChange], expected: str) -> None:
    assert sum(c.expected == expected for c in changes) >= 3


def test_change_cases_agree_with_the_statements(
    articles: list[GoldArticle], changes: list[GoldChange]
) -> None:
    for change in changes:
        found = stances_of(articles, change)
        seen = {stance for _, stance in found}
        assert found, change.id
        if change.expected == "change":
            assert {change.from_stance, change.to_stance} <= seen, change.id
            assert change.from_stance != change.to_stance, change.id
        elif change.expected == "no_change":
            assert change.from_stance == change.to_stance and change.kind is None, change.id
            assert change.from_stance in seen, change.id
        else:
            assert any(said_on is None for said_on, _ in found), change.id
            assert len(seen) >= 2, change.id


# --- the texts are our own ----------------------------------------------------------------


def shingles(text: str, size: int = 10) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def bundled_texts() -> Iterator[str]:
    for name in ("statements.jsonl", "fresh.jsonl"):
        for article in raw_lines(name):
            yield article["text"]
    for path in sorted(EXAMPLES.glob("*")):
        yield path.read_text(encoding="utf-8")


def test_bundled_texts_share_no_passage_with_the_worked_example(example_text: str) -> None:
    theirs = shingles(example_text)
    assert [text[:60] for text in bundled_texts() if shingles(text) & theirs] == []


def test_bundled_texts_share_no_passage_with_polnear() -> None:
    if not POLNEAR_TEXT.is_dir():
        pytest.skip(f"PolNeAR is not here ({POLNEAR_TEXT}); it is never copied into the repo")
    theirs: set[tuple[str, ...]] = set()
    for path in POLNEAR_TEXT.iterdir():
        theirs |= shingles(path.read_text(encoding="utf-8", errors="replace"))
    assert [text[:60] for text in bundled_texts() if shingles(text) & theirs] == []


# --- the fresh set: articles written after the code, by labellers who never saw it ----------


@pytest.fixture(scope="module")
def fresh() -> list[GoldArticle]:
    return load_statements(EVALSETS / "fresh.jsonl")


def test_the_fresh_set_resolves_and_is_big_enough(fresh: list[GoldArticle]) -> None:
    assert len(fresh) >= 25
    assert sum(len(a.statements) for a in fresh) >= 300


def test_the_fresh_set_uses_only_allowed_labels_and_new_ids(
    fresh: list[GoldArticle], articles: list[GoldArticle]
) -> None:
    for article in fresh:
        for statement in article.statements:
            assert statement.kind in KINDS and statement.voice in VOICES
            assert all(topic.stance in STANCES for topic in statement.topics)
    assert not {a.id for a in fresh} & {a.id for a in articles}


# --- the loader: offsets and loud failures -------------------------------------------------

TEXT = "The minister said he would go. ‘We will stay,’ he added. Then he left the theatre."


@pytest.mark.parametrize(
    ("needle", "occurrence", "start"),
    [("he", 0, 1), ("he", 1, 18), ("We will stay", 0, 32)],
)
def test_find_occurrence_counts_from_zero(needle: str, occurrence: int, start: int) -> None:
    span = find_occurrence(TEXT, needle, occurrence, "t")
    assert (span.start, span.text) == (start, needle)


def test_find_nearest_takes_whole_words_closest_to_the_anchor() -> None:
    anchor = find_occurrence(TEXT, "We will stay", 0, "t")
    span = find_nearest(TEXT, "he", anchor, "t")
    assert TEXT[span.start - 2 : span.end + 6] == "’ he added"


def test_find_nearest_never_matches_inside_a_word() -> None:
    with pytest.raises(ValueError, match="'minis' not found"):
        find_nearest(TEXT, "minis", Span.of(TEXT, 0, 3), "t")


def record(**changes: Any) -> dict[str, Any]:
    statement = {
        "content": "We will stay",
        "occurrence": 0,
        "kind": "direct",
        "speaker": "Ann Example",
        "speaker_type": "person",
        "mention": "he",
        "said_on": "2020-01-02",
        "precision": "day",
        "voice": "personal",
        "topics": [{"name": "the club", "stance": "favor"}],
        "note": "test",
    }
    statement.update(changes)
    article = {"id": "tiny", "date": "2020-01-02", "source": "test", "text": TEXT}
    return {**article, "statements": [statement]}


def test_a_good_record_loads() -> None:
    article = parse_article(record())
    assert article.statements[0].content == Span.of(TEXT, 32, 44)
    assert article.to_article().date_source == "metadata"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"content": "We will go"}, r"'tiny'.*'We will go' not found"),
        ({"occurrence": 1}, r"occurrence 1 of 'We will stay'"),
        ({"mention": "she"}, r"mention: 'she' not found"),
        ({"kind": "quoted"}, r"kind 'quoted'"),
        ({"speaker_type": "people"}, r"speaker_type 'people'"),
        ({"voice": "private"}, r"voice 'private'"),
        ({"topics": [{"name": "x", "stance": "pro"}]}, r"stance 'pro'"),
        ({"said_on": "2020", "precision": "day"}, r"does not have precision 'day'"),
        ({"said_on": None, "precision": "year"}, r"said_on is null"),
        ({"said_on": "last week", "precision": "unknown"}, r"not YYYY"),
    ],
)
def test_a_bad_record_is_refused_with_its_article_and_string(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_article(record(**changes))


def test_a_bad_change_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "changes.jsonl"
    line: dict[str, Any] = {"id": "c", "speaker": "A", "topic": "t", "articles": ["x"]}
    line.update({"expected": "change", "from": None, "to": "favor", "kind": None, "note": ""})
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs 'from' and 'kind'"):
        load_changes(path)

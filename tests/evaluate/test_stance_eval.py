"""Specification of the stance evaluation: topic recall, stance scores, confusion, voice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.evaluate.stance_eval import (
    _ban_and_banned,
    StanceReport, evaluate_splits, evaluate_stance, in_split, topic_found, topics_match,
)
from onrecord.models import TopicStance
from onrecord.evaluate.statements import GoldArticle

ARTICLES = [
    {
        "id": "harlow-runway",
        "date": "2031-03-02",
        "source": "fixture",
        "text": (
            "Runway row in Harlow\n\nCouncillor Mara Quint said on Monday: \"We should scrap the "
            "third runway.\" Her rival Tom Reyes said: \"I back the third runway.\" The Green "
            "Party manifesto states that \"we will ban fracking\"."
        ),
        "statements": [
            {"content": "We should scrap the third runway.", "kind": "direct", "speaker": "Mara Quint",
             "speaker_type": "person", "mention": "Councillor Mara Quint", "said_on": None,
             "precision": "unknown", "voice": "personal",
             "topics": [{"name": "the third runway", "stance": "against"}]},
            {"content": "I back the third runway.", "kind": "direct", "speaker": "Tom Reyes",
             "speaker_type": "person", "mention": "Tom Reyes", "said_on": None,
             "precision": "unknown", "voice": "personal",
             "topics": [{"name": "third runway", "stance": "favor"}]},
            {"content": "we will ban fracking", "kind": "partial", "speaker": "Green Party",
             "speaker_type": "document", "mention": "The Green Party manifesto", "said_on": None,
             "precision": "unknown", "voice": "party",
             "topics": [{"name": "Mars", "stance": "favor"}]},
        ],
    }
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "statements.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [("the third runway", "third runway", True), ("Nato", "NATO", True),
     ("sugar tax", "tax", True), ("EU", "UN", False), ("Mars", "third runway", False)],
)
def test_topic_names_match_by_canonical_form(gold: str, predicted: str, expected: bool) -> None:
    assert topics_match(gold, predicted) is expected


@pytest.mark.parametrize(
    ("gold", "expected"),
    [("breakaway league", True), ("Grand League", True), ("steel tariffs", False)],
)
def test_a_topic_is_found_under_any_name_the_article_gives_it(gold: str, expected: bool) -> None:
    topic = TopicStance(name="Grand League", aliases=("breakaway Grand League", "the plan"))
    assert topic_found(gold, topic) is expected


def test_report_counts_topics_stance_and_voice(corpus: Path) -> None:
    report = evaluate_stance(corpus)
    assert report.statements == 3 and report.gold_topics == 3
    # "Mars" is named nowhere: it cannot be found, and counts as a neutral prediction.
    assert report.topics_found == 2
    assert report.confusion["favor"]["neutral"] >= 1
    assert report.confusion["against"]["against"] == 1
    assert 0.0 < report.stance_accuracy < 1.0
    assert report.voice_accuracy == 1.0
    data = report.to_json()
    assert data["topic_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert "stance macro-F1" in report.render()


def test_macro_f1_averages_the_labels_present_in_gold() -> None:
    report = StanceReport()
    report.confusion["favor"]["favor"] = 2
    report.confusion["against"]["favor"] = 2
    assert report.f1("against") == 0.0
    assert report.f1("favor") == pytest.approx(2 / 3)
    assert report.macro_f1 == pytest.approx(1 / 3)
    assert StanceReport().macro_f1 == 0.0


@pytest.mark.parametrize(("split", "expected"), [("dev", ["a0", "a2"]), ("heldout", ["a1"]), ("all", ["a0", "a1", "a2"])])
def test_dev_is_the_even_positions_and_heldout_the_odd(split: str, expected: list[str]) -> None:
    articles = [GoldArticle(id=f"a{n}", date=None, source="", text="", statements=(), questions=())
                for n in range(3)]
    assert [a.id for a in in_split(articles, split)] == expected  # type: ignore[arg-type]


def test_an_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        in_split([], "test")  # type: ignore[arg-type]


def test_splits_partition_the_corpus(corpus: Path) -> None:
    reports = evaluate_splits(corpus)
    assert reports["dev"].statements == 3 and reports["heldout"].statements == 0
    assert reports["all"].to_json()["confusion"] == evaluate_stance(corpus, split="dev").to_json()["confusion"]


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        # One issue, worded differently by the article and the label.
        ("sugar tax", "Sugar levy", True),
        ("carbon tax", "carbon fee", True),
        ("student debt cancellation", "student debt relief", True),
        ("breakaway league", "Elite League", True),
        ("low-traffic neighbourhoods", "low-traffic scheme", True),
        # Not the same thing: a shared place name, different bodies, unrelated heads.
        ("Harwood stadium", "Harwood Council", False),
        ("Harwood stadium", "Harwood Road closures", False),
        ("EU", "UN", False),
        ("NATO", "Army", False),
        ("library closures", "budget plans", False),
    ],
)
def test_lenient_topic_names_match_one_issue_worded_two_ways(gold: str, predicted: str, expected: bool) -> None:
    assert topics_match(gold, predicted, lenient=True) is expected


@pytest.mark.parametrize(("gold", "predicted"), [("sugar tax", "Sugar levy"), ("breakaway league", "Elite League")])
def test_strict_topic_names_do_not(gold: str, predicted: str) -> None:
    assert topics_match(gold, predicted) is False


def test_lenient_recall_is_at_least_strict_recall(corpus: Path) -> None:
    assert evaluate_stance(corpus, lenient=True).topics_found >= evaluate_stance(corpus).topics_found


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Flikka ban", "Flikka", True),  # the record files a ban under what it bans
        ("fracking", "fracking ban", True),
        ("petrol car ban", "petrol car ban", False),  # the same name: no turn
        ("Flikka ban", "Lantern Group", False),
    ],
)
def test_a_ban_and_what_it_bans_take_opposite_sides(gold: str, predicted: str, expected: bool) -> None:
    assert _ban_and_banned(gold, predicted) is expected


@pytest.mark.parametrize(("gold", "predicted"), [("Tamarack Creek mine", "Tamarack Creek mine closure"),
                                                 ("library closures", "library")])
def test_an_act_that_ends_a_thing_and_the_thing_take_opposite_sides(gold: str, predicted: str) -> None:
    assert _ban_and_banned(gold, predicted)

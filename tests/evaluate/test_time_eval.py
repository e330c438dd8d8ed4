"""Specification of the time evaluation: accuracy of (date, precision), confusion, notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from onrecord.evaluate.time_eval import (
    FLOOR,
    ArticleDateCase,
    TimeCase,
    TimeReport,
    evaluate_time,
    render,
    rich_table,
)


def statement(
    content: str, mention: str, said_on: str | None, precision: str, note: str
) -> dict[str, Any]:
    return {
        "content": content, "kind": "indirect", "speaker": "Mara Quint", "speaker_type": "person",
        "mention": mention, "said_on": said_on, "precision": precision, "voice": "personal",
        "topics": [], "note": note,
    }  # fmt: skip


ARTICLES = [
    {
        "id": "harlow-bridge",
        "date": "2031-03-05",  # a Wednesday
        "source": "fixture",
        "text": (
            "Bridge row in Harlow\n\n"
            "HARLOW, 5 March 2031 — Councillor Mara Quint said today that the bridge must "
            "close.\n\n"
            "Her view is at odds with comments made by Ms Quint at a rally in 2027.\n\n"
            "Addressing the crowd, Ms Quint said the bridge would stand for a century.\n\n"
            "On Monday she told the council that repairs were too costly."
        ),
        "statements": [
            statement(
                "the bridge must close", "Councillor Mara Quint", "2031-03-05", "day", "present"
            ),
            statement(
                "the bridge would stand for a century",
                "Ms Quint",
                "2027",
                "year",
                "carried occasion",
            ),
            statement("repairs were too costly", "she", "2031-03-03", "day", "weekday"),
        ],
    }
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "statements.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_statements_are_scored_on_date_and_precision(corpus: Path) -> None:
    report = evaluate_time(corpus)
    assert [(c.date, c.precision) for c in report.cases] == [
        ("2031-03-05", "day"), ("2027", "year"), ("2031-03-03", "day"),
    ]  # fmt: skip
    assert report.accuracy == 1.0 and report.passes
    assert report.confusion()["year"]["year"] == 1 and report.confusion()["day"]["day"] == 2
    # With its date withheld, the article is dated from its dateline.
    assert report.article_date_outcomes() == {"exact": 1, "lower_bound": 0, "none": 0, "wrong": 0}


def test_a_wrong_gold_label_is_counted_as_an_error(tmp_path: Path) -> None:
    article = json.loads(json.dumps(ARTICLES[0]))
    article["statements"][1]["said_on"] = "2027-06"
    article["statements"][1]["precision"] = "month"
    path = tmp_path / "statements.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    report = evaluate_time(path)
    assert report.accuracy == pytest.approx(2 / 3)
    assert not report.passes
    assert report.confusion()["month"]["year"] == 1
    assert [e.note for e in report.errors()] == ["carried occasion"]
    data = report.to_json()
    assert data["correct"] == 2 and data["errors"][0]["gold"] == {
        "date": "2027-06",
        "precision": "month",
    }
    assert data["by_note"]["carried occasion"]["accuracy"] == 0.0


def case(correct: bool, note: str = "") -> TimeCase:
    return TimeCase("a", "words", "2020", "year", "2020" if correct else None,
                    "year" if correct else "unknown", None, note)  # fmt: skip


@pytest.mark.parametrize(
    ("cases", "accuracy", "passes"),
    [
        ([case(True)] * 9 + [case(False)], 0.9, True),
        ([case(True)] * 8 + [case(False)] * 2, 0.8, False),
        ([], 0.0, False),  # an empty corpus never passes the gate
    ],
)
def test_the_gate_holds_the_floor(cases: list[TimeCase], accuracy: float, passes: bool) -> None:
    report = TimeReport(cases=tuple(cases))
    assert report.accuracy == pytest.approx(accuracy)
    assert report.passes is passes
    assert FLOOR == 0.90


def test_notes_are_broken_down_and_rendered() -> None:
    report = TimeReport(cases=(case(True, "weekday"), case(False, "weekday"), case(True)))
    assert report.by_note()["weekday"]["accuracy"] == 0.5
    assert report.by_note()["(no note)"]["statements"] == 1
    text = render(report)
    assert "0.500  1/2  weekday" in text and "errors (1" in text
    assert rich_table(report).row_count == 4


@pytest.mark.parametrize(
    ("gold", "inferred", "outcome"),
    [
        ("2031-03-05", "2031-03-05", "exact"),
        ("2031-03-05", "2027", "lower_bound"),
        ("2031-03-05", None, "none"),
        ("2031-03-05", "2031-04", "wrong"),
    ],
)
def test_withheld_article_dates_are_classified(
    gold: str, inferred: str | None, outcome: str
) -> None:
    assert ArticleDateCase("a", gold, inferred, "day").outcome == outcome

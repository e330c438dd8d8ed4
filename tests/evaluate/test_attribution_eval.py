"""End-to-end attribution scoring: matching rules and speaker accuracy."""

from __future__ import annotations

import pytest

from onrecord.evaluate.attribution_eval import mention_class, score
from onrecord.evaluate.statements import GoldArticle, GoldStatement
from onrecord.models import AnalyzedArticle, Article, Quote, Span, Speaker

TEXT = ("Mayor backs tram\n\nThe mayor, Ada Brennan, said the tram was ‘the best thing to happen "
        "to this city’. She added that fares would fall.\n")


def gold(content: str, speaker: str, mention: str) -> GoldStatement:
    start = TEXT.index(content)
    m = TEXT.index(mention)
    return GoldStatement(content=Span.of(TEXT, start, start + len(content)), occurrence=0,
                         kind="partial", speaker=speaker, speaker_type="person",
                         mention=Span.of(TEXT, m, m + len(mention)), said_on=None,
                         precision="unknown", voice="personal", topics=(), note="")


def quote(content: str, name: str | None) -> Quote:
    start = TEXT.index(content)
    return Quote(id="q", kind="partial", content=Span.of(TEXT, start, start + len(content)),
                 cue=None, speaker=Speaker(name, "person"))


GOLDS = (gold("the best thing to happen to this city", "Ada Brennan", "The mayor"),
         gold("fares would fall", "Ada Brennan", "She"))


def run(*quotes: Quote) -> dict[str, object]:
    article = GoldArticle(id="a", date=None, source="s", text=TEXT, statements=GOLDS, questions=())
    analyzed = AnalyzedArticle(article=Article(id="a", text=TEXT), quotes=quotes)
    return score([article], [analyzed]).to_json()


def test_a_partial_quote_reported_with_its_clause_still_matches_the_fragment() -> None:
    report = run(quote("the tram was ‘the best thing to happen to this city’", "Ada Brennan"),
                 quote("fares would fall", "Ada Brennan"))
    assert report["matched"] == 2 and report["speaker_accuracy"] == 1.0


def test_a_wrong_or_missing_name_counts_against_speaker_accuracy() -> None:
    report = run(quote("the best thing to happen to this city", None),
                 quote("fares would fall", "Tom Everett"))
    assert report["matched"] == 2 and report["speaker_accuracy"] == 0.0
    assert len(report["misses"]) == 2  # type: ignore[arg-type]


def test_an_unrelated_prediction_does_not_match() -> None:
    report = run(quote("Mayor backs tram", "Ada Brennan"))
    assert report["matched"] == 0 and report["statement_recall"] == 0.0


@pytest.mark.parametrize(("mention", "kind"), [("she", "pronoun"), ("The mayor", "description"),
                                               ("Ms Brennan", "name")])
def test_mention_classes(mention: str, kind: str) -> None:
    assert mention_class(mention) == kind

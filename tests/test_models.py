from onrecord.models import SCHEMA, AnalyzedArticle, Article, Span


def test_span_of_repeats_the_covered_text() -> None:
    text = "He said: 'yes'"
    span = Span.of(text, 3, 7)
    assert span.text == "said" == text[span.start : span.end]


def test_empty_analysis_follows_the_schema() -> None:
    record = AnalyzedArticle(article=Article(id="a", text="Title\n\nBody.")).to_json()
    assert record["schema"] == SCHEMA
    assert record["quotes"] == [] and record["questions"] == [] and record["removed"] == []
    assert record["article"]["text"] == "Title\n\nBody."

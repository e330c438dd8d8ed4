"""A spaCy component: ``nlp.add_pipe("onrecord")`` gives ``doc._.quotes`` (and friends).

The values are the ``onrecord.article/1`` JSON objects (``doc._.onrecord`` the whole article,
``doc._.quotes``, ``doc._.questions`` and ``doc._.removed`` its lists): plain data, so the Doc
still serialises (``doc.to_bytes()``, ``DocBin``, ``nlp.pipe(n_process=2)``).

Registered through the ``spacy_factories`` entry point, so spaCy may import this module while
it loads any model: keep imports here light and do the work lazily.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS = ("quotes", "questions", "removed", "onrecord")


class OnrecordComponent:
    """Runs every onrecord stage after parsing on the Doc it is given."""

    def __init__(self, date: str | None = None) -> None:
        self.date = date
        for name in EXTENSIONS:
            if not Doc.has_extension(name):
                Doc.set_extension(name, default=None)

    def __call__(self, doc: Doc) -> Doc:
        from onrecord.models import Article
        from onrecord.pipeline import analyze_doc

        date = doc.user_data.get("onrecord_date", self.date)
        article = Article(id=str(doc.user_data.get("onrecord_id", "doc")), text=doc.text,
                          date=date, date_source="option" if date else "unknown",
                          date_precision="day" if date else "unknown")
        record = analyze_doc(article, doc).to_json()
        doc._.onrecord = record
        doc._.quotes = record["quotes"]
        doc._.questions = record["questions"]
        doc._.removed = record["removed"]
        return doc


@Language.factory("onrecord", default_config={"date": None})
def make_onrecord_component(nlp: Language, name: str, date: str | None) -> Any:
    return OnrecordComponent(date=date)

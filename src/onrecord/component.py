"""A spaCy component: ``nlp.add_pipe("onrecord")`` gives ``doc._.quotes`` (and friends).

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
        from onrecord.parse import doc_text
        from onrecord.pipeline import analyze_doc

        date = doc.user_data.get("onrecord_date", self.date)
        article = Article(id=str(doc.user_data.get("onrecord_id", "doc")), text=doc_text(doc),
                          date=date, date_source="option" if date else "unknown",
                          date_precision="day" if date else "unknown")
        analyzed = analyze_doc(article, doc)
        doc._.quotes = list(analyzed.quotes)
        doc._.questions = list(analyzed.questions)
        doc._.removed = list(analyzed.removed)
        doc._.onrecord = analyzed
        return doc


@Language.factory("onrecord", default_config={"date": None})
def make_onrecord_component(nlp: Language, name: str, date: str | None) -> Any:
    return OnrecordComponent(date=date)

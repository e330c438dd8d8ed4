"""What every store shares: the outcome of a save, the article summary, the content hash,
and stored records with their article."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from onrecord.models import AnalyzedArticle

Outcome = Literal["stored", "unchanged", "replaced"]


def content_hash(analyzed: AnalyzedArticle) -> str:
    """What makes two ingests of an article the same: its text and its metadata."""
    article = analyzed.article.to_json()
    return hashlib.sha256(json.dumps(article, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str | None
    date: str | None
    source: str | None
    quotes: int
    removed: int
    onrecord_version: str


def with_article(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quote or question record, with the id, title and date of its article."""
    return {"article_id": row["article_id"], "article_title": row["title"],
            "article_date": row["date"], **json.loads(row["record"])}

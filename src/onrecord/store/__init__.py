"""Store stage: where the record is kept. SQLite by default (a file, no server)."""

from __future__ import annotations

import os
from pathlib import Path

from onrecord.store.sqlite import SCHEMA_VERSION, SQLiteStore, StoredArticle

DB_ENV = "ONRECORD_DB"
DEFAULT_DB = "onrecord.db"


def default_db() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_DB


def open_store(path: str | Path | None = None) -> SQLiteStore:
    return SQLiteStore(path or default_db())


__all__ = ["SCHEMA_VERSION", "SQLiteStore", "StoredArticle", "default_db", "open_store"]

"""Store stage: where the record is kept. SQLite by default (a file, no server)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.store.records import StoredArticle
from onrecord.store.sqlite import SCHEMA_VERSION, SQLiteStore

if TYPE_CHECKING:
    from onrecord.store.postgres import PostgresStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")

DB_ENV = "ONRECORD_DB"
DEFAULT_DB = "onrecord.db"


def default_db() -> str:
    return os.environ.get(DB_ENV) or DEFAULT_DB


def open_store(path: str | Path | None = None) -> SQLiteStore | PostgresStore:
    """A SQLite file by default; a ``postgresql://`` URL opens the PostgreSQL store."""
    where = str(path or default_db())
    if where.startswith(POSTGRES_SCHEMES):
        try:
            from onrecord.store.postgres import PostgresStore
        except ImportError as error:
            raise RuntimeError(
                "PostgreSQL needs psycopg: pip install 'onrecord[postgres]'"
            ) from error
        return PostgresStore(where)
    return SQLiteStore(where)


def display_name(where: str) -> str:
    """Where the record is, fit to print: a URL's password is hidden."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", where)


__all__ = ["SCHEMA_VERSION", "SQLiteStore", "StoredArticle", "default_db", "display_name",
           "open_store"]

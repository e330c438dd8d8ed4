"""Read-only access to the record for the web server.

The server never writes: it opens the SQLite file with ``mode=ro`` (so not even a migration
can run) and a new connection per request, because sqlite3 connections cannot cross the
threads a web server uses. Every query here is parameterised.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from onrecord.store.sqlite import SCHEMA_VERSION, SQLiteStore, add_functions


class RecordUnavailable(RuntimeError):
    """The record file is missing, unreadable or from a newer onrecord."""


class ReadOnlyStore(SQLiteStore):
    """The store's reading methods over a read-only connection (no migration, no WAL switch)."""

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - replaces the writer's opening
        self.path = Path(path)
        if not self.path.is_file():
            raise RecordUnavailable(f"no record at {self.path.name}")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
            add_functions(self.conn)
            self.conn.execute("PRAGMA busy_timeout = 5000")
            version = self.stored_schema_version()
        except sqlite3.DatabaseError as error:
            raise RecordUnavailable(f"{self.path.name} is not an onrecord store") from error
        if version == 0 or version > SCHEMA_VERSION:
            self.conn.close()
            raise RecordUnavailable(
                f"{self.path.name} has schema version {version}; this onrecord reads "
                f"1 to {SCHEMA_VERSION}"
            )

    def stored_schema_version(self) -> int:
        """The schema version without creating the version table (the writer's method does)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        raise RecordUnavailable("the web server opens the record read-only")

    def counts(self) -> Counts:
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM quotes) AS statements,"
            " (SELECT count(*) FROM questions) AS questions,"
            " (SELECT count(*) FROM questions WHERE outcome != ?) AS dodged",
            ("answered",),
        ).fetchone()
        return Counts(row["articles"], row["statements"], row["questions"], row["dodged"])


@dataclass(frozen=True)
class Counts:
    articles: int
    statements: int
    questions: int
    dodged: int

"""Ingest throughput of ``save()``: SQLite against PostgreSQL, on the same articles, in one run.

    python bench/store_throughput.py [-n 1000] [--url postgresql://...] [--json]

The articles are synthetic analysed articles (fictional council-news text, made up here: no
parsing, so only the store is timed): a few paragraphs, three to six statements each with one
or two topics, a removed caption and a question. Each store gets every article once
(``stored``), then every article again (``unchanged``: the idempotent re-ingest).

SQLite writes a file in a temporary directory (WAL, the store's own settings). PostgreSQL is
``--url`` (or ``ONRECORD_TEST_PG_URL``; the benchmark makes and drops a database of its own
there), else a throwaway local cluster (tests/store/pg_server.py) started with fsync on, so
that both stores pay for durable commits. Read the ratio postgres/sqlite, not the absolute
figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from onrecord.models import (
    AnalyzedArticle,
    Article,
    Question,
    Quote,
    Removed,
    SaidOn,
    Span,
    Speaker,
    StanceLabel,
    TopicStance,
)
from onrecord.store.postgres import PostgresStore
from onrecord.store.sqlite import SQLiteStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))
from pg_server import URL_ENV, database_url, throwaway_server  # noqa: E402

PEOPLE = ("Mara Ellwood", "Tomas Brennick", "Ada Okonjo", "Lise Varnholt", "Piet Dunmore")
TOPICS = ("library closures", "bus fares", "the bypass", "council tax", "flood defences",
          "school meals", "the harbour plan")
STANCES: tuple[StanceLabel, ...] = ("favor", "against", "neutral")
# Commits that do not wait for the disk: a crash may lose the last moments' articles (never
# half of one); an idempotent re-ingest brings them back. A URL can ask for it the same way.
ASYNC_COMMIT = "-c synchronous_commit=off"
KINDS = ("sqlite", "postgres", "postgres_async")


def synthetic(i: int) -> AnalyzedArticle:
    """Article ``i``: deterministic, fictional, shaped like a short local-politics report."""
    parts: list[str] = [f"Council row over {TOPICS[i % len(TOPICS)]} deepens\n\n"]
    quotes: list[Quote] = []
    for n in range(3 + i % 4):
        person, topic = PEOPLE[(i + n) % len(PEOPLE)], TOPICS[(i * 3 + n) % len(TOPICS)]
        lead = "".join(parts)
        words = f"We will not stand by while decisions on {topic} are taken behind closed doors"
        sentence = f"“{words},” {person} said at the meeting on Tuesday.\n\n"
        start = len(lead) + 1
        cue = len(lead) + sentence.index(" said") + 1
        mention = len(lead) + sentence.index(person)
        parts.append(sentence)
        text = "".join(parts)
        topics = tuple(TopicStance(t, STANCES[(i + n + k) % 3], 0.7, None)
                       for k, t in enumerate(dict.fromkeys((topic, TOPICS[(i + n) % len(TOPICS)]))))
        quotes.append(Quote(
            id=f"q{n + 1}", kind="direct", content=Span.of(text, start, start + len(words)),
            cue=Span.of(text, cue, cue + 4),
            speaker=Speaker(person, "person", Span.of(text, mention, mention + len(person)), 0.9),
            said_on=SaidOn(f"20{10 + i % 12}-0{1 + i % 9}-1{i % 10}", "day"),
            topics=topics, confidence=0.8,
        ))
    caption = "Photograph: the council chamber on a quiet evening.\n"
    parts.append(caption)
    text = "".join(parts)
    asked = text.index("Council row")
    return AnalyzedArticle(
        article=Article(id=f"bench-{i:06d}", text=text, title=parts[0].strip(),
                        date=f"20{10 + i % 12}-0{1 + i % 9}-2{i % 8}", date_source="metadata",
                        date_precision="day", source="The Fictional Gazette"),
        removed=(Removed(len(text) - len(caption), len(text), "caption"),),
        quotes=tuple(quotes),
        questions=(Question("x1", Span.of(text, asked, asked + 11), "a reporter",
                            PEOPLE[i % len(PEOPLE)], "evaded"),),
    )


def timed(save: Callable[[AnalyzedArticle], str], items: list[AnalyzedArticle]) -> dict[str, Any]:
    started = time.perf_counter()
    outcomes = [save(item) for item in items]
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "articles_per_s": round(len(items) / seconds, 1),
            "outcomes": sorted(set(outcomes))}


def measure(store: SQLiteStore | PostgresStore, items: list[AnalyzedArticle]) -> dict[str, Any]:
    first = timed(store.save, items)
    again = timed(store.save, items)
    quotes = sum(len(item.quotes) for item in items)
    return {"stored": first, "unchanged": again, "quotes": quotes,
            "quotes_per_s": round(quotes / first["seconds"], 1)}


def with_options(url: str, options: str) -> str:
    """``url`` with libpq ``options`` (server settings for the session) added."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, f"options={quote(options, safe='')}") if q)
    return urlunsplit(parts._replace(query=query))


@contextmanager
def postgres_url_reset(url: str) -> Iterator[None]:
    """The benchmark's database emptied, so that the next store starts from nothing."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    yield


@contextmanager
def postgres_url(given: str | None) -> Iterator[str]:
    """A database of the benchmark's own, on the given server or a throwaway one."""
    import psycopg

    with (nullcontext(given) if given else throwaway_server(fsync=True)) as server:
        name = f"onrecord_bench_{os.getpid()}"
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield database_url(server, name)
        finally:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--url", default=os.environ.get(URL_ENV),
                        help=f"PostgreSQL server to use (default ${URL_ENV}, else a throwaway)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    items = [synthetic(i) for i in range(args.n)]
    results: dict[str, Any] = {"articles": args.n}
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "bench.db") as lite:
        results["sqlite"] = measure(lite, items)
    with postgres_url(args.url) as url:
        with PostgresStore(url) as pg:
            results["postgres"] = measure(pg, items)
        with postgres_url_reset(url), PostgresStore(with_options(url, ASYNC_COMMIT)) as pg:
            results["postgres_async"] = measure(pg, items)
    for kind in KINDS[1:]:
        for phase in ("stored", "unchanged"):
            results[f"ratio_seconds_{phase}_{kind}_over_sqlite"] = round(
                results[kind][phase]["seconds"] / results["sqlite"][phase]["seconds"], 2)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"save() of {args.n} synthetic articles ({results['sqlite']['quotes']} statements)")
    for kind in KINDS:
        r = results[kind]
        print(f"  {kind:14} stored {r['stored']['seconds']:8.2f} s "
              f"({r['stored']['articles_per_s']:7.1f} articles/s, {r['quotes_per_s']:8.1f} "
              f"statements/s)   unchanged {r['unchanged']['seconds']:6.2f} s "
              f"({r['unchanged']['articles_per_s']:7.1f} articles/s)")
    for kind in KINDS[1:]:
        print(f"  {kind}/sqlite time: stored x{results[f'ratio_seconds_stored_{kind}_over_sqlite']}"
              f", unchanged x{results[f'ratio_seconds_unchanged_{kind}_over_sqlite']}")


if __name__ == "__main__":
    main()

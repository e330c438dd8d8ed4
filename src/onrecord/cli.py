"""Command line: data on stdout, logs and progress on stderr; errors become messages here.

Exit status: 0 when every input was handled, 1 when some inputs were skipped, 2 on usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from onrecord import __version__
from onrecord.ingest import MAX_BYTES, InputError, Skipped, parse_date_option, read_inputs
from onrecord.models import AnalyzedArticle, Article
from onrecord.store import DB_ENV, default_db, open_store

err = Console(stderr=True)
out = Console(soft_wrap=True)

db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None, envvar=DB_ENV,
    show_default="./onrecord.db (or $ONRECORD_DB)", help="SQLite file of the record.",
)


def validate_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_date_option(value)
    except InputError as error:
        raise click.BadParameter(str(error)) from None


date_option = click.option(
    "--date", callback=validate_date, metavar="YYYY-MM-DD",
    help="Article date for inputs that carry none.",
)
max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True,
    help="Largest article accepted (bytes).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="onrecord")
@click.option("-v", "--verbose", count=True, help="Log to stderr (-v info, -vv debug).")
def main(verbose: int) -> None:
    """onrecord: who said what, when, about what, and whether they changed their tune."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


# --- running the pipeline -------------------------------------------------------------------


def load_model() -> Any:
    from onrecord.parse import ModelNotInstalled, load_nlp

    try:
        return load_nlp()
    except ModelNotInstalled as error:
        raise click.ClickException(str(error)) from None


def run_pipeline(
    paths: Sequence[str], date: str | None, max_bytes: int
) -> Iterator[AnalyzedArticle | Skipped]:
    from onrecord.pipeline import analyze_stream

    items = read_inputs(paths, date=date, max_bytes=max_bytes)
    yield from analyze_stream(items, nlp=load_model())


def report_skip(item: Skipped) -> None:
    err.print(f"[yellow]skipped[/] {item.origin}: {item.reason}", highlight=False)


# --- analyze --------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@date_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True)
@max_bytes_option
def analyze(paths: tuple[str, ...], date: str | None, fmt: str, max_bytes: int) -> None:
    """Find the statements in articles and print them (nothing is stored).

    PATHS are .txt, .html or .jsonl files, directories (read recursively) or - for stdin.
    """
    failed = 0
    for item in run_pipeline(paths, date, max_bytes):
        if isinstance(item, Skipped):
            failed += 1
            report_skip(item)
        elif fmt == "jsonl":
            click.echo(json.dumps(item.to_json(), ensure_ascii=False))
        elif fmt == "json":
            click.echo(json.dumps(item.to_json(), ensure_ascii=False, indent=2))
        else:
            print_article_table(item)
    if failed:
        sys.exit(1)


def first_words(text: str, limit: int = 12) -> str:
    words = " ".join(text.split()).split(" ")
    return " ".join(words[:limit]) + (" …" if len(words) > limit else "")


def topics_cell(topics: Iterable[Any]) -> str:
    return ", ".join(f"{t.name}:{t.stance}" for t in topics)


def print_article_table(analyzed: AnalyzedArticle) -> None:
    a: Article = analyzed.article
    reasons = Counter(r.reason for r in analyzed.removed)
    removed = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())) or "none"
    date = f"{a.date} ({a.date_source})" if a.date else "unknown"
    out.print(f"[bold]{a.id}[/]: {a.title or ''}", highlight=False)
    out.print(f"date {date}; set aside: {removed}; {len(analyzed.quotes)} statements", highlight=False)
    if analyzed.quotes:
        table = Table(show_lines=False, expand=False)
        for column in ("id", "speaker", "kind", "cue", "said on", "topics", "statement"):
            table.add_column(column, overflow="fold")
        for q in analyzed.quotes:
            speaker = q.speaker.name or (f"? ({q.speaker.mention.text})" if q.speaker.mention else "?")
            table.add_row(q.id, speaker, q.kind, q.cue.text if q.cue else "",
                          q.said_on.date or "?", topics_cell(q.topics), first_words(q.content.text))
        out.print(table)
    for x in analyzed.questions:
        out.print(f"question {x.id} to {x.addressee or '?'} ({x.outcome}): "
                  f"{first_words(x.text.text, 16)}", highlight=False)
    out.print()


# --- ingest ---------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@date_option
@max_bytes_option
def ingest(paths: tuple[str, ...], db: str | None, date: str | None, max_bytes: int) -> None:
    """Analyse articles and store them in the record (idempotent, atomic per article)."""
    counts: Counter[str] = Counter()
    skipped: list[Skipped] = []
    with open_db(db) as store, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        for item in run_pipeline(paths, date, max_bytes):
            counts["read"] += 1
            if isinstance(item, Skipped):
                skipped.append(item)
                store.record_skipped(item.origin, item.reason)
                progress.console.print(f"[yellow]skipped[/] {item.origin}: {item.reason}",
                                       highlight=False)
            else:
                counts[store.save(item)] += 1
            progress.update(task, advance=1, description=f"ingesting ({counts['read']} read)")
    summary = Table(title=f"ingest into {db or default_db()}", show_header=False)
    for label in ("read", "stored", "replaced", "unchanged"):
        summary.add_row(label, str(counts[label]))
    summary.add_row("skipped", str(len(skipped)))
    err.print(summary)
    for item in skipped:
        err.print(f"  {item.origin}: {item.reason}", highlight=False)
    if skipped:
        sys.exit(1)


def open_db(db: str | None) -> Any:
    try:
        return open_store(db)
    except (OSError, RuntimeError) as error:
        raise click.ClickException(f"cannot open the record {db or default_db()}: {error}") from None


# --- reading the record ----------------------------------------------------------------------


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def articles(db: str | None, fmt: str) -> None:
    """List the stored articles."""
    with open_db(db) as store:
        rows = store.articles()
    if fmt == "json":
        click.echo(json.dumps({"articles": [r.__dict__ for r in rows]}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} articles")
    for column in ("id", "date", "source", "statements", "set aside", "title"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r.id, r.date or "?", r.source or "", str(r.quotes), str(r.removed),
                      r.title or "")
    out.print(table)


@main.command()
@db_option
@click.option("--speaker", help="Speaker name (substring).")
@click.option("--search", help="Words in the statement (full-text search).")
@click.option("--topic", help="Topic name.")
@click.option("--stance", type=click.Choice(["favor", "against", "neutral"]))
@click.option("--since", metavar="YYYY[-MM[-DD]]", help="Said on or after.")
@click.option("--until", metavar="YYYY[-MM[-DD]]", help="Said on or before.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def quotes(db: str | None, speaker: str | None, search: str | None, topic: str | None,
           stance: str | None, since: str | None, until: str | None, limit: int, fmt: str) -> None:
    """Search the stored statements."""
    with open_db(db) as store:
        rows = store.search_quotes(speaker=speaker, search=search, topic=topic, stance=stance,
                                   since=since, until=until, limit=limit)
    if fmt == "json":
        click.echo(json.dumps({"quotes": rows}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} statements")
    for column in ("article", "said on", "speaker", "kind", "topics", "statement"):
        table.add_column(column, overflow="fold")
    for r in rows:
        topics = ", ".join(f"{t['name']}:{t['stance']}" for t in r["topics"])
        table.add_row(r["article_id"], r["said_on"]["date"] or "?", r["speaker"]["name"] or "?",
                      r["kind"], topics, first_words(r["content"]["text"]))
    out.print(table)


@main.command()
@db_option
def skipped(db: str | None) -> None:
    """List the inputs that could not be read, with the reason."""
    with open_db(db) as store:
        for origin, reason in store.skipped():
            click.echo(f"{origin}\t{reason}")


@main.group(name="eval")
def evaluate() -> None:
    """Measure quality on labelled data."""


if __name__ == "__main__":  # pragma: no cover
    main()

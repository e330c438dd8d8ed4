"""Command line: data on stdout, logs and progress on stderr; errors become messages here.

Exit status: 0 when every input was handled, 1 when some inputs were skipped, 2 on usage errors.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from onrecord import __version__
from onrecord.compare import load_record
from onrecord.ingest import MAX_BYTES, InputError, Skipped, parse_date_option, read_inputs
from onrecord.models import AnalyzedArticle, Article
from onrecord.store import DB_ENV, default_db, display_name, open_store

err = Console(stderr=True)
# Piped tables (to a file, a pager, another tool) get room to stay readable.
out = Console(soft_wrap=True,
              width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "150")))

db_option = click.option(
    "--db", "db", type=str, default=None, envvar=DB_ENV,
    show_default="./onrecord.db (or $ONRECORD_DB)",
    help="The record: a SQLite file, or a postgresql:// URL.",
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
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True,
    help="Processes that parse in parallel.",
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
    paths: Sequence[str], date: str | None, max_bytes: int, workers: int = 1
) -> Iterator[AnalyzedArticle | Skipped]:
    from onrecord.pipeline import analyze_stream

    items = read_inputs(paths, date=date, max_bytes=max_bytes)
    yield from analyze_stream(items, nlp=load_model(), workers=workers)


def report_skip(item: Skipped) -> None:
    err.print(f"[yellow]skipped[/] {item.origin}: {item.reason}", highlight=False)


# --- analyze --------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@date_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True)
@max_bytes_option
@workers_option
def analyze(paths: tuple[str, ...], date: str | None, fmt: str, max_bytes: int,
            workers: int) -> None:
    """Find the statements in articles and print them (nothing is stored).

    PATHS are .txt, .html or .jsonl files, directories (read recursively) or - for stdin.
    """
    failed = 0
    for item in run_pipeline(paths, date, max_bytes, workers):
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
@workers_option
def ingest(paths: tuple[str, ...], db: str | None, date: str | None, max_bytes: int,
           workers: int) -> None:
    """Analyse articles and store them in the record (idempotent, atomic per article)."""
    counts: Counter[str] = Counter()
    skipped: list[Skipped] = []
    with open_db(db) as store, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        for item in run_pipeline(paths, date, max_bytes, workers):
            counts["read"] += 1
            if isinstance(item, Skipped):
                skipped.append(item)
                store.record_skipped(item.origin, item.reason)
                progress.console.print(f"[yellow]skipped[/] {item.origin}: {item.reason}",
                                       highlight=False)
            else:
                counts[store.save(item)] += 1
            progress.update(task, advance=1, description=f"ingesting ({counts['read']} read)")
    summary = Table(title=f"ingest into {display_name(db or default_db())}", show_header=False)
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
        where = display_name(db or default_db())
        raise click.ClickException(f"cannot open the record {where}: {error}") from None


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


# --- the record over time ---------------------------------------------------------------------


def emit_json(key: str, items: list[dict[str, Any]]) -> None:
    click.echo(json.dumps({key: items}, ensure_ascii=False, indent=2))


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                             default="table", show_default=True)


@main.group(invoke_without_command=True)
@db_option
@click.option("--aliases", is_flag=True, help="Show every name each speaker goes by.")
@format_option
@click.pass_context
def speakers(ctx: click.Context, db: str | None, aliases: bool, fmt: str) -> None:
    """Speakers across articles (one person, many names); merge or split them."""
    if ctx.invoked_subcommand:
        return
    from onrecord.compare import aliases as group_aliases

    with open_db(db) as store:
        counts = dict(store.speaker_names())
        _, mapping = load_record(store)
    groups = group_aliases(mapping)
    items = [{"speaker": name, "aliases": names, "statements": sum(counts[n] for n in names)}
             for name, names in groups.items()]
    items.sort(key=lambda i: (-i["statements"], i["speaker"]))
    if fmt == "json":
        emit_json("speakers", items)
        return
    table = Table(title=f"{len(items)} speakers")
    table.add_column("speaker")
    table.add_column("statements", justify="right")
    if aliases:
        table.add_column("aliases", overflow="fold")
    for item in items:
        row = [item["speaker"], str(item["statements"])]
        if aliases:
            row.append("; ".join(item["aliases"]))
        table.add_row(*row)
    out.print(table)


@speakers.command("merge")
@db_option
@click.argument("name")
@click.argument("into")
def speakers_merge(db: str | None, name: str, into: str) -> None:
    """Treat NAME as the same person as INTO (kept across re-ingest)."""
    with open_db(db) as store:
        store.add_override("merge", name, into)
    err.print(f"merged {name!r} into {into!r}")


@speakers.command("split")
@db_option
@click.argument("name")
@click.argument("other")
def speakers_split(db: str | None, name: str, other: str) -> None:
    """Keep NAME and OTHER apart as two people (kept across re-ingest)."""
    with open_db(db) as store:
        store.add_override("split", name, other)
    err.print(f"kept {name!r} and {other!r} apart")


@main.command("timeline")
@click.argument("speaker")
@db_option
@click.option("--topic", help="Only this topic.")
@format_option
def timeline_command(speaker: str, db: str | None, topic: str | None, fmt: str) -> None:
    """What SPEAKER said, per topic, in the order it was said."""
    from onrecord.compare import about, matches, timeline

    with open_db(db) as store:
        statements, _ = load_record(store)
    chosen = [s for s in statements if matches(s.speaker, speaker) and about(s, topic)]
    items = timeline(chosen)
    if fmt == "json":
        emit_json("timeline", [s.to_json() for s in items])
        return
    table = Table(title=f"{speaker}: {len(items)} statements")
    for column in ("said on", "topic", "stance", "voice", "article(s)", "statement"):
        table.add_column(column, overflow="fold")
    for s in items:
        table.add_row(s.said_on or "?", s.topic, s.stance, s.voice, ", ".join(s.sources),
                      first_words(s.content, 16))
    out.print(table)


@main.command("changes")
@db_option
@click.option("--speaker", help="Only this speaker.")
@click.option("--topic", help="Only this topic.")
@format_option
def changes_command(db: str | None, speaker: str | None, topic: str | None, fmt: str) -> None:
    """Points where a speaker's position on a topic changed (and conflicts with no order)."""
    from onrecord.compare import about, find_changes, matches

    with open_db(db) as store:
        statements, _ = load_record(store)
    chosen = [s for s in statements if matches(s.speaker, speaker) and about(s, topic)]
    changes, conflicts = find_changes(chosen)
    if fmt == "json":
        click.echo(json.dumps({"changes": [c.to_json() for c in changes],
                               "unordered_conflicts": [c.to_json() for c in conflicts]},
                              ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(changes)} position changes")
    for column in ("speaker", "topic", "kind", "from", "to", "before", "after"):
        table.add_column(column, overflow="fold")
    for c in changes:
        table.add_row(
            c.speaker, c.topic, c.kind, f"{c.from_position} ({c.before.said_on})",
            f"{c.to_position} ({c.after.said_on})",
            f"{c.before.article_id}: {first_words(c.before.content, 10)}",
            f"{c.after.article_id}: {first_words(c.after.content, 10)}",
        )
    out.print(table)
    if conflicts:
        out.print(f"{len(conflicts)} conflicts that cannot be ordered (a date is unknown); "
                  "see --format json")


@main.command("dodges")
@db_option
@click.option("--speaker", help="Only questions put to this speaker.")
@click.option("--all", "show_all", is_flag=True, help="Answered questions too.")
@format_option
def dodges_command(db: str | None, speaker: str | None, show_all: bool, fmt: str) -> None:
    """Questions a speaker was asked and evaded or declined."""
    from onrecord.compare import matches

    with open_db(db) as store:
        rows = store.question_rows()
        _, mapping = load_record(store)
    items = []
    for row in rows:
        addressee = mapping.get(row["addressee"] or "", row["addressee"])
        row["addressee"] = addressee
        dodged = row["outcome"] in ("evaded", "declined")
        if (show_all or dodged) and matches(addressee or "", speaker):
            items.append(row)
    if fmt == "json":
        emit_json("questions", items)
        return
    table = Table(title=f"{len(items)} questions")
    for column in ("article", "date", "asked", "by", "outcome", "evidence", "question"):
        table.add_column(column, overflow="fold")
    for r in items:
        table.add_row(r["article_id"], r["article_date"] or "?", r["addressee"] or "?",
                      r["asker"] or "?", r["outcome"],
                      (r["evidence"] or {}).get("text", ""), first_words(r["text"]["text"], 16))
    out.print(table)


@main.group(name="eval")
def evaluate() -> None:
    """Measure quality on labelled data."""


@evaluate.command(name="polnear")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="First N articles only.")
@click.option("--sample-every", type=click.IntRange(min=1), default=1, show_default=True,
              help="Every Nth article (sorted by name).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--json", "json_out", is_flag=True, help="JSON for machines.")
def eval_polnear(directory: str, limit: int | None, sample_every: int, workers: int,
                 json_out: bool) -> None:
    """Attribution quality on a PolNeAR-style brat directory (text/, attributions/)."""
    from onrecord.evaluate.polnear import run_cli

    try:
        click.echo(run_cli(directory, limit=limit, json_out=json_out, sample_every=sample_every,
                           workers=workers).rstrip("\n"))
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error)) from None


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; local only by default.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Browse the record in a web browser (read-only); JSON API under /api/."""
    from onrecord.web import serve as run
    from onrecord.web.queries import RecordUnavailable

    try:
        run(db or default_db(), host=host, port=port)
    except RecordUnavailable as error:
        raise click.ClickException(str(error)) from None


def evalset_path(path: str | None, name: str) -> Path:
    from onrecord.evaluate.statements import default_evalset_dir

    chosen = Path(path) if path else default_evalset_dir() / name
    if not chosen.exists():
        raise click.ClickException(f"evaluation set {chosen} not found (pass it as PATH)")
    return chosen


def print_report(report: Any, text: str, json_out: bool) -> None:
    click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if json_out else text)


json_flag = click.option("--json", "json_out", is_flag=True, help="JSON for machines.")


@evaluate.command(name="speakers")
@click.argument("path", required=False)
@json_flag
def eval_speakers(path: str | None, json_out: bool) -> None:
    """Canonical speaker names (is "he" the right person?) on evalsets/speakers.jsonl."""
    from onrecord.evaluate.speakers_eval import evaluate_speakers, render_report

    report = evaluate_speakers(evalset_path(path, "speakers.jsonl"))
    print_report(report, render_report(report), json_out)


@evaluate.command(name="attribution")
@click.argument("path", required=False)
@json_flag
def eval_attribution(path: str | None, json_out: bool) -> None:
    """Statements found and their canonical speakers, end to end, on evalsets/statements.jsonl."""
    from onrecord.evaluate.attribution_eval import evaluate_attribution, render

    report = evaluate_attribution(evalset_path(path, "statements.jsonl"))
    print_report(report, render(report), json_out)


@evaluate.command(name="time")
@click.argument("path", required=False)
@json_flag
def eval_time(path: str | None, json_out: bool) -> None:
    """Statement dates on evalsets/statements.jsonl."""
    from onrecord.evaluate.time_eval import evaluate_time, render

    report = evaluate_time(evalset_path(path, "statements.jsonl"))
    print_report(report, render(report), json_out)


@evaluate.command(name="stance")
@click.argument("path", required=False)
@json_flag
def eval_stance(path: str | None, json_out: bool) -> None:
    """Topics and stance on evalsets/statements.jsonl."""
    from onrecord.evaluate.stance_eval import evaluate_stance

    report = evaluate_stance(evalset_path(path, "statements.jsonl"))
    print_report(report, report.render(), json_out)


@evaluate.command(name="questions")
@click.argument("path", required=False)
@json_flag
def eval_questions(path: str | None, json_out: bool) -> None:
    """Questions and their outcomes on evalsets/statements.jsonl."""
    from onrecord.evaluate.questions_eval import evaluate_questions, render_text

    report = evaluate_questions(evalset_path(path, "statements.jsonl"))
    print_report(report, render_text(report), json_out)


@evaluate.command(name="changes")
@click.argument("directory", required=False)
@json_flag
def eval_changes(directory: str | None, json_out: bool) -> None:
    """Position changes on evalsets/changes.jsonl (over evalsets/statements.jsonl)."""
    from onrecord.evaluate.changes_eval import evaluate_changes, format_report

    folder = evalset_path(directory, "changes.jsonl")
    report = evaluate_changes(folder.parent if folder.is_file() else folder)
    print_report(report, format_report(report), json_out)


if __name__ == "__main__":  # pragma: no cover
    main()

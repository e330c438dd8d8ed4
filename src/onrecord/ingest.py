"""Ingest stage: turn files, directories and stdin into decoded ``Article`` records.

Text is decoded once here; every later offset is a ``str`` index into ``Article.text``.
A bad input never stops a batch: it becomes a ``Skipped`` record naming the input and the
problem, and the reader goes on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from onrecord.models import Article, DateSource, Precision

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # one article; a JSONL file is limited per line, not per file
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
WESTERN_CHARSETS = ("cp1252", "latin_1", "iso8859_15")
JSONL_FIELDS = {"id", "title", "text", "date", "url", "source", "author"}

# Magic numbers of common binary formats, to name what was refused.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why."""

    origin: str
    reason: str


class InputError(ValueError):
    """One input cannot be turned into an article."""


# --- decoding -------------------------------------------------------------------------------


def describe_binary(data: bytes) -> str | None:
    """Return what a binary blob looks like, or None if it looks like text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data (NUL bytes)"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if sample and controls / len(sample) > 0.05:
        return "binary data (control bytes)"
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes to text: UTF-8 (BOM or not), else the declared charset if the bytes
    agree with it, else the best guess of charset-normalizer. Line endings become \\n."""
    if not data.strip():
        raise InputError("empty input")
    binary = describe_binary(data)
    if binary:
        raise InputError(f"not text: looks like {binary}")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return normalise_newlines(data.decode(codec))
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return normalise_newlines(data.decode(_windows_for_latin1(declared)))
        except (LookupError, UnicodeDecodeError):
            log.info("declared charset %r does not fit the bytes; guessing", declared)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise InputError("cannot tell the text encoding (not UTF-8, no charset fits)")
    # Many charsets fit short Western text equally well; like browsers, prefer windows-1252.
    least_chaos = min(m.chaos for m in matches)
    fitting = [m for m in matches if m.chaos == least_chaos]
    western = [m for m in fitting if m.encoding in WESTERN_CHARSETS]
    return normalise_newlines(str((western or fitting)[0]))


def _windows_for_latin1(charset: str) -> str:
    # Browsers read "iso-8859-1" as windows-1252 (curly quotes live in 0x80-0x9f); so do we.
    return "cp1252" if charset.lower().replace("_", "-") in {"iso-8859-1", "latin-1", "latin1"} \
        else charset


# --- dates ----------------------------------------------------------------------------------


def parse_date_option(value: str) -> str:
    """Validate a ``--date`` value: YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise InputError(f"invalid date {value!r}: expected YYYY-MM-DD") from error


def normalise_metadata_date(value: Any) -> tuple[str, Precision] | None:
    """A metadata date (ISO date or datetime, year-month, year) with its precision."""
    if value is None:
        return None
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text):
        try:
            return dt.date(*map(int, match.groups())).isoformat(), "day"
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text, "month"
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    return None


def _dated(
    article_date: Any, option_date: str | None
) -> tuple[str | None, DateSource, Precision]:
    found = normalise_metadata_date(article_date)
    if found:
        return found[0], "metadata", found[1]
    if option_date:
        return option_date, "option", "day"
    return None, "unknown", "unknown"


# --- formats --------------------------------------------------------------------------------


def first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def article_from_text(
    text: str, article_id: str, origin: str, date: str | None = None
) -> Article:
    if not text.strip():
        raise InputError("empty input")
    when, source, precision = _dated(None, date)
    return Article(id=article_id, text=text, title=first_line(text), date=when,
                   date_source=source, date_precision=precision, origin=origin)


def article_from_html(
    data: bytes, article_id: str, origin: str, date: str | None = None
) -> Article:
    import trafilatura

    declared = _META_CHARSET.search(data[:4096])
    html = decode(data, declared.group(1).decode("ascii") if declared else None)
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    fields: dict[str, Any] = (
        document.as_dict() if hasattr(document, "as_dict") else dict(document or {})
    )
    body = (fields.get("text") or "").strip()
    if not body:
        raise InputError("no article text found in the HTML")
    title = (fields.get("title") or "").strip() or None
    text = f"{title}\n\n{body}\n" if title else body + "\n"
    when, source, precision = _dated(fields.get("date"), date)
    return Article(
        id=article_id, text=text, title=title, date=when, date_source=source,
        date_precision=precision, url=fields.get("url"), source=fields.get("sitename"),
        author=fields.get("author"), origin=origin,
    )


def article_from_json(
    record: Any, default_id: str, origin: str, date: str | None = None
) -> Article:
    if not isinstance(record, dict):
        raise InputError("a JSONL line must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' field (or it is empty)")
    if "\x00" in text:
        raise InputError("the text contains NUL characters (binary data?)")
    text = normalise_newlines(text)
    when, source, precision = _dated(record.get("date"), date)
    title = record.get("title") or first_line(text)
    extra = {k: v for k, v in record.items() if k not in JSONL_FIELDS}
    return Article(
        id=str(record.get("id") or default_id), text=text, title=title, date=when,
        date_source=source, date_precision=precision, url=record.get("url"),
        source=record.get("source"), author=record.get("author"), origin=origin,
        metadata=extra,
    )


def read_jsonl(
    stream: Iterable[bytes], stem: str, origin: str, date: str | None, max_bytes: int
) -> Iterator[Article | Skipped]:
    for number, raw in enumerate(stream, start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        try:
            if len(raw) > max_bytes:
                raise InputError(f"line too large ({_mb(len(raw))} > {_mb(max_bytes)} limit)")
            try:
                record = json.loads(decode(raw))
            except json.JSONDecodeError as error:
                raise InputError(f"broken JSON: {error.msg} at column {error.colno}") from None
            yield article_from_json(record, f"{stem}-{number}", where, date)
        except InputError as error:
            yield Skipped(where, str(error))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TEXT_SUFFIXES:
        return "text"
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in start:
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def read_bytes_input(
    data: bytes, name: Path, origin: str, date: str | None, max_bytes: int
) -> Iterator[Article | Skipped]:
    kind = _kind(name, data[:512])
    stem = name.stem or "stdin"
    if kind == "jsonl":
        yield from read_jsonl(data.splitlines(keepends=True), stem, origin, date, max_bytes)
        return
    try:
        if len(data) > max_bytes:
            raise InputError(f"too large ({_mb(len(data))} > {_mb(max_bytes)} limit)")
        if kind == "html":
            yield article_from_html(data, stem, origin, date)
        else:
            yield article_from_text(decode(data), stem, origin, date)
    except InputError as error:
        yield Skipped(origin, str(error))


def read_file(path: Path, date: str | None, max_bytes: int) -> Iterator[Article | Skipped]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, path.stem, origin, date, max_bytes)
            return
        if size > max_bytes:
            yield Skipped(origin, f"too large ({_mb(size)} > {_mb(max_bytes)} limit)")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(origin, f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes_input(data, path, origin, date, max_bytes)


def walk(directory: Path) -> Iterator[Path | Skipped]:
    """Article files under a directory, recursively, in a stable order; hidden files and
    files of unknown type are passed over."""
    try:
        entries = sorted(directory.iterdir())
    except OSError as error:
        yield Skipped(str(directory), f"cannot list directory: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry)
        elif entry.suffix.lower() in KNOWN_SUFFIXES:
            yield entry
        else:
            log.debug("ignoring %s: not .txt, .html or .jsonl", entry)


def read_inputs(
    paths: Iterable[str],
    date: str | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Skipped]:
    """Read every input in order; yield articles and, for bad inputs, ``Skipped`` records."""
    for name in paths:
        if name == "-":
            stream = stdin or sys.stdin.buffer
            yield from read_bytes_input(stream.read(), Path("stdin"), "-", date, max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for item in walk(path):
                if isinstance(item, Skipped):
                    yield item
                else:
                    yield from read_file(item, date, max_bytes)
        elif path.exists():
            yield from read_file(path, date, max_bytes)
        else:
            yield Skipped(name, "no such file or directory")

"""Ingest stage: every input becomes an article or a clear reason, and the batch goes on."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from onrecord.ingest import (
    InputError,
    Skipped,
    decode,
    normalise_metadata_date,
    parse_date_option,
    read_inputs,
)
from onrecord.models import Article

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
STORY = "Mayor quits\n\nThe mayor, Ada Brennan, said on Friday she would step down.\n"


def read_all(*paths: Path | str, **options: object) -> list[Article | Skipped]:
    return list(read_inputs([str(p) for p in paths], **options))  # type: ignore[arg-type]


def only(items: list[Article | Skipped]) -> Article | Skipped:
    assert len(items) == 1, items
    return items[0]


def test_text_file_first_line_is_the_headline_and_the_id_is_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "mayor-quits.txt"
    path.write_text("\n\n" + STORY, encoding="utf-8")
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert article.id == "mayor-quits" and article.title == "Mayor quits"
    assert article.text == "\n\n" + STORY  # the title line stays in the text: offsets include it


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (STORY.encode("utf-8"), STORY),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), STORY),
        (STORY.replace("\n", "\r\n").encode("utf-8"), STORY),
        ("Caf\u00e9 owner said: \u201cno\u201d.\n".encode("cp1252"), "Caf\u00e9 owner said: \u201cno\u201d.\n"),
        ("Ren\u00e9e M\u00fcller said the na\u00efve plan had failed in Z\u00fcrich and "
         "S\u00e3o Paulo.\n".encode("latin-1"),
         "Ren\u00e9e M\u00fcller said the na\u00efve plan had failed in Z\u00fcrich and "
         "S\u00e3o Paulo.\n"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "windows-1252", "latin-1"],
)
def test_decoding(raw: bytes, expected: str) -> None:
    assert decode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"", "empty"), (b"  \n\n ", "empty"), (PNG, "PNG image"), (b"%PDF-1.7\n\x00\x01", "PDF")],
)
def test_undecodable_input_is_refused_with_a_reason(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(raw)


def test_declared_html_charset_is_used_when_the_bytes_agree(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\u00e9 closes</title></head><body>"
        "<article><p>The owner of the caf\u00e9, Jos\u00e9 Ortega, said it would close in May "
        "after thirty years of trading on the high street.</p><p>\u201cIt is time,\u201d he said."
        " \u201cThe rent has doubled and the customers have gone.\u201d</p></article></body></html>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(html.encode("cp1252"))
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert "Jos\u00e9 Ortega" in article.text and "\u201cIt is time,\u201d" in article.text
    assert article.text.startswith(article.title or "")


def test_html_metadata_is_kept(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Bridge to reopen | The Courier</title>"
        "<meta property='og:title' content='Bridge to reopen'>"
        "<meta property='article:published_time' content='2022-06-14T09:00:00Z'>"
        "<meta property='og:site_name' content='The Courier'>"
        "<link rel='canonical' href='https://courier.example/bridge'></head><body>"
        "<nav>Home News Sport</nav><article><h1>Bridge to reopen</h1>"
        "<p>The Tamble bridge will reopen to traffic next month after repairs costing "
        "four million pounds, the county council said on Tuesday.</p>"
        "<p>Council leader Maya Fenwick said the repairs had taken longer than planned "
        "because of flooding in the spring.</p></article><footer>Copyright</footer></body></html>"
    )
    path = tmp_path / "bridge.html"
    path.write_text(html, encoding="utf-8")
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert article.date == "2022-06-14" and article.date_source == "metadata"
    assert article.title == "Bridge to reopen"
    assert article.url == "https://courier.example/bridge"
    assert "Home News Sport" not in article.text


def test_html_without_a_body_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    item = only(read_all(path))
    assert isinstance(item, Skipped) and "no article text" in item.reason
    assert item.origin == str(path)


def test_jsonl_lines_become_articles_and_broken_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"id": "a1", "title": "T", "text": "T\n\nBody said.", "date": "2020-01-02",
            "url": "u", "source": "Wire", "section": "politics"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "a3"}), "[1, 2]",
             json.dumps({"text": "Second\n\nbody."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Skipped", "Article"]
    first, last = items[0], items[-1]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.metadata == {"section": "politics"} and first.date_source == "metadata"
    assert last.id == "feed-5"
    assert [i.origin for i in items if isinstance(i, Skipped)] == [
        f"{path}:2", f"{path}:3", f"{path}:4"]


def test_date_option_applies_only_when_the_input_has_none(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "a", "date": "2001-02-03"}) + "\n"
                    + json.dumps({"id": "y", "text": "b"}) + "\n")
    x, y = read_all(path, date="2020-05-05")
    assert isinstance(x, Article) and isinstance(y, Article)
    assert (x.date, x.date_source) == ("2001-02-03", "metadata")
    assert (y.date, y.date_source) == ("2020-05-05", "option")


def test_directory_is_read_recursively_and_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b" / "c.txt").write_text(STORY)
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    (tmp_path / "b" / "photo.txt").write_bytes(PNG)
    (tmp_path / "notes.csv").write_text("ignored")
    locked = tmp_path / "b" / "locked.txt"
    locked.write_text(STORY)
    locked.chmod(0)
    items = read_all(tmp_path)
    articles = sorted(i.id for i in items if isinstance(i, Article))
    reasons = {Path(i.origin).name: i.reason for i in items if isinstance(i, Skipped)}
    if os.geteuid() == 0:  # root reads anything: the unreadable case cannot happen here
        articles.remove("locked")
    else:
        assert "cannot read" in reasons.pop("locked.txt")
    assert articles == ["a", "c"]
    assert set(reasons) == {"empty.txt", "photo.txt"}
    assert "empty" in reasons["empty.txt"] and "PNG" in reasons["photo.txt"]


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # 50 MB of text
        handle.write(b"Title\n\n")
        chunk = b"The council said the budget was balanced. " * 1000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    item = only(read_all(path))
    assert isinstance(item, Skipped) and "too large" in item.reason and "50.0 MB" in item.reason


def test_missing_path_is_reported() -> None:
    item = only(read_all("/nonexistent/story.txt"))
    assert isinstance(item, Skipped) and "no such file" in item.reason


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"<!DOCTYPE html><html><body><article><p>" + b"The minister said the plan was sound and would go ahead. " * 5 + b"</p></article></body></html>", "html"),
     (b'{"id": "s1", "text": "From stdin."}\n', "jsonl"),
     (STORY.encode(), "text")],
)
def test_stdin_format_is_recognised(head: bytes, kind: str) -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(head)))
    article = only(items)
    assert isinstance(article, Article), article
    assert article.id == {"html": "stdin", "jsonl": "s1", "text": "stdin"}[kind]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-12-03", ("2019-12-03", "day")), ("2019-12-03T10:00:00+00:00", ("2019-12-03", "day")),
     ("2019-12", ("2019-12", "month")), ("2019", ("2019", "year")), ("yesterday", None),
     (None, None), ("2019-02-30", None)],
)
def test_metadata_dates_keep_their_precision(value: str | None, expected: object) -> None:
    assert normalise_metadata_date(value) == expected


@pytest.mark.parametrize("value", ["03/12/2019", "2019-13-01", "soon"])
def test_bad_date_option_is_refused(value: str) -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date_option(value)


def test_a_jsonl_text_with_nul_characters_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "n", "text": "Title\n\nBody\u0000 said."}) + "\n")
    item = only(read_all(path))
    assert isinstance(item, Skipped) and "NUL" in item.reason

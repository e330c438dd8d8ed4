"""Command line: data on stdout, messages on stderr, exit 0 / 1 (some skipped) / 2 (usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import __version__
from onrecord.cli import main

REPO = Path(__file__).resolve().parents[1]
STORY = ("Pier to close\n\nThe pier will close for repairs in March, the council's leader, "
         "Ravi Sandhu, said on Monday.\n\n“It is a sad day, but it has to be done,” he said.\n")


@pytest.fixture()
def articles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "pier.txt").write_text(STORY, encoding="utf-8")
    (folder / "nested" / "pier-2.txt").write_text(STORY.replace("March", "April"), encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [[], ["analyze"], ["ingest"], ["articles"], ["quotes"]])
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0 and "Usage" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


@pytest.mark.parametrize(
    "args", [["analyze"], ["analyze", "x.txt", "--date", "3/12/2019"],
             ["analyze", "x.txt", "--format", "xml"], ["nonsense"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _, _ = run(*args)
    assert code == 2


def test_analyze_directory_as_jsonl_prints_one_schema_object_per_article(articles_dir: Path) -> None:
    code, out, _ = run("analyze", str(articles_dir), "--format", "jsonl", "--date", "2022-01-10")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["id"] for r in records] == ["pier-2", "pier"]
    for record in records:
        assert record["schema"] == "onrecord.article/1"
        assert record["article"]["date"] == "2022-01-10"
        assert record["article"]["date_source"] == "option"
        text = record["article"]["text"]
        for quote in record["quotes"]:
            span = quote["content"]
            assert text[span["start"] : span["end"]] == span["text"]


def test_analyze_goes_on_past_a_bad_input_and_exits_1(articles_dir: Path) -> None:
    (articles_dir / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, err = run("analyze", str(articles_dir), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 2
    assert "photo.txt" in err and "PNG" in err


def test_ingest_stores_then_leaves_unchanged_and_lists(articles_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "record.db")
    code, out, err = run("ingest", str(articles_dir), "--db", db)
    assert code == 0 and out == ""
    assert "stored" in err
    code, _, err = run("ingest", str(articles_dir), "--db", db)
    assert code == 0 and "unchanged" in err
    code, out, _ = run("articles", "--db", db, "--format", "json")
    assert code == 0
    assert sorted(a["id"] for a in json.loads(out)["articles"]) == ["pier", "pier-2"]


def test_ingest_records_skipped_inputs_and_exits_1(articles_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "record.db")
    (articles_dir / "empty.txt").write_text("")
    code, _, err = run("ingest", str(articles_dir), "--db", db)
    assert code == 1 and "empty.txt" in err
    code, out, _ = run("skipped", "--db", db)
    assert "empty.txt\tempty input" in out
    code, out, _ = run("articles", "--db", db, "--format", "json")
    assert len(json.loads(out)["articles"]) == 2


def test_db_from_environment(articles_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("ONRECORD_DB", str(db))
    code, _, _ = run("ingest", str(articles_dir / "pier.txt"))
    assert code == 0 and db.exists()


def test_bundled_examples_ingest_cleanly(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(REPO / "examples"), "--db", str(tmp_path / "demo.db"))
    assert code == 0, err


def test_workers_give_the_same_record_as_one_process(articles_dir: Path) -> None:
    _, one, _ = run("analyze", str(articles_dir), "--format", "jsonl", "--date", "2022-01-10")
    _, two, _ = run("analyze", str(articles_dir), "--format", "jsonl", "--date", "2022-01-10",
                    "--workers", "2")
    assert one == two and len(one.splitlines()) == 2

"""Throughput of onrecord against bare spaCy, on the same articles, in one run.

    python bench/throughput.py [TEXT_DIR] [-n 300] [--workers 1] [--batch-size 8] [--json]

Each mode (bare ``nlp.pipe``; the full pipeline, ``analyze_articles``) runs in a fresh Python
process of its own, so that its peak memory is its own and neither warms the other's caches.
The model is loaded and warmed up before the clock starts. Articles are spread evenly over the
sorted file names (PolNeAR is sorted by outlet). The figure that matters is the ratio
pipeline/bare within one run: absolute timings depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_TEXTS = Path(__file__).resolve().parents[1] / ".." / "shared/data/polnear-train/text"
MODES = ("bare", "pipeline")


def pick_texts(directory: Path, n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted names."""
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt files in {directory}")
    step = max(1, len(paths) // n)
    return paths[::step][:n]


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kilobytes


def measure(mode: str, paths: list[Path], workers: int, batch_size: int) -> dict[str, Any]:
    """Run one mode in this process and return its figures."""
    from onrecord.models import Article
    from onrecord.parse import load_nlp

    texts = [p.read_bytes().decode("utf-8") for p in paths]
    started = time.perf_counter()
    nlp = load_nlp()
    nlp("Warm up the model before the clock starts.")
    load_s = time.perf_counter() - started
    quotes = 0
    started = time.perf_counter()
    if mode == "bare":
        for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            pass
    else:
        from onrecord.evaluate.polnear import predict_quotes

        articles = [Article(id=p.stem, text=t) for p, t in zip(paths, texts, strict=True)]
        for found in predict_quotes(articles, workers=workers, batch_size=batch_size):
            quotes += len(found)
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    main_mb = peak_rss_mb(resource.RUSAGE_SELF)
    # RUSAGE_CHILDREN is the largest finished worker; every worker holds its own model.
    workers_mb = peak_rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else 0.0
    return {
        "mode": mode,
        "articles": len(texts),
        "words": words,
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "peak_rss_mb": round(main_mb, 1),
        "peak_rss_worker_mb": round(workers_mb, 1),
        "peak_rss_total_mb": round(main_mb + workers * workers_mb, 1),  # an upper bound
        "load_s": round(load_s, 3),
        "quotes": quotes,
    }


def run_mode(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """The same script, in a fresh interpreter, measuring one mode."""
    command = [
        sys.executable, __file__, str(args.texts), "-n", str(args.n),
        "--workers", str(args.workers), "--batch-size", str(args.batch_size), "--mode", mode,
    ]
    # stderr is inherited: a failing child shows its traceback.
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def summarize(results: list[dict[str, Any]], workers: int, batch_size: int) -> dict[str, Any]:
    bare, pipeline = results
    return {
        "workers": workers,
        "batch_size": batch_size,
        "modes": results,
        "ratio_seconds_pipeline_over_bare": round(pipeline["seconds"] / bare["seconds"], 3),
        "ratio_peak_rss_pipeline_over_bare": round(
            pipeline["peak_rss_total_mb"] / bare["peak_rss_total_mb"], 3
        ),
    }


def table(summary: dict[str, Any]) -> str:
    from rich.console import Console
    from rich.table import Table

    out = Table(title=f"throughput (workers={summary['workers']}, batch={summary['batch_size']})")
    columns = ("mode", "articles", "words", "seconds", "articles_per_s", "words_per_s",
               "peak_rss_mb", "peak_rss_worker_mb", "peak_rss_total_mb", "load_s", "quotes")
    for column in columns:
        out.add_column(column.replace("_", " "), justify="left" if column == "mode" else "right")
    for result in summary["modes"]:
        out.add_row(*(str(result[c]) for c in columns))
    console = Console(record=True, width=160, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(out)
        console.print(
            f"pipeline/bare: time x{summary['ratio_seconds_pipeline_over_bare']}, "
            f"peak memory x{summary['ratio_peak_rss_pipeline_over_bare']}"
        )
    return captured.get()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("-n", type=int, default=300, help="number of articles (default 300)")
    parser.add_argument("--workers", type=int, default=1, help="processes for nlp.pipe")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--mode", choices=MODES, help=argparse.SUPPRESS)  # one child's job
    args = parser.parse_args(argv)
    paths = pick_texts(args.texts.resolve(), args.n)
    if args.mode:
        print(json.dumps(measure(args.mode, paths, args.workers, args.batch_size)))
        return
    results = [run_mode(mode, args) for mode in MODES]
    summary = summarize(results, args.workers, args.batch_size)
    print(json.dumps(summary, indent=2) if args.json else table(summary), end="")


if __name__ == "__main__":
    main()

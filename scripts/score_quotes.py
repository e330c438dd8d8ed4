"""Quick PolNeAR scorer for the quotes stage (development aid, not package code).

Reads gold attributions from the PolNeAR train split (brat standoff) and Docs cached in a
DocBin by ``scripts/score_quotes.py parse``; runs ``extract_quotes`` and prints content P/R/F1
(alnum-character Jaccard >= 0.5, one-to-one), exact-boundary F1, source and cue accuracy on
matched pairs, attribution F1 and recall by gold kind. The colleague's
``onrecord.evaluate.polnear`` is the reference scorer once it lands.

    python scripts/score_quotes.py parse --offset 0 --every 4 --out /tmp/dev0.spacy
    python scripts/score_quotes.py score /tmp/dev0.spacy [--show N]
"""

from __future__ import annotations

import argparse
import os
import sys
import types
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

POLNEAR = Path("/work/shared/data/polnear-train")
OUT_DIR = Path(os.environ.get("QUOTES_OUT", "/tmp/quotes_h2"))  # where --show writes misses
QUOTE_CHARS = "\"'“”‘’«»"


@dataclass(frozen=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    kind: str


def _ranges(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def gold_kind(text: str) -> str:
    stripped = text.strip().strip(".,;:!?—– ")
    if stripped and stripped[0] in QUOTE_CHARS and stripped[-1] in QUOTE_CHARS:
        inner = stripped[1:-1]
        if not any(c in "\"“”" for c in inner) or stripped[0] in "'‘":
            return "direct"
    if any(c in "\"“”‘" for c in text) or "’ " in text or text.endswith("’"):
        return "partial"
    return "indirect"


def read_gold(ann: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            tid, info = parts[0], parts[1]
            role, offsets = info.split(" ", 1)
            spans[tid] = (role, _ranges(offsets))
        elif line.startswith("E"):
            _, args = line.split("\t", 1)
            events.append(dict(a.split(":", 1) for a in args.split()))
    gold = []
    for event in events:
        if "Content" not in event:
            continue
        content = spans[event["Content"]][1]
        covered = " ".join(text[s:e] for s, e in content)
        gold.append(
            Gold(
                content=content,
                source=spans[event["Source"]][1] if "Source" in event else (),
                cue=spans[event["Cue"]][1] if "Cue" in event else (),
                kind=gold_kind(covered),
            )
        )
    return gold


def alnum(text: str, ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {i for s, e in ranges for i in range(s, e) if text[i].isalnum()}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _ensure_component_module() -> None:
    # spaCy imports every registered factory entry point; tolerate a colleague's unwritten one.
    try:
        import onrecord.component  # noqa: F401
    except ModuleNotFoundError:
        module = types.ModuleType("onrecord.component")
        module.make_onrecord_component = None  # type: ignore[attr-defined]
        sys.modules["onrecord.component"] = module


def parse(offset: int, every: int, out: str) -> None:
    from spacy.tokens import DocBin

    _ensure_component_module()
    from onrecord.parse import load_nlp

    files = sorted((POLNEAR / "text").glob("*.txt"))[offset::every]
    nlp = load_nlp()
    db = DocBin()
    texts = (f.read_text(encoding="utf-8") for f in files)
    for doc in nlp.pipe(texts, batch_size=8):
        db.add(doc)
    db.to_disk(out)
    Path(out + ".names").write_text("\n".join(f.stem for f in files))


def score(cache: str, show: int, limit: int | None) -> None:
    from spacy.tokens import DocBin

    _ensure_component_module()
    from onrecord.parse import load_nlp
    from onrecord.clean import find_boilerplate
    from onrecord.quotes import extract_quotes

    names = Path(cache + ".names").read_text().split("\n")
    nlp = load_nlp()
    docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    if limit:
        docs, names = docs[:limit], names[:limit]
    n_pred = n_gold = n_match = n_exact = src_ok = cue_ok = attr_ok = 0
    gold_by_kind: Counter[str] = Counter()
    hit_by_kind: Counter[str] = Counter()
    pred_by_kind: Counter[str] = Counter()
    misses: list[str] = []
    false: list[str] = []
    wrong_src: list[str] = []
    for name, doc in zip(names, docs):
        text = doc.text
        anns = sorted((POLNEAR / "attributions").glob(f"{name}_*.ann"))
        from onrecord.evaluate.polnear import quoted_mask, kind_from_mask

        mask = quoted_mask(text)
        gold = [
            Gold(g.content, g.source, g.cue, kind_from_mask(text, g.content, mask))
            for g in read_gold(anns[0], text)
        ]
        pred = extract_quotes(doc, find_boilerplate(text))  # as the pipeline does
        n_pred += len(pred)
        n_gold += len(gold)
        for g in gold:
            gold_by_kind[g.kind] += 1
        for p in pred:
            pred_by_kind[p.kind] += 1
        pairs = []
        for i, g in enumerate(gold):
            ga = alnum(text, g.content)
            for j, p in enumerate(pred):
                if p.content.end <= g.content[0][0] or p.content.start >= g.content[-1][1]:
                    continue
                score_ = jaccard(ga, alnum(text, ((p.content.start, p.content.end),)))
                if score_ >= 0.5:
                    pairs.append((score_, i, j))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for score_, i, j in sorted(pairs, reverse=True):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            g, p = gold[i], pred[j]
            n_match += 1
            hit_by_kind[g.kind] += 1
            if (p.content.start, p.content.end) == (g.content[0][0], g.content[-1][1]):
                n_exact += 1
            mention = p.speaker.mention
            s_ok = bool(
                mention
                and g.source
                and any(mention.start < e and s < mention.end for s, e in g.source)
            ) or (not g.source and mention is None)
            c_ok = bool(
                p.cue
                and g.cue
                and alnum(text, g.cue) & alnum(text, ((p.cue.start, p.cue.end),))
            )
            src_ok += s_ok
            cue_ok += c_ok
            attr_ok += s_ok
            if not s_ok and len(wrong_src) < 10000:
                gs = " | ".join(text[s:e] for s, e in g.source)
                wrong_src.append(
                    f"{name}: gold={gs!r} pred={mention.text if mention else None!r} "
                    f"cue={p.cue.text if p.cue else None!r} :: {p.content.text[:80]!r}"
                )
        for i, g in enumerate(gold):
            if i not in used_g:
                ctext = " ".join(text[s:e] for s, e in g.content)
                cue = " ".join(text[s:e] for s, e in g.cue)
                src = " ".join(text[s:e] for s, e in g.source)
                misses.append(f"{name} [{g.kind}] {src!r} {cue!r} :: {ctext[:150]!r}")
        for j, p in enumerate(pred):
            if j not in used_p:
                false.append(
                    f"{name} [{p.kind}] {p.speaker.mention.text if p.speaker.mention else None!r}"
                    f" {p.cue.text if p.cue else None!r} :: {p.content.text[:150]!r}"
                )
    prec = n_match / n_pred if n_pred else 0.0
    rec = n_match / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    ep, er = n_exact / max(n_pred, 1), n_exact / max(n_gold, 1)
    ap, ar = attr_ok / max(n_pred, 1), attr_ok / max(n_gold, 1)
    print(f"docs={len(docs)} gold={n_gold} pred={n_pred} matched={n_match}")
    print(f"content P={prec:.3f} R={rec:.3f} F1={f1:.3f}")
    print(f"exact F1={2 * ep * er / (ep + er) if ep + er else 0:.3f}")
    print(f"source acc={src_ok / max(n_match, 1):.3f} cue acc={cue_ok / max(n_match, 1):.3f}")
    print(f"attribution F1={2 * ap * ar / (ap + ar) if ap + ar else 0:.3f}")
    for kind in ("direct", "partial", "indirect"):
        print(
            f"  recall {kind}: {hit_by_kind[kind] / max(gold_by_kind[kind], 1):.3f} "
            f"({hit_by_kind[kind]}/{gold_by_kind[kind]}) predicted={pred_by_kind[kind]}"
        )
    if show:
        Path(OUT_DIR, "misses.txt").write_text("\n".join(misses))
        Path(OUT_DIR, "false.txt").write_text("\n".join(false))
        Path(OUT_DIR, "wrong_src.txt").write_text("\n".join(wrong_src))


def official(caches: list[str], sample_every: int, offset: int) -> None:
    """The colleague's ``onrecord.evaluate.polnear`` scorer over cached parses.

    ``read_corpus`` takes every ``sample_every``-th article from the first; the caches made
    with ``--offset k --every n`` hold the articles at positions k, k+n, ...
    """
    from spacy.tokens import DocBin

    _ensure_component_module()
    from onrecord.evaluate.polnear import evaluate_documents, format_report, read_corpus
    from onrecord.evaluate.polnear import PolnearReport
    from onrecord.parse import load_nlp
    from onrecord.pipeline import analyze_doc

    nlp = load_nlp()
    docs = {}
    for cache in caches:
        names = Path(cache + ".names").read_text().split("\n")
        docs.update(zip(names, DocBin().from_disk(cache).get_docs(nlp.vocab)))
    documents = [d for d in read_corpus(POLNEAR) if d.id in docs]

    def predictor(articles):  # type: ignore[no-untyped-def]
        # The whole pipeline, as `onrecord eval polnear` runs it (later stages drop questions).
        return [analyze_doc(a, docs[a.id]).quotes for a in articles]

    tally = evaluate_documents(documents, predictor=predictor)
    print(format_report(PolnearReport.from_tally(tally)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_parse = sub.add_parser("parse")
    p_parse.add_argument("--offset", type=int, default=0)
    p_parse.add_argument("--every", type=int, default=4)
    p_parse.add_argument("--out", required=True)
    p_score = sub.add_parser("score")
    p_score.add_argument("cache")
    p_score.add_argument("--show", type=int, default=1)
    p_score.add_argument("--limit", type=int, default=None)
    p_official = sub.add_parser("official")
    p_official.add_argument("caches", nargs="+")
    args = parser.parse_args()
    if args.command == "official":
        official(args.caches, 1, 0)
    elif args.command == "parse":
        parse(args.offset, args.every, args.out)
    else:
        score(args.cache, args.show, args.limit)


if __name__ == "__main__":
    main()

"""Score onrecord's quotes against PolNeAR, a human-annotated attribution corpus.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) is brat standoff: ``text/<article>.txt`` and
``attributions/<article>_<annotator>.ann``. Each ``E`` line is one gold attribution linking a
Content (sometimes in several pieces, and sometimes with a ``Content2``), a Cue and a Source;
either of the last two may be missing. Offsets index the ``.txt`` decoded as UTF-8.

Choices, so that numbers are comparable from run to run:

- Articles with several annotators: the first annotation file in sorted order is used.
- ``E`` lines without any Content cannot be matched and are counted as skipped, not scored.
- A discontinuous Content is the union of its characters for overlap, and the single span from
  its first start to its last end for boundaries.
- A prediction matches a gold attribution when the Jaccard overlap of the positions of the
  alphanumeric characters they cover is at least 0.5; pairs are made one-to-one, greedily by
  highest overlap, ties broken by position (gold first, then prediction).
- Each gold attribution gets a kind from the quote marks around its content (curly, straight,
  two straight single marks as in wire copy, single marks outside double ones, never an
  apostrophe between letters): direct when all its letters and digits are inside quote marks,
  partial when some are, indirect when none are.
- Accuracy figures (source, cue, kind) are over matched pairs; a ratio whose denominator is
  zero is reported as 0.0.
- Predicted content is one span (``onrecord.article/1``), so a gold content whose pieces lie
  far apart can be out of reach: on the train split, gold turned into single spans matches
  99.2% of gold.
- PolNeAR also annotates reported beliefs and intentions, so full recall is out of reach for a
  speech extractor: compare runs with each other, not with 1.0.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from onrecord.models import Article, Quote, QuoteKind

log = logging.getLogger(__name__)

SCHEMA = "onrecord.eval.polnear/1"
THRESHOLD = 0.5
KINDS: tuple[QuoteKind, ...] = ("direct", "partial", "indirect")
ANNOTATOR_POLICY = "first annotation file in sorted order"

Segment = tuple[int, int]
Segments = tuple[Segment, ...]
Predictor = Callable[[Sequence[Article]], Iterable[Sequence[Quote]]]


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True)
class GoldAttribution:
    """One ``E`` line: content pieces, and the cue and source pieces when annotated."""

    id: str
    content: Segments
    cue: Segments | None = None
    source: Segments | None = None

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return max(end for _, end in self.content)


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    annotation: str  # the .ann file name the attributions came from
    attributions: tuple[GoldAttribution, ...]
    skipped: int = 0  # E lines without Content


# --------------------------------------------------------------------------- brat parsing

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_EVENT = re.compile(r"^(E\d+)\t([^\n]*)$", re.MULTILINE)
_ROLE_NUMBER = re.compile(r"\d+$")


def parse_segments(offsets: str) -> Segments:
    """``"3 9;12 20"`` -> ``((3, 9), (12, 20))``, sorted, empty pieces dropped."""
    pieces = (tuple(int(n) for n in part.split()) for part in offsets.split(";"))
    return tuple(sorted((start, end) for start, end in pieces if end > start))


def parse_brat(ann: str) -> tuple[tuple[GoldAttribution, ...], int]:
    """Gold attributions of one ``.ann`` text, and how many E lines had no Content.

    Lines other than T and E (notes, continuation lines of a covered text that holds a
    newline) are ignored: offsets, not the repeated text, are what counts.
    """
    bounds = {m.group(1): parse_segments(m.group(3)) for m in _TEXT_BOUND.finditer(ann)}
    found: list[GoldAttribution] = []
    skipped = 0
    for event in _EVENT.finditer(ann):
        roles: dict[str, list[Segment]] = {"Content": [], "Cue": [], "Source": []}
        for argument in event.group(2).split()[1:]:  # the first one is the trigger
            role, _, target = argument.partition(":")
            role = _ROLE_NUMBER.sub("", role)  # Content2 is more Content
            if role in roles and target in bounds:
                roles[role].extend(bounds[target])
        if not roles["Content"]:
            skipped += 1
            continue
        found.append(
            GoldAttribution(
                id=event.group(1),
                content=tuple(sorted(roles["Content"])),
                cue=tuple(sorted(roles["Cue"])) or None,
                source=tuple(sorted(roles["Source"])) or None,
            )
        )
    found.sort(key=lambda g: (g.start, g.end, g.id))
    return tuple(found), skipped


def annotation_for(article_id: str, names: Sequence[str]) -> str | None:
    """The annotation file used for an article: the first of ``<id>_<annotator>.ann`` sorted."""
    prefix = article_id + "_"
    mine = sorted(
        name
        for name in names
        if name.startswith(prefix) and name.endswith(".ann") and "_" not in name[len(prefix) :]
    )
    return mine[0] if mine else None


def read_corpus(
    directory: Path | str, limit: int | None = None, sample_every: int = 1
) -> list[GoldDocument]:
    """Read a brat directory (``text/``, ``attributions/``): every ``sample_every``-th
    annotated article sorted by name, at most ``limit`` of them."""
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    for needed in (text_dir, ann_dir):
        if not needed.is_dir():
            raise FileNotFoundError(
                f"{needed} is not a directory (expected brat text/ and attributions/)"
            )
    if sample_every < 1:
        raise ValueError("sample_every must be at least 1")
    names = sorted(p.name for p in ann_dir.iterdir())
    chosen: list[tuple[str, str]] = []
    for path in sorted(text_dir.glob("*.txt")):
        annotation = annotation_for(path.stem, names)
        if annotation is None:
            log.warning("no annotation for %s; not scored", path.name)
            continue
        chosen.append((path.stem, annotation))
    chosen = chosen[::sample_every][:limit]
    documents = []
    for article_id, annotation in chosen:
        attributions, skipped = parse_brat((ann_dir / annotation).read_bytes().decode("utf-8"))
        text = (text_dir / f"{article_id}.txt").read_bytes().decode("utf-8")
        documents.append(GoldDocument(article_id, text, annotation, attributions, skipped))
    return documents


# --------------------------------------------------------------------------- content overlap


def alnum_positions(text: str, segments: Iterable[Segment]) -> frozenset[int]:
    """Positions of the letters and digits covered: spacing and punctuation do not count."""
    return frozenset(i for start, end in segments for i in range(start, end) if text[i].isalnum())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match_one_to_one(
    gold: Sequence[frozenset[int]],
    predicted: Sequence[frozenset[int]],
    threshold: float = THRESHOLD,
) -> list[tuple[int, int]]:
    """Pairs (gold index, prediction index), each side used once, greedily by highest overlap.

    Ties go to the lower gold index, then the lower prediction index: callers pass both sides
    sorted by position, so ties are broken by position.
    """
    def reach(chars: frozenset[int]) -> Segment:
        return (min(chars), max(chars)) if chars else (0, -1)

    predicted_reach = [reach(chars) for chars in predicted]
    candidates = []
    for g, gold_chars in enumerate(gold):
        low, high = reach(gold_chars)
        for p, predicted_chars in enumerate(predicted):
            if predicted_reach[p][1] < low or predicted_reach[p][0] > high:
                continue  # far apart: no overlap (and far cheaper than the sets)
            overlap = jaccard(gold_chars, predicted_chars)
            if overlap > 0 and overlap >= threshold:
                candidates.append((-overlap, g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def _is_trimmed(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim_bounds(text: str, start: int, end: int) -> Segment:
    """The span without surrounding spacing, quote marks and punctuation."""
    while start < end and _is_trimmed(text[start]):
        start += 1
    while end > start and _is_trimmed(text[end - 1]):
        end -= 1
    return start, end


def count_exact(
    text: str, gold: Sequence[GoldAttribution], predicted: Sequence[Quote]
) -> int:
    """How many predictions have exactly a gold content's trimmed boundaries (one-to-one)."""
    gold_bounds = Counter(trim_bounds(text, g.start, g.end) for g in gold)
    predicted_bounds = Counter(trim_bounds(text, q.content.start, q.content.end) for q in predicted)
    return sum((gold_bounds & predicted_bounds).values())


# --------------------------------------------------------------------------- source and cue


def _overlaps_any(start: int, end: int, segments: Segments) -> bool:
    return any(start < seg_end and seg_start < end for seg_start, seg_end in segments)


def source_right(gold: GoldAttribution, quote: Quote) -> bool:
    """The predicted mention overlaps the gold Source; no Source is right only against none."""
    mention = quote.speaker.mention
    if gold.source is None:
        return mention is None
    return mention is not None and _overlaps_any(mention.start, mention.end, gold.source)


def cue_right(gold: GoldAttribution, quote: Quote) -> bool:
    """The predicted cue overlaps the gold Cue; no Cue is right only against none."""
    if gold.cue is None:
        return quote.cue is None
    return quote.cue is not None and _overlaps_any(quote.cue.start, quote.cue.end, gold.cue)


# --------------------------------------------------------------------------- kind of a gold quote

_DOUBLE = {'"', "\u201c", "\u201d"}
_SINGLE = {"'", "\u2018", "\u2019"}
_OPENS_AFTER = set("([{\u2014\u2013-/")


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark between two letters (don't, O'Malley's) is part of a word."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _can_open(text: str, i: int, start: int) -> bool:
    before_ok = i == start or text[i - 1].isspace() or text[i - 1] in _OPENS_AFTER
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _paragraph_regions(text: str, start: int, end: int) -> list[Segment]:
    """Quoted stretches of one paragraph, quote marks included.

    Double marks pair up (a straight one closes when one is open); two straight single marks
    in a row are a double one (wire copy: ''like this''). Single marks count only outside
    double quotes (headlines, British style) and never between letters. A double quote still
    open at the paragraph's end runs to it: news opens each paragraph of a long quote without
    closing the one before.
    """
    regions: list[Segment] = []
    double_at: int | None = None
    single_at: int | None = None
    i = start
    while i < end:
        char, width = text[i], 1
        if text.startswith("''", i) and i + 1 < end:
            char, width = '"', 2
        if char in _DOUBLE:
            if double_at is None and single_at is None and char != "\u201d":
                double_at = i
            elif double_at is not None and char == "\u201c":
                regions.append((double_at, i))  # an unclosed quote: a new one begins
                double_at = i
            elif double_at is not None:
                regions.append((double_at, i + width))
                double_at = None
        elif char in _SINGLE and double_at is None and not _is_apostrophe(text, i):
            if single_at is None and char != "\u2019" and _can_open(text, i, start):
                single_at = i
            elif single_at is not None and char != "\u2018" and not text[i - 1].isspace():
                regions.append((single_at, i + 1))
                single_at = None
        i += width
    if double_at is not None:
        regions.append((double_at, end))
    return regions  # an unclosed single mark is more likely an apostrophe ('90s): dropped


def quoted_mask(text: str) -> list[bool]:
    """For each character of ``text``: is it inside quote marks?"""
    mask = [False] * len(text)
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        for region_start, region_end in _paragraph_regions(text, start, end):
            mask[region_start:region_end] = [True] * (region_end - region_start)
        start = end + 1
    return mask


def kind_from_mask(text: str, segments: Iterable[Segment], mask: Sequence[bool]) -> QuoteKind:
    positions = alnum_positions(text, segments)
    quoted = sum(1 for i in positions if mask[i])
    if positions and quoted == len(positions):
        return "direct"
    return "partial" if quoted else "indirect"


def classify_kind(text: str, segments: Iterable[Segment]) -> QuoteKind:
    """direct: every word inside quote marks; partial: some; indirect: none."""
    return kind_from_mask(text, segments, quoted_mask(text))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Tally:
    """Counts for one or more documents; reports are ratios of summed tallies."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    source_right: int = 0
    cue_right: int = 0
    attributed: int = 0  # matched and source right
    kind_right: int = 0
    skipped: int = 0
    gold_by_kind: tuple[int, int, int] = (0, 0, 0)  # in KINDS order
    matched_by_kind: tuple[int, int, int] = (0, 0, 0)

    def __add__(self, other: Tally) -> Tally:
        values: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, tuple):
                values[f.name] = tuple(a + b for a, b in zip(mine, theirs, strict=True))
            else:
                values[f.name] = mine + theirs
        return Tally(**values)


def _by_kind(kinds: Iterable[QuoteKind]) -> tuple[int, int, int]:
    counts = Counter(kinds)
    return counts["direct"], counts["partial"], counts["indirect"]


def score_document(document: GoldDocument, quotes: Sequence[Quote]) -> Tally:
    text = document.text
    gold = document.attributions
    predicted = sorted(quotes, key=lambda q: (q.content.start, q.content.end, q.id))
    pairs = match_one_to_one(
        [alnum_positions(text, g.content) for g in gold],
        [alnum_positions(text, [(q.content.start, q.content.end)]) for q in predicted],
    )
    mask = quoted_mask(text)
    gold_kinds = [kind_from_mask(text, g.content, mask) for g in gold]
    sources = [source_right(gold[g], predicted[p]) for g, p in pairs]
    return Tally(
        documents=1,
        gold=len(gold),
        predicted=len(predicted),
        matched=len(pairs),
        exact=count_exact(text, gold, predicted),
        source_right=sum(sources),
        cue_right=sum(cue_right(gold[g], predicted[p]) for g, p in pairs),
        attributed=sum(sources),
        kind_right=sum(gold_kinds[g] == predicted[p].kind for g, p in pairs),
        skipped=document.skipped,
        gold_by_kind=_by_kind(gold_kinds),
        matched_by_kind=_by_kind(gold_kinds[g] for g, _ in pairs),
    )


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class PolnearReport:
    tally: Tally
    content_precision: float
    content_recall: float
    content_f1: float
    exact_precision: float
    exact_recall: float
    exact_f1: float
    attribution_precision: float
    attribution_recall: float
    attribution_f1: float
    source_accuracy: float
    cue_accuracy: float
    kind_accuracy: float
    direct_recall: float
    partial_recall: float
    indirect_recall: float
    sample_every: int = 1
    limit: int | None = None

    @classmethod
    def from_tally(
        cls, tally: Tally, sample_every: int = 1, limit: int | None = None
    ) -> PolnearReport:
        content_p = ratio(tally.matched, tally.predicted)
        content_r = ratio(tally.matched, tally.gold)
        exact_p, exact_r = ratio(tally.exact, tally.predicted), ratio(tally.exact, tally.gold)
        attr_p = ratio(tally.attributed, tally.predicted)
        attr_r = ratio(tally.attributed, tally.gold)
        recalls = [
            ratio(matched, gold)
            for matched, gold in zip(tally.matched_by_kind, tally.gold_by_kind, strict=True)
        ]
        return cls(
            tally=tally,
            content_precision=content_p,
            content_recall=content_r,
            content_f1=f1(content_p, content_r),
            exact_precision=exact_p,
            exact_recall=exact_r,
            exact_f1=f1(exact_p, exact_r),
            attribution_precision=attr_p,
            attribution_recall=attr_r,
            attribution_f1=f1(attr_p, attr_r),
            source_accuracy=ratio(tally.source_right, tally.matched),
            cue_accuracy=ratio(tally.cue_right, tally.matched),
            kind_accuracy=ratio(tally.kind_right, tally.matched),
            direct_recall=recalls[0],
            partial_recall=recalls[1],
            indirect_recall=recalls[2],
            sample_every=sample_every,
            limit=limit,
        )

    def to_json(self) -> dict[str, Any]:
        t = self.tally

        def prf(p: float, r: float, f: float) -> dict[str, float]:
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        return {
            "schema": SCHEMA,
            "counts": {
                "documents": t.documents,
                "gold": t.gold,
                "predicted": t.predicted,
                "matched": t.matched,
                "exact": t.exact,
                "skipped_gold_without_content": t.skipped,
            },
            "content": prf(self.content_precision, self.content_recall, self.content_f1),
            "exact": prf(self.exact_precision, self.exact_recall, self.exact_f1),
            "attribution": prf(
                self.attribution_precision, self.attribution_recall, self.attribution_f1
            ),
            "source_accuracy": round(self.source_accuracy, 4),
            "cue_accuracy": round(self.cue_accuracy, 4),
            "kind_accuracy": round(self.kind_accuracy, 4),
            "recall_by_kind": {
                "direct": round(self.direct_recall, 4),
                "partial": round(self.partial_recall, 4),
                "indirect": round(self.indirect_recall, 4),
            },
            "gold_by_kind": dict(zip(KINDS, t.gold_by_kind, strict=True)),
            "settings": {
                "threshold": THRESHOLD,
                "sample_every": self.sample_every,
                "limit": self.limit,
                "annotators": ANNOTATOR_POLICY,
            },
        }


# --------------------------------------------------------------------------- running


def predict_quotes(
    articles: Iterable[Article], workers: int = 1, batch_size: int = 8
) -> Iterator[tuple[Quote, ...]]:
    """The full pipeline's quotes, one tuple per article, in order.

    ``workers > 1`` parses in that many processes; the later stages run here.
    """
    from onrecord.pipeline import analyze_articles

    for analyzed in analyze_articles(articles, batch_size=batch_size, workers=workers):
        yield analyzed.quotes


def evaluate_documents(
    documents: Sequence[GoldDocument], predictor: Predictor | None = None, workers: int = 1
) -> Tally:
    articles = [Article(id=d.id, text=d.text) for d in documents]
    predictions = predictor(articles) if predictor else predict_quotes(articles, workers=workers)
    total = Tally()
    for document, quotes in zip(documents, predictions, strict=True):
        total = total + score_document(document, quotes)
    return total


def evaluate_polnear(
    directory: Path | str,
    limit: int | None = None,
    sample_every: int = 1,
    predictor: Predictor | None = None,
    workers: int = 1,
) -> PolnearReport:
    """Score the pipeline (or ``predictor``) on a PolNeAR-style brat directory."""
    documents = read_corpus(directory, limit=limit, sample_every=sample_every)
    log.info("scoring %d PolNeAR documents", len(documents))
    tally = evaluate_documents(documents, predictor=predictor, workers=workers)
    return PolnearReport.from_tally(tally, sample_every=sample_every, limit=limit)


def render_table(report: PolnearReport) -> Any:
    """A rich ``Table`` of the report (rich is imported here: the metrics do not need it)."""
    from rich.table import Table

    t = report.tally
    table = Table(title=f"PolNeAR: {t.documents} documents, {t.gold} gold, {t.predicted} predicted")
    for column in ("measure", "precision", "recall", "F1 / accuracy"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    rows = [
        ("content (Jaccard >= 0.5)", report.content_precision, report.content_recall,
         report.content_f1),
        ("content, exact boundaries", report.exact_precision, report.exact_recall,
         report.exact_f1),
        ("attribution (content + source)", report.attribution_precision,
         report.attribution_recall, report.attribution_f1),
    ]
    for name, p, r, f in rows:
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    table.add_row(f"source accuracy ({t.matched} matched)", "", "", f"{report.source_accuracy:.3f}")
    table.add_row("cue accuracy", "", "", f"{report.cue_accuracy:.3f}")
    table.add_row("kind accuracy", "", "", f"{report.kind_accuracy:.3f}")
    recalls = (report.direct_recall, report.partial_recall, report.indirect_recall)
    for kind, gold, recall in zip(KINDS, t.gold_by_kind, recalls, strict=True):
        table.add_row(f"{kind} ({gold} gold)", "", f"{recall:.3f}", "")
    return table


def format_report(report: PolnearReport, width: int = 100) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(render_table(report))
    console.print(
        f"annotators: {ANNOTATOR_POLICY}; gold without content skipped: {report.tally.skipped}"
    )
    return console.file.getvalue()  # type: ignore[attr-defined]


def run_cli(
    directory: Path | str,
    limit: int | None = None,
    json_out: bool = False,
    sample_every: int = 1,
    workers: int = 1,
    predictor: Predictor | None = None,
) -> str:
    """What ``onrecord eval polnear DIR`` prints: a table, or the report as JSON."""
    import json

    report = evaluate_polnear(
        directory, limit=limit, sample_every=sample_every, predictor=predictor, workers=workers
    )
    if json_out:
        return json.dumps(report.to_json(), indent=2)
    return format_report(report)

"""The PolNeAR harness: brat reading, content matching, source/cue/kind scoring, and the gate.

Every text here is written for these tests (fictional people). The gate reads the real corpus
from the shared directory and skips when it is absent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from onrecord.evaluate.polnear import (
    GoldAttribution,
    GoldDocument,
    PolnearReport,
    Tally,
    alnum_positions,
    annotation_for,
    classify_kind,
    count_exact,
    cue_right,
    evaluate_polnear,
    format_report,
    jaccard,
    match_one_to_one,
    parse_brat,
    read_corpus,
    run_cli,
    score_document,
    source_right,
    trim_bounds,
)
from onrecord.models import Article, Quote, Span, Speaker

# The gate: floors on a fixed sample of the PolNeAR train split (every 20th article by name).
# raised as the extractor improves; never lower silently
FLOOR_CONTENT_F1 = 0.67
FLOOR_ATTRIBUTION_F1 = 0.625
FLOOR_SOURCE_ACCURACY = 0.933
FLOOR_CUE_ACCURACY = 0.958
FLOOR_DIRECT_RECALL = 0.94
FLOOR_INDIRECT_RECALL = 0.513
GATE_SAMPLE_EVERY = 20


def shared_dir() -> Path | None:
    candidates = [Path(__file__).resolve().parents[2] / ".." / "shared"]
    if os.environ.get("ONRECORD_SHARED"):
        candidates.append(Path(os.environ["ONRECORD_SHARED"]))
    return next((c.resolve() for c in candidates if c.is_dir()), None)


# --------------------------------------------------------------------------- fixtures

TEXT = (
    "Mayor Ada Quell said the bridge \u201cwill reopen in May.\u201d Critics doubt it.\n"
    "Officials, aides say, expect delays.\n"
    "The works are said to cost more.\n"
)

# Written by hand in brat standoff, as PolNeAR has it: a note line, a covered text running
# over a line break, a discontinuous Content, a Content2, an event without Source and one
# without any Content.
ANN = (
    "T1\tSource 0 15\tMayor Ada Quell\n"
    "T2\tCue 16 20\tsaid\n"
    "T3\tContent 21 53\tthe bridge \u201cwill reopen in May.\u201d\n"
    "T4\tAttribution 16 20\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "#1\tAnnotatorNotes T3\tis the headline part of it?\n"
    "T5\tContent 72 81;94 107\tOfficials expect delays\n"
    "T6\tSource 83 88\taides\n"
    "T7\tCue 89 92\tsay\n"
    "T8\tAttribution 89 92\tsay\n"
    "E2\tAttribution:T8 Source:T6 Cue:T7 Content:T5\n"
    "T9\tContent 109 118\tThe works\n"
    "T10\tCue 119 127\tare said\n"
    "T11\tContent 128 140\tto cost more\n"
    "T12\tAttribution-no-source 119 127\tare said\n"
    "E3\tAttribution-no-source:T12 Cue:T10 Content:T9 Content2:T11\n"
    "T13\tDiscuss 62 81\tdoubt it.\n"
    "Officials\n"
    "T14\tAttribution 62 67\tdoubt\n"
    "E4\tAttribution:T14 \n"
)


def quote(
    start: int,
    end: int,
    text: str = TEXT,
    cue: tuple[int, int] | None = None,
    mention: tuple[int, int] | None = None,
    kind: str = "indirect",
) -> Quote:
    return Quote(
        id=f"q{start}",
        kind=kind,  # type: ignore[arg-type]
        content=Span.of(text, start, end),
        cue=Span.of(text, *cue) if cue else None,
        speaker=Speaker(name=None, mention=Span.of(text, *mention) if mention else None),
    )


def write_corpus(root: Path, articles: dict[str, str], annotations: dict[str, str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in articles.items():
        (root / "text" / f"{name}.txt").write_bytes(text.encode("utf-8"))
    for name, ann in annotations.items():
        (root / "attributions" / name).write_bytes(ann.encode("utf-8"))
    return root


# --------------------------------------------------------------------------- brat parsing


def test_the_snippet_offsets_index_the_text() -> None:
    for line in ANN.splitlines():
        if line.startswith("T"):
            _, role_and_offsets, covered = line.split("\t")
            pieces = [piece.split() for piece in role_and_offsets.split(" ", 1)[1].split(";")]
            joined = " ".join(TEXT[int(start) : int(end)] for start, end in pieces)
            assert joined.split("\n")[0] == covered


def test_brat_events_become_gold_attributions() -> None:
    gold, skipped = parse_brat(ANN)
    assert skipped == 1  # E4 links no Content
    assert [g.id for g in gold] == ["E1", "E2", "E3"]
    said, say, are_said = gold
    assert said == GoldAttribution("E1", content=((21, 53),), cue=((16, 20),), source=((0, 15),))
    assert say.content == ((72, 81), (94, 107)) and (say.start, say.end) == (72, 107)
    assert are_said.content == ((109, 118), (128, 140))  # Content2 joins Content
    assert are_said.source is None and are_said.cue == ((119, 127),)


@pytest.mark.parametrize(
    ("ann", "expected"),
    [
        ("", 0),
        ("T1\tDiscuss 0 5\tMayor\n", 0),  # a T line no event uses is not gold
        ("T1\tContent 0 5\tMayor\nE1\tAttribution-no-source:T9 Content:T1\n", 1),
        ("E1\tAttribution:T4 Content:T3\n", 0),  # points at nothing: skipped
    ],
)
def test_brat_counts_only_events_with_content(ann: str, expected: int) -> None:
    assert len(parse_brat(ann)[0]) == expected


@pytest.mark.parametrize(
    ("article", "names", "expected"),
    [
        ("a_2016_x", ["a_2016_x_d473.ann", "a_2016_x_4e07.ann"], "a_2016_x_4e07.ann"),
        ("a_2016_x", ["a_2016_x_more_4e07.ann"], None),  # another article sharing a prefix
        ("a_2016_x", ["a_2016_x_more_4e07.ann", "a_2016_x_ef2d.ann"], "a_2016_x_ef2d.ann"),
        ("a_2016_x", ["a_2016_x_ef2d.txt"], None),
    ],
)
def test_one_annotation_file_per_article_first_in_sorted_order(
    article: str, names: list[str], expected: str | None
) -> None:
    assert annotation_for(article, names) == expected


def test_read_corpus_samples_sorted_annotated_articles(tmp_path: Path) -> None:
    articles = {f"doc_{i}": f"Text {i} \u201cquoted\u201d." for i in range(5)}
    annotations = {f"doc_{i}_aa.ann": "" for i in range(5) if i != 1}
    annotations["doc_0_bb.ann"] = ANN
    root = write_corpus(tmp_path, articles, annotations)
    assert [d.id for d in read_corpus(root)] == ["doc_0", "doc_2", "doc_3", "doc_4"]
    assert [d.id for d in read_corpus(root, sample_every=2)] == ["doc_0", "doc_3"]
    assert [d.id for d in read_corpus(root, sample_every=2, limit=1)] == ["doc_0"]
    first = read_corpus(root)[0]
    assert first.annotation == "doc_0_aa.ann" and first.attributions == ()
    assert first.text == articles["doc_0"]


def test_read_corpus_needs_text_and_attributions(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    with pytest.raises(FileNotFoundError, match="attributions"):
        read_corpus(tmp_path)


# --------------------------------------------------------------------------- content matching


def test_alphanumeric_characters_are_what_overlap_counts() -> None:
    assert alnum_positions("a, b!", [(0, 5)]) == {0, 3}
    assert alnum_positions("a, b!", [(0, 1), (3, 4)]) == alnum_positions("a, b!", [(0, 5)])


GOLD_100 = frozenset(range(100))


@pytest.mark.parametrize(
    ("predicted", "expected_pairs"),
    [
        (frozenset(range(100)), [(0, 0)]),  # the same characters
        (frozenset(range(50)), [(0, 0)]),  # Jaccard 50/100 = 0.5: a match
        (frozenset(range(49)), []),  # 49/100 = 0.49: no match
        (frozenset(range(25, 125)), [(0, 0)]),  # 75/125 = 0.6
        (frozenset(range(34, 134)), []),  # 66/134 < 0.5
        (frozenset(range(200, 300)), []),
        (frozenset(), []),
    ],
)
def test_content_matches_from_half_jaccard(
    predicted: frozenset[int], expected_pairs: list[tuple[int, int]]
) -> None:
    assert match_one_to_one([GOLD_100], [predicted]) == expected_pairs


def test_jaccard_of_nothing_is_zero() -> None:
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_two_predictions_for_one_gold_match_once() -> None:
    gold = [frozenset(range(10))]
    predicted = [frozenset(range(8)), frozenset(range(10))]
    assert match_one_to_one(gold, predicted) == [(0, 1)]  # the better one wins


def test_matching_is_greedy_by_overlap_then_position() -> None:
    gold = [frozenset(range(0, 10)), frozenset(range(0, 10))]  # the same content twice
    predicted = [frozenset(range(0, 10)), frozenset(range(0, 9))]
    assert match_one_to_one(gold, predicted) == [(0, 0), (1, 1)]


def test_discontinuous_gold_overlaps_by_its_pieces() -> None:
    gold = GoldAttribution("E1", content=((72, 81), (94, 107)))
    gold_chars = alnum_positions(TEXT, gold.content)
    pieces_only = alnum_positions(TEXT, [(72, 81), (94, 107)])
    whole_sentence = alnum_positions(TEXT, [(72, 107)])  # adds "aides say"
    assert jaccard(gold_chars, pieces_only) == 1.0
    assert 0.5 < jaccard(gold_chars, whole_sentence) < 1.0


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("He said \u201cyes.\u201d", 8, 14, (9, 12)),
        ("He said 'no,' then", 7, 14, (9, 11)),
        ("Plain words", 0, 11, (0, 11)),
        ("...", 0, 3, (3, 3)),
    ],
)
def test_trim_bounds_strips_spacing_quotes_and_punctuation(
    text: str, start: int, end: int, expected: tuple[int, int]
) -> None:
    assert trim_bounds(text, start, end) == expected


def test_exact_boundaries_ignore_quote_marks_and_use_first_start_last_end() -> None:
    gold, _ = parse_brat(ANN)
    predicted = [
        quote(32, 52),  # "will reopen in May." against gold "the bridge “will ...”": not exact
        quote(21, 53),  # the same as gold E1
        quote(72, 108),  # E2 from its first start to its last end, with the full stop
        quote(72, 107),  # a second prediction for E2 counts once
    ]
    assert count_exact(TEXT, gold, predicted) == 2


# --------------------------------------------------------------------------- source and cue


E1 = GoldAttribution("E1", content=((21, 53),), cue=((16, 20),), source=((0, 15),))
NO_SOURCE = GoldAttribution("E3", content=((109, 118),), cue=((119, 127),))


@pytest.mark.parametrize(
    ("gold", "mention", "right"),
    [
        (E1, (10, 15), True),  # "Quell" inside "Mayor Ada Quell"
        (E1, (0, 15), True),
        (E1, (54, 61), False),  # "Critics"
        (E1, None, False),
        (NO_SOURCE, None, True),  # no source against no source
        (NO_SOURCE, (0, 15), False),
    ],
)
def test_source_is_right_when_the_mention_overlaps(
    gold: GoldAttribution, mention: tuple[int, int] | None, right: bool
) -> None:
    assert source_right(gold, quote(21, 53, mention=mention)) is right


@pytest.mark.parametrize(
    ("gold", "cue", "right"),
    [
        (E1, (16, 20), True),
        (E1, (15, 17), True),
        (E1, (62, 67), False),
        (E1, None, False),
        (GoldAttribution("E9", content=((21, 53),)), None, True),
        (GoldAttribution("E9", content=((21, 53),)), (16, 20), False),
    ],
)
def test_cue_is_right_when_it_overlaps(
    gold: GoldAttribution, cue: tuple[int, int] | None, right: bool
) -> None:
    assert cue_right(gold, quote(21, 53, cue=cue)) is right


# --------------------------------------------------------------------------- kind of quote


LQ, RQ, LS, RS = "\u201c", "\u201d", "\u2018", "\u2019"  # curly double and single marks


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        (f"{LQ}We will win,{RQ} Quell said.", "We will win", "direct"),
        (f"{LQ}We will win,{RQ} Quell said.", f"{LQ}We will win,{RQ}", "direct"),
        ('"We will win," Quell said.', "We will win", "direct"),
        (f"Quell said the bridge {LQ}will reopen.{RQ}", f"the bridge {LQ}will reopen.{RQ}",
         "partial"),
        ("Quell said the bridge will reopen.", "the bridge will reopen", "indirect"),
        (f"O{RS}Deery{RS}s aide said they don{RS}t agree.", f"they don{RS}t agree", "indirect"),
        ("O'Deery's aide said they don't agree.", "they don't agree", "indirect"),
        ("Quell: 'Bridge will reopen.'", "Bridge will reopen.", "direct"),
        (f"The voters{RS} choice, aides said, is {LS}clear{RS}.", f"is {LS}clear{RS}", "partial"),
        (f"{LQ}First paragraph goes on.\n{LQ}Second one ends.{RQ}", "First paragraph goes on.",
         "direct"),
        (f"He said {LQ}no{RQ} and left. Later he said yes.", "Later he said yes", "indirect"),
        (f"{LQ}They said {LS}never{RS} to us,{RQ} she said.", f"They said {LS}never{RS} to us",
         "direct"),
        ("''We will win,'' Quell said.", "We will win", "direct"),  # wire-copy doubles
        ("Quell said ''it's over'' for them.", "''it's over'' for them", "partial"),
    ],
)
def test_gold_kind_follows_the_quote_marks(text: str, content: str, kind: str) -> None:
    start = text.index(content)
    assert classify_kind(text, [(start, start + len(content))]) == kind


# --------------------------------------------------------------------------- reports


def test_scores_one_document() -> None:
    gold, skipped = parse_brat(ANN)
    document = GoldDocument("d", TEXT, "d_aa.ann", gold, skipped)
    predicted = [
        quote(31, 53, cue=(16, 20), mention=(0, 15), kind="direct"),  # E1 minus "the bridge"
        quote(72, 108, cue=(89, 92), mention=(54, 61), kind="indirect"),  # E2, wrong source
        quote(54, 71, kind="indirect"),  # not in the gold at all
    ]
    tally = score_document(document, predicted)
    assert (tally.gold, tally.predicted, tally.matched, tally.skipped) == (3, 3, 2, 1)
    assert (tally.source_right, tally.cue_right, tally.attributed) == (1, 2, 1)
    assert tally.gold_by_kind == (0, 1, 2) and tally.matched_by_kind == (0, 1, 1)
    assert tally.kind_right == 1  # E1 is partial, predicted direct
    report = PolnearReport.from_tally(tally)
    assert report.content_precision == pytest.approx(2 / 3)
    assert report.content_recall == pytest.approx(2 / 3)
    assert report.attribution_f1 == pytest.approx(1 / 3)
    assert (report.direct_recall, report.partial_recall, report.indirect_recall) == (0.0, 1.0, 0.5)


def test_an_empty_tally_reports_zeros_not_errors() -> None:
    report = PolnearReport.from_tally(Tally())
    assert report.content_f1 == report.source_accuracy == report.direct_recall == 0.0


def test_tallies_add_up() -> None:
    one = Tally(documents=1, gold=2, gold_by_kind=(1, 0, 1))
    assert one + one == Tally(documents=2, gold=4, gold_by_kind=(2, 0, 2))


def fixed_predictions(articles: Sequence[Article]) -> list[list[Quote]]:
    """Gold E1 exactly, wherever the test article is."""
    return [[quote(21, 53, text=a.text, cue=(16, 20), mention=(0, 15))] for a in articles]


def test_evaluate_polnear_with_a_fixed_predictor(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, {"one": TEXT, "two": TEXT}, {"one_x.ann": ANN, "two_x.ann": ANN})
    report = evaluate_polnear(root, predictor=fixed_predictions)
    assert report.tally.documents == 2 and report.tally.gold == 6 and report.tally.matched == 2
    assert report.content_precision == 1.0 and report.content_recall == pytest.approx(1 / 3)
    assert report.source_accuracy == report.cue_accuracy == 1.0
    record = report.to_json()
    assert record["counts"] == {
        "documents": 2, "gold": 6, "predicted": 2, "matched": 2, "exact": 2,
        "skipped_gold_without_content": 2,
    }
    assert record["settings"]["annotators"] == "first annotation file in sorted order"
    assert json.loads(run_cli(root, json_out=True, predictor=fixed_predictions)) == record
    table = format_report(report)
    assert "content (Jaccard >= 0.5)" in table and "0.333" in table


def test_a_predictor_that_loses_articles_is_an_error(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, {"one": TEXT, "two": TEXT}, {"one_x.ann": ANN, "two_x.ann": ANN})
    with pytest.raises(ValueError):
        evaluate_polnear(root, predictor=lambda articles: [[]])


# --------------------------------------------------------------------------- the gate


@pytest.mark.slow
def test_polnear_gate() -> None:
    shared = shared_dir()
    corpus = shared / "data" / "polnear-train" if shared else None
    if corpus is None or not corpus.is_dir():
        pytest.skip("PolNeAR train split not found: set ONRECORD_SHARED to the shared directory")
    report = evaluate_polnear(corpus, sample_every=GATE_SAMPLE_EVERY)
    assert report.tally.documents == 42 and report.tally.gold > 0
    assert report.content_f1 >= FLOOR_CONTENT_F1
    assert report.attribution_f1 >= FLOOR_ATTRIBUTION_F1
    assert report.source_accuracy >= FLOOR_SOURCE_ACCURACY
    assert report.cue_accuracy >= FLOOR_CUE_ACCURACY
    assert report.direct_recall >= FLOOR_DIRECT_RECALL
    assert report.indirect_recall >= FLOOR_INDIRECT_RECALL

"""The cue lexicon: which reporting words, in which syntactic frame, introduce a statement.

Two sources, both lists of general English words:
- ``SEED``: speech and claim verbs any reader knows (said, insisted, warned...), used with a
  prior when the mined lexicon has not seen a word;
- ``data/cues.tsv``: mined by ``scripts/mine_cues.py`` from an annotated attribution corpus:
  for each (lemma, frame) how often the extractor proposed it and how often that proposal was
  an annotated attribution. Precision per frame matters: "called for" is a cue, "called him"
  is not; "according to" always is.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Verbs of saying and claiming that take a clause ("X said that ...", "'...', X said").
SEED: frozenset[str] = frozenset(
    """say tell add claim insist argue warn deny state declare announce explain note
    suggest reply respond answer admit acknowledge confirm assert maintain contend stress
    emphasise emphasize repeat reiterate write tweet post report allege accuse urge predict
    promise vow pledge caution complain concede continue conclude observe point remark recall
    testify mention recount estimate believe think hope fear expect ask demand call
    describe criticise criticize praise blame joke quip boast shout tell inform assure
    agree disagree dispute reveal disclose indicate signal""".split()
)

# How much to trust a seed verb in a frame the mined lexicon has no counts for.
SEED_PRIOR: dict[str, float] = {
    "ccomp": 0.6, "colon": 0.8, "quote": 0.9, "quote_after": 0.9, "parataxis": 0.8,
}

# Heads of noun phrases that are documents, not people ("the manifesto states that").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """manifesto report statement letter memo memorandum document study survey poll
    paper filing lawsuit complaint ruling judgment verdict indictment affidavit policy
    website tweet post release communique communiqué bill law constitution treaty
    agreement plan proposal platform budget book article editorial column op-ed analysis
    review audit note email e-mail transcript record records data figures research""".split()
)


@dataclass(frozen=True)
class CueStats:
    proposed: int
    attributed: int

    def precision(self, prior: float, weight: float = 2.0) -> float:
        """Precision smoothed towards a prior so rare words are not trusted on two examples."""
        return (self.attributed + prior * weight) / (self.proposed + weight)


@lru_cache(maxsize=1)
def mined() -> dict[tuple[str, str], CueStats]:
    """The mined (lemma, frame) statistics shipped as package data (empty if absent)."""
    table: dict[tuple[str, str], CueStats] = {}
    try:
        source = resources.files("onrecord").joinpath("data/cues.tsv")
        text = source.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return table
    rows = csv.reader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    for row in rows:
        if len(row) < 4 or row[0] == "lemma":
            continue
        table[(row[0], row[1])] = CueStats(int(row[2]), int(row[3]))
    return table


def prior(lemma: str, frame: str) -> float:
    base = frame.removesuffix("_inq")
    if lemma in SEED:
        return SEED_PRIOR.get(base, 0.3)
    return 0.1 if base in ("quote", "quote_after", "colon") else 0.0


def cue_precision(lemma: str, frame: str) -> float:
    """Estimated chance that ``lemma`` in ``frame`` introduces an attributed statement."""
    stats = mined().get((lemma, frame))
    if stats is None:
        return prior(lemma, frame)
    return stats.precision(prior(lemma, frame))

"""Train the statement model (``src/onrecord/data/quote_model.tsv``) on PolNeAR train articles.

Every candidate the cue frames propose is labelled by the annotation: a statement when its
content matches an annotated attribution (alnum-character Jaccard >= 0.5) and the cues
overlap. A logistic regression with L2 over the features of ``onrecord.quotes.model`` learns
which to keep. Only feature names and weights are written, never text.

Train on the caches you do not score on (parse them with ``scripts/score_quotes.py parse``):

    python scripts/train_quotes.py /tmp/dev1.spacy /tmp/dev2.spacy /tmp/dev3.spacy \\
        > src/onrecord/data/quote_model.tsv
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from score_quotes import POLNEAR, _ensure_component_module, alnum, jaccard, read_gold  # noqa: E402

MIN_COUNT = 3  # a feature seen fewer times is noise, and the file stays small
L2 = 1.0
STEPS = 1500
RATE = 2.0


def examples(caches: list[str]) -> tuple[list[list[str]], list[int]]:
    from spacy.tokens import DocBin

    _ensure_component_module()
    from onrecord.clean import find_boilerplate
    from onrecord.parse import load_nlp
    from onrecord.quotes import candidate_statements, statement_features

    nlp = load_nlp()
    rows: list[list[str]] = []
    labels: list[int] = []
    for cache in caches:
        names = Path(cache + ".names").read_text().split("\n")
        for name, doc in zip(names, DocBin().from_disk(cache).get_docs(nlp.vocab)):
            text = doc.text
            ann = sorted((POLNEAR / "attributions").glob(f"{name}_*.ann"))[0]
            gold = [(alnum(text, g.content), alnum(text, g.cue)) for g in read_gold(ann, text)]
            for st in candidate_statements(doc, find_boilerplate(text)):
                mine = alnum(text, ((st.start, st.end),))
                cue = alnum(text, ((st.cue_start, st.cue_end),))
                rows.append(statement_features(doc, st))
                labels.append(int(any(jaccard(mine, g) >= 0.5 and cue & c for g, c in gold)))
    return rows, labels


def train(rows: list[list[str]], labels: list[int]) -> dict[str, float]:
    counts = Counter(name for row in rows for name in set(row))
    vocab = sorted(name for name, n in counts.items() if n >= MIN_COUNT)
    index = {name: i for i, name in enumerate(vocab)}
    cols = [np.array([index[n] for n in row if n in index], dtype=np.int64) for row in rows]
    flat = np.concatenate(cols)
    owner = np.repeat(np.arange(len(cols)), [len(c) for c in cols])
    y = np.array(labels, dtype=np.float64)
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for step in range(1, STEPS + 1):  # Adam on the mean log loss
        scores = np.bincount(owner, weights=w[flat], minlength=len(cols))
        p = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
        grad = np.bincount(flat, weights=(p - y)[owner], minlength=len(w)) / len(cols)
        grad += L2 * w / len(cols)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= RATE * 0.01 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {name: float(w[i]) for name, i in index.items() if abs(w[i]) > 1e-3}


def main(caches: list[str]) -> None:
    rows, labels = examples(caches)
    weights = train(rows, labels)
    print(f"# trained by scripts/train_quotes.py on {len(rows)} PolNeAR candidates "
          f"({sum(labels)} statements): feature names and weights only")
    for name, value in sorted(weights.items()):
        print(f"{name}\t{value:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])

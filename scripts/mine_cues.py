"""Mine cue statistics for ``src/onrecord/data/cues.tsv`` from PolNeAR train articles.

Runs the quotes stage with every threshold at zero, so that each (lemma, frame) the frames
propose becomes a statement, and counts how many of those match an annotated attribution
(alnum-character Jaccard >= 0.5 on the content, and the cues overlap). The output is a list of words and numbers:

    lemma  frame  proposed  attributed

Mine on the articles you do not score on (e.g. the three caches at offsets 1-3 of every 4th
article) and score on the fourth:

    python scripts/mine_cues.py /tmp/dev1.spacy /tmp/dev2.spacy /tmp/dev3.spacy \
        > src/onrecord/data/cues.tsv
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from score_quotes import POLNEAR, _ensure_component_module, alnum, jaccard, read_gold  # noqa: E402


def main(caches: list[str], min_count: int = 2) -> None:
    from spacy.tokens import DocBin

    _ensure_component_module()
    from onrecord.parse import load_nlp
    from onrecord.quotes import find_statements

    nlp = load_nlp()
    proposed: Counter[tuple[str, str]] = Counter()
    attributed: Counter[tuple[str, str]] = Counter()
    for cache in caches:
        names = Path(cache + ".names").read_text().split("\n")
        for name, doc in zip(names, DocBin().from_disk(cache).get_docs(nlp.vocab)):
            text = doc.text
            ann = sorted((POLNEAR / "attributions").glob(f"{name}_*.ann"))[0]
            gold = [(alnum(text, g.content), alnum(text, g.cue)) for g in read_gold(ann, text)]
            for st in find_statements(doc, [], indirect_threshold=0.0, direct_threshold=0.0):
                key = (st.lemma, st.frame)
                proposed[key] += 1
                mine = alnum(text, ((st.start, st.end),))
                cue = alnum(text, ((st.cue_start, st.cue_end),))
                if any(jaccard(mine, g) >= 0.5 and cue & c for g, c in gold):
                    attributed[key] += 1
    print("# mined by scripts/mine_cues.py from PolNeAR train articles: counts only")
    print("lemma\tframe\tproposed\tattributed")
    for key, count in sorted(proposed.items(), key=lambda kv: (-kv[1], kv[0])):
        if count >= min_count or attributed[key]:
            print(f"{key[0]}\t{key[1]}\t{count}\t{attributed[key]}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""What the web tests' record holds besides the bundled examples.

- ``data/hostile.jsonl`` goes through the real pipeline: markup and script in its id, title,
  source, url and quoted words.
- The Ashgrove pair is built here as finished records (fictional people): one politician
  against an incinerator in 2016 and for it in 2022. The pages must show a position change
  whatever the still-improving pipeline makes of the examples, so this pair does not depend
  on it.
"""

from __future__ import annotations

from pathlib import Path

from onrecord.models import (
    AnalyzedArticle,
    Article,
    Question,
    Quote,
    Removed,
    SaidOn,
    Span,
    Speaker,
    StanceLabel,
    TopicStance,
)

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
HOSTILE_ID = "port-ellin-<script>"
CHANGED_SPEAKER = "Marjorie Fenwick"
TOPIC = "Ashgrove incinerator"

AGAINST = (
    "Council leader vows to fight Ashgrove incinerator\n\n"
    "ASHGROVE, 6 April 2016 — Marjorie Fenwick, the leader of Ashgrove council, said on Tuesday "
    "that she opposed the planned incinerator on the edge of the town.\n\n"
    "\"I am against the Ashgrove incinerator. It would poison the air our children breathe,\" "
    "Ms Fenwick said.\n\n"
    "Photo: the site of the planned incinerator\n"
)
FOR = (
    "Council leader now backs Ashgrove incinerator\n\n"
    "ASHGROVE, 10 March 2022 — Marjorie Fenwick, the leader of Ashgrove council, said on "
    "Wednesday that she now supported the incinerator.\n\n"
    "\"I support the Ashgrove incinerator. It will heat four thousand homes,\" Ms Fenwick said.\n\n"
    "Asked whether she owed residents an apology, Ms Fenwick declined to comment.\n"
)


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def fenwick(text: str, words: str, said_on: str, when: str, stance: StanceLabel,
            name: str = CHANGED_SPEAKER) -> Quote:
    return Quote(
        id="q1", kind="direct", content=span(text, words), cue=span(text, "said"),
        speaker=Speaker(name, "person", span(text, "Ms Fenwick"), 0.9),
        said_on=SaidOn(said_on, "day", span(text, when)),
        topics=(TopicStance(TOPIC, stance, 0.9, span(text, words.split(".")[0])),),
        confidence=0.9,
    )


def ashgrove_pair() -> list[AnalyzedArticle]:
    before = AnalyzedArticle(
        Article("ashgrove-incinerator-2016", AGAINST, title=AGAINST.split("\n")[0],
                date="2016-04-06", date_source="inferred", date_precision="day"),
        removed=(Removed(AGAINST.index("Photo:"), len(AGAINST) - 1, "caption"),),
        # Named as another outlet might: the record merges "Fenwick" into the fuller name.
        quotes=(fenwick(AGAINST, "I am against the Ashgrove incinerator. It would poison the "
                        "air our children breathe", "2016-04-05", "on Tuesday", "against",
                        name="Fenwick"),),
    )
    after = AnalyzedArticle(
        Article("ashgrove-incinerator-2022", FOR, title=FOR.split("\n")[0], date="2022-03-10",
                date_source="inferred", date_precision="day"),
        quotes=(fenwick(FOR, "I support the Ashgrove incinerator. It will heat four thousand "
                        "homes", "2022-03-09", "on Wednesday", "favor"),),
        questions=(Question("x1", span(FOR, "whether she owed residents an apology"), None,
                            CHANGED_SPEAKER, "declined", (),
                            span(FOR, "declined to comment")),),
    )
    return [before, after]

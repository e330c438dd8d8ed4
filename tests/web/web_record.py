"""Names the web tests share: what the fixture articles in ``data/`` contain."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
HOSTILE_ID = "port-ellin-<script>"  # data/hostile.jsonl: markup in id, title, source, url, quotes
CHANGED_SPEAKER = "Marjorie Fenwick"  # data/ashgrove-*.txt: against in 2016, for in 2022

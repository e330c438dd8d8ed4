"""The JSON API and the pages over a record built by the real pipeline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from web_record import CHANGED_SPEAKER, HOSTILE_ID

PAGE_TWINS = [
    ("/", "/api/"),
    ("/articles", "/api/articles"),
    ("/articles/penhaligon-nuclear-2017", "/api/articles/penhaligon-nuclear-2017"),
    ("/search?q=nuclear", "/api/quotes?q=nuclear&limit=25&offset=0"),
    ("/speakers", "/api/speakers"),
    (f"/speakers/{quote(CHANGED_SPEAKER)}", f"/api/speakers/{quote(CHANGED_SPEAKER)}"),
    ("/changes", "/api/changes"),
    ("/questions?outcome=dodged", "/api/questions?outcome=dodged"),
]


@pytest.mark.parametrize(("page", "twin"), PAGE_TWINS)
def test_every_page_links_its_json_twin(client: TestClient, page: str, twin: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert f'href="{twin.replace("&", "&amp;")}"' in html.text
    json = client.get(twin)
    assert json.status_code == 200 and json.headers["content-type"] == "application/json"


def test_openapi_document_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/", "/api/articles", "/api/articles/{article_id}", "/api/quotes",
                 "/api/speakers", "/api/speakers/{name}", "/api/speakers/{name}/timeline",
                 "/api/changes", "/api/questions"):
        assert path in paths
    assert not any(not p.startswith("/api") for p in paths)  # pages are not API


@pytest.mark.parametrize("url", ["/api/docs", "/docs", "/redoc"])
def test_no_docs_page_that_loads_a_cdn(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_home_counts_what_is_stored(client: TestClient, record_db: Path) -> None:
    home = client.get("/api/").json()
    articles = client.get("/api/articles").json()["articles"]
    assert home["counts"]["articles"] == len(articles) >= 10
    assert home["counts"]["statements"] == sum(a["quotes"] for a in articles)
    assert home["counts"]["speakers"] == len(client.get("/api/speakers").json()["speakers"])
    assert all(q["outcome"] != "answered" for q in home["dodged_questions"])
    assert any(c["speaker"] == CHANGED_SPEAKER for c in home["recent_changes"])


def test_article_is_the_onrecord_article_record(client: TestClient) -> None:
    record = client.get("/api/articles/penhaligon-nuclear-2021").json()
    assert record["schema"] == "onrecord.article/1"
    text = record["article"]["text"]
    assert record["quotes"], "the example has statements"
    for q in record["quotes"]:
        assert text[q["content"]["start"] : q["content"]["end"]] == q["content"]["text"]


@pytest.mark.parametrize("url", ["/api/articles/no-such-article", "/articles/no-such-article",
                                 "/api/speakers/Nobody%20Known", "/speakers/Nobody%20Known"])
def test_unknown_things_are_404(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 404


def test_article_page_highlights_each_quote_by_speaker(client: TestClient) -> None:
    record = client.get("/api/articles/ashgrove-incinerator-2016").json()
    html = client.get("/articles/ashgrove-incinerator-2016").text
    for q in record["quotes"]:
        assert f'data-quote="{q["id"]}"' in html and f'<li id="{q["id"]}">' in html
    assert 'class="quote speaker-0' in html
    assert CHANGED_SPEAKER in html


def test_removed_boilerplate_is_shown_dimmed_and_labelled(client: TestClient) -> None:
    with_removed = [a for a in client.get("/api/articles").json()["articles"] if a["removed"]]
    assert with_removed, "the examples have captions and trailers"
    article_id = with_removed[0]["id"]
    record = client.get(f"/api/articles/{quote(article_id)}").json()
    html = client.get(f"/articles/{quote(article_id)}").text
    for r in record["removed"]:
        assert f"set aside: {r['reason']}" in html
    assert 'class="removed"' in html or "quote speaker" in html


@pytest.mark.parametrize(
    ("params", "check"),
    [
        # the full-text index holds the words and the speaker's name
        ("q=nuclear",
         lambda q: "nuclear" in (q["content"]["text"] + str(q["speaker"]["name"])).lower()),
        (f"speaker={quote(CHANGED_SPEAKER)}", lambda q: q["speaker"]["name"] == CHANGED_SPEAKER),
        ("stance=against", lambda q: any(t["stance"] == "against" for t in q["topics"])),
        ("since=2022&until=2022",
         lambda q: (q["said_on"]["date"] or q["article_date"]).startswith("2022")),
    ],
)
def test_quote_filters(client: TestClient, params: str, check: object) -> None:
    quotes = client.get(f"/api/quotes?{params}").json()["quotes"]
    assert quotes and all(check(q) for q in quotes)  # type: ignore[operator]


def test_quotes_paginate_without_gaps_or_repeats(client: TestClient) -> None:
    everything = client.get("/api/quotes?limit=500").json()
    assert everything["next"] is None
    seen, url = [], "/api/quotes?limit=7"
    while url:
        page = client.get(url).json()
        seen += [(q["article_id"], q["id"]) for q in page["quotes"]]
        url = page["next"]
    assert seen == [(q["article_id"], q["id"]) for q in everything["quotes"]]
    assert len(seen) == len(set(seen)) > 7


def test_search_page_links_to_the_next_page(client: TestClient) -> None:
    first = client.get("/search").text
    assert 'rel="next" href="/search?page=2"' in first
    assert 'rel="prev"' in client.get("/search?page=2").text


@pytest.mark.parametrize(
    "params", ["limit=0", "limit=501", "offset=-1", "stance=maybe", "since=yesterday",
               "until=2020-1", "q=" + "x" * 201],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, params: str) -> None:
    response = client.get(f"/api/quotes?{params}")
    assert response.status_code == 422
    assert "not valid" in response.json()["error"]


def test_speakers_come_with_their_aliases(client: TestClient) -> None:
    speakers = client.get("/api/speakers").json()["speakers"]
    assert all(s["speaker"] in s["aliases"] and s["statements"] >= 1 for s in speakers)
    assert [s["statements"] for s in speakers] == sorted((s["statements"] for s in speakers),
                                                        reverse=True)


def test_speaker_record_has_topics_timelines_and_the_change(client: TestClient) -> None:
    speaker = client.get(f"/api/speakers/{quote(CHANGED_SPEAKER)}").json()
    assert speaker["speaker"] == CHANGED_SPEAKER
    change = speaker["changes"][0]
    assert (change["from"], change["to"]) == ("against", "favor")
    assert speaker["topics"][0]["topic"] == change["topic"]  # the changed topic comes first
    dates = [s["said_on"] for s in speaker["topics"][0]["timeline"]]
    assert dates == sorted(dates)


def test_timeline_for_one_topic(client: TestClient) -> None:
    topic = client.get(f"/api/speakers/{quote(CHANGED_SPEAKER)}").json()["changes"][0]["topic"]
    timeline = client.get(f"/api/speakers/{quote(CHANGED_SPEAKER)}/timeline",
                          params={"topic": topic}).json()
    assert timeline["timeline"] and all(s["topic"] == topic for s in timeline["timeline"])
    none = client.get(f"/api/speakers/{quote(CHANGED_SPEAKER)}/timeline",
                      params={"topic": "no such topic"}).json()
    assert none["timeline"] == []


def test_speaker_page_draws_a_timeline_with_the_change(client: TestClient) -> None:
    html = client.get(f"/speakers/{quote(CHANGED_SPEAKER)}").text
    assert '<svg class="timeline"' in html and 'class="change-mark"' in html
    assert "changed: against to favor" in html
    assert 'class="mark stance-against"' in html and 'class="mark stance-favor"' in html


def test_an_alias_redirects_to_the_speaker_page(client: TestClient) -> None:
    speakers = client.get("/api/speakers").json()["speakers"]
    merged = [s for s in speakers if len(s["aliases"]) > 1]
    assert merged, "the record has 'Fenwick' and 'Marjorie Fenwick': one person, two names"
    alias = next(a for a in merged[0]["aliases"] if a != merged[0]["speaker"])
    response = client.get(f"/speakers/{quote(alias)}", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/speakers/{quote(merged[0]['speaker'], safe='')}"


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ("", lambda c: True),
        (f"speaker={quote(CHANGED_SPEAKER)}", lambda c: c["speaker"] == CHANGED_SPEAKER),
    ],
)
def test_changes(client: TestClient, params: str, check: object) -> None:
    found = client.get(f"/api/changes?{params}").json()
    assert found["changes"] and all(check(c) for c in found["changes"])  # type: ignore[operator]
    assert set(found) == {"changes", "unordered_conflicts"}


def test_changes_for_nobody_are_empty(client: TestClient) -> None:
    assert client.get("/api/changes?speaker=Nobody%20Known").json()["changes"] == []


@pytest.mark.parametrize("outcome", ["answered", "evaded", "declined"])
def test_questions_by_outcome(client: TestClient, outcome: str) -> None:
    questions = client.get(f"/api/questions?outcome={outcome}").json()["questions"]
    assert questions and all(q["outcome"] == outcome for q in questions)


def test_dodged_means_evaded_or_declined(client: TestClient) -> None:
    everything = client.get("/api/questions").json()["questions"]
    dodged = client.get("/api/questions?outcome=dodged").json()["questions"]
    assert len(dodged) == sum(q["outcome"] != "answered" for q in everything) > 0


def test_the_hostile_article_is_stored_and_served(client: TestClient) -> None:
    record = client.get(f"/api/articles/{quote(HOSTILE_ID, safe='')}").json()
    assert "<script>alert(1)</script>" in record["article"]["text"]

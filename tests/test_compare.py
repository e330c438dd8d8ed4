"""Compare stage: one speaker across articles, one statement many sources, position changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from onrecord.compare import (
    Overrides,
    Statement,
    change_kind,
    compatible,
    dedupe,
    find_changes,
    merge_speakers,
    overrides_from,
    takes_no_side,
    topic_groups,
    statements_from_records,
    QuoteRecord,
    about,
    timeline,
)


def statement(
    stance: str, said_on: str | None, *, speaker: str = "Ada Brennan", topic: str = "tram",
    voice: str = "personal", article: str = "a1", content: str | None = None, start: int = 0,
    confidence: float = 0.8,
) -> Statement:
    return Statement(
        article_id=article, quote_id="q1", speaker=speaker, topic=topic, stance=stance,
        confidence=confidence, voice=voice, said_on=said_on,
        precision="year" if said_on and len(said_on) == 4 else "day",
        content=content or f"{stance} words said in {said_on} by {speaker}", start=start,
        end=start + 10,
    )


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [("Corbyn", "Jeremy Corbyn", True), ("Mr Corbyn", "Jeremy Corbyn", True),
     ("J. Corbyn", "Jeremy Corbyn", True), ("Jeremy Corbyn", "Jeremy Corbyn", True),
     ("Piers Corbyn", "Jeremy Corbyn", False), ("Jeremy", "Jeremy Corbyn", False),
     ("P. Corbyn", "Jeremy Corbyn", False), ("Vine", "Jeremy Corbyn", False)],
)
def test_name_compatibility(short: str, full: str, same: bool) -> None:
    assert compatible(short, full) is same


def test_a_surname_joins_the_only_full_name_that_fits() -> None:
    mapping = merge_speakers(["Jeremy Corbyn", "Corbyn", "Mr Corbyn", "Jeremy Vine"])
    assert mapping == {"Jeremy Corbyn": "Jeremy Corbyn", "Corbyn": "Jeremy Corbyn",
                       "Mr Corbyn": "Jeremy Corbyn", "Jeremy Vine": "Jeremy Vine"}


def test_two_people_sharing_a_surname_stay_apart_and_a_bare_surname_is_ambiguous() -> None:
    mapping = merge_speakers(["Jeremy Corbyn", "Piers Corbyn", "Corbyn"])
    assert mapping["Jeremy Corbyn"] != mapping["Piers Corbyn"]
    assert mapping["Corbyn"] == "Corbyn"


def test_user_merges_and_splits_win() -> None:
    overrides = overrides_from([("merge", "The Labour leader", "Jeremy Corbyn"),
                                ("split", "Corbyn", "Jeremy Corbyn")])
    mapping = merge_speakers(["Jeremy Corbyn", "Corbyn", "The Labour leader"], overrides)
    assert mapping["The Labour leader"] == "Jeremy Corbyn"
    assert mapping["Corbyn"] == "Corbyn"


def test_a_later_merge_undoes_an_earlier_split() -> None:
    overrides = overrides_from([("split", "Corbyn", "Jeremy Corbyn"),
                                ("merge", "Corbyn", "Jeremy Corbyn")])
    assert overrides == Overrides(merges={"Corbyn": "Jeremy Corbyn"}, splits=frozenset())


def test_one_statement_reported_by_many_outlets_is_kept_once_with_every_source() -> None:
    words = "We will never sell the harbour to a private company, not while I am mayor"
    a = statement("against", "2020-05-01", article="courier", content=words)
    b = statement("against", "2020-05-02", article="gazette", content="‘" + words + ".’")
    c = statement("against", "2020-05-03", article="wire", content=words.split(",")[0])
    kept = dedupe([c, b, a])
    assert len(kept) == 1
    assert kept[0].sources == ("courier", "gazette", "wire")
    assert kept[0].said_on == "2020-05-01"  # the earliest evidence


def test_different_words_or_speakers_are_not_merged() -> None:
    a = statement("favor", "2020", content="the tram is the best thing to happen to this city")
    b = statement("favor", "2020", content="the tram is the best thing to happen to this city",
                  speaker="Tom Everett")
    c = statement("favor", "2020", content="the bus is fine")
    assert len(dedupe([a, b, c])) == 3


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [(("against", "personal"), ("favor", "personal"), "full"),
     (("favor", "personal"), ("against", "personal"), "full"),
     (("against", "personal"), ("favor", "party"), "partial"),
     (("against", "personal"), ("neutral", "personal"), "partial"),
     (("neutral", "personal"), ("favor", "personal"), "partial"),
     (("against", "personal"), ("against", "personal"), None),
     (("favor", "party"), ("favor", "party"), None),
     (("against", "personal"), ("against", "party"), None),
     (("favor", "party"), ("favor", "personal"), None)],
)
def test_change_kinds(before: tuple[str, str], after: tuple[str, str], kind: str | None) -> None:
    a = statement(before[0], "2014", voice=before[1])
    b = statement(after[0], "2019", voice=after[1])
    assert change_kind(a, b) == kind


def test_changes_are_ordered_by_when_said_not_when_printed() -> None:
    # printed in 2019, said in 2014; and a 2019 statement printed earlier in another article
    old = statement("against", "2014", article="z-2019-report", start=500)
    new = statement("favor", "2019-12-03", article="a-2019-interview", start=10)
    changes, conflicts = find_changes([new, old])
    assert len(changes) == 1 and not conflicts
    change = changes[0]
    assert (change.before.article_id, change.after.article_id) == (old.article_id, new.article_id)
    assert (change.from_position, change.to_position, change.kind) == ("against", "favor", "full")


@pytest.mark.parametrize(
    "statements",
    [
        [statement("against", "2014"), statement("against", "2019")],  # restated
        [statement("against", "2014"), statement("favor", "2019", topic="buses")],  # other topic
        [statement("against", "2014"), statement("favor", "2019", speaker="Tom Everett")],
        [statement("against", "2019"), statement("favor", "2019-06-01")],  # same moment?
    ],
    ids=["restated", "other-topic", "other-speaker", "overlapping-dates"],
)
def test_not_a_change(statements: list[Statement]) -> None:
    changes, _ = find_changes(statements)
    assert changes == []


def test_undated_disagreements_are_unordered_conflicts_not_changes() -> None:
    changes, conflicts = find_changes([statement("against", None, start=1),
                                       statement("favor", None, start=2)])
    assert changes == [] and len(conflicts) == 1


def test_timeline_puts_undated_statements_last() -> None:
    items = timeline([statement("favor", None, start=3), statement("against", "2019", start=2),
                      statement("neutral", "2014", start=1)])
    assert [s.said_on for s in items] == ["2014", "2019", None]


def test_a_neutral_description_between_two_statements_of_one_side_is_no_change() -> None:
    changes, _ = find_changes([statement("favor", "2018"), statement("neutral", "2019", start=5),
                               statement("favor", "2020", start=9)])
    assert changes == []


def test_a_final_move_to_neutral_is_a_partial_change() -> None:
    undecided = statement("neutral", "2020", start=5,
                          content="I have not made up my mind and will listen to all sides")
    changes, _ = find_changes([statement("against", "2018"), undecided])
    assert [(c.from_position, c.to_position, c.kind) for c in changes] == [
        ("against", "neutral", "partial")]


def test_a_neutral_statement_that_only_reports_facts_is_no_move_to_neutral() -> None:
    fact = statement("neutral", "2020", start=5, content="the line would open in the spring")
    assert find_changes([statement("against", "2018"), fact]) == ([], [])


@pytest.mark.parametrize(
    ("content", "no_side"),
    [
        ("I haven't made up my mind", True),
        ("it is too early to say whether it works", True),
        ("we will wait and see what the review finds", True),
        ("she had an open mind on the question", True),
        ("ask me again in six months", True),
        ("I oppose the tax", False),
        ("the plant closed in May", False),
        ("he made up his mind in 2019 and voted against it", False),
    ],
)
def test_takes_no_side_reads_undecided_words(content: str, no_side: bool) -> None:
    assert takes_no_side(content) is no_side


@pytest.mark.parametrize(
    "weak",
    [statement("favor", "2020", confidence=0.3, start=5),
     replace(statement("neutral", "2020", start=5), named=False)],
    ids=["low-confidence", "theme-only-neutral"],
)
def test_weak_readings_do_not_make_a_change(weak: Statement) -> None:
    changes, _ = find_changes([statement("against", "2018"), weak])
    assert changes == []


def test_the_speakers_own_view_outweighs_the_party_line_they_recite() -> None:
    old = statement("against", "2010")
    own = statement("against", "2019", start=5, confidence=0.6)
    party = statement("favor", "2019", start=9, voice="party", confidence=0.9)
    assert find_changes([old, own, party])[0] == []
    only_party = find_changes([old, party])[0]
    assert [(c.to_position, c.kind) for c in only_party] == [("favor (party)", "partial")]


def test_a_trimmed_copy_that_reads_the_other_way_is_not_the_same_statement() -> None:
    words = "the results were interesting but working hours are a matter for employers"
    a = statement("favor", "2023-02-21", content=words)
    b = statement("neutral", "2023-02", content=words.split(" but ")[1], start=5)
    assert len(dedupe([a, b])) == 2


@pytest.mark.parametrize("headline_stance", ["neutral", "favor"])
def test_a_headline_echo_of_a_quote_in_the_same_article_is_one_statement(
    headline_stance: str,
) -> None:
    """Across articles a copy must read the same to be the same statement (and have six
    words); inside one article a shorter copy elsewhere is the same statement."""
    headline = replace(statement(headline_stance, "2022-03-07", content="I was wrong about the tram",
                                 start=0), article_date="2022-03-07")
    body = Statement(**{**statement("favor", "2022-03-05", start=200).__dict__,
                        "content": "I was wrong about the tram, and I say so today", "end": 250,
                        "article_date": "2022-03-07"})
    [one] = dedupe([headline, body])
    assert (one.said_on, one.stance, one.start) == ("2022-03-05", "favor", 200)
    assert len(dedupe([headline, replace(body, article_id="a2")])) == 1 + (headline_stance != "favor")


def quote_record(article: str, name: str, aliases: list[str], stance: str = "favor") -> QuoteRecord:
    quote = {"id": "q1", "speaker": {"name": "Ada Brennan"}, "voice": "personal",
             "said_on": {"date": "2020", "precision": "year"},
             "content": {"start": 0, "end": 5, "text": "words"},
             "topics": [{"name": name, "stance": stance, "confidence": 0.9, "evidence": None,
                         "aliases": aliases}]}
    return QuoteRecord(article, "2020-01-01", quote)


def test_names_an_article_gives_one_topic_are_one_topic_across_articles() -> None:
    records = [quote_record("a1", "Elite League", ["breakaway Elite League"]),
               quote_record("a2", "breakaway Elite League", []),
               quote_record("a3", "Elite League", [])]
    statements = statements_from_records(records)
    assert {s.topic for s in statements} == {"Elite League"}
    assert all(about(s, "breakaway") for s in statements)


@pytest.mark.parametrize("generic", ["plan", "scheme", "it"])
def test_a_generic_alias_joins_no_topics(generic: str) -> None:
    groups = topic_groups([{"name": "Elite League", "aliases": [generic]},
                           {"name": "Northern Link", "aliases": [generic]}])
    assert groups["elite league"] != groups["northern link"]


def test_the_topic_filter_reads_aliases_but_not_unrelated_names() -> None:
    s = statement("favor", "2020")
    with_alias = Statement(**{**s.__dict__, "aliases": ("tram extension",)})
    assert about(with_alias, "extension") and about(with_alias, "TRAM")
    assert not about(with_alias, "bus lanes")


def test_an_old_remark_recalled_inside_a_new_statement_is_no_echo_and_the_change_stays() -> None:
    old = replace(statement("against", "2015", content="a complete disgrace", start=10),
                  article_date="2023-05-10")
    new = replace(statement("favor", "2023-05-09", start=100,
                            content="Years ago I called the fuel tax a complete disgrace. "
                                    "I was wrong, and today I support the fuel tax."),
                  article_date="2023-05-10", end=200)
    assert len(dedupe([old, new])) == 2
    assert [(c.from_position, c.to_position) for c in find_changes([old, new])[0]] == [
        ("against", "favor")]


@pytest.mark.parametrize(
    ("alias", "joins"),
    [("breakaway Elite League", True), ("NATO", True), ("Elm Road scheme", True),
     ("25 percent tariffs", False), ("the new plan", False), ("Tax", False),
     ("government's plan", False)],
)
def test_only_aliases_that_name_one_thing_join_topics(alias: str, joins: bool) -> None:
    groups = topic_groups([{"name": "steel tariffs", "aliases": [alias]},
                           {"name": "car tariffs", "aliases": [alias]}])
    assert (groups["steel tariff"] == groups["car tariff"]) is joins


@pytest.mark.parametrize(
    "fact",
    ["A full review of the congestion charge found it raised 4 million pounds last year",
     "The review found the plant lost money",
     "It is a matter for the police now that charges have been brought",
     "The bill won support from all sides of the chamber",
     "I have been listening to residents and they hate this tax"],
)
def test_ordinary_factual_sentences_take_no_one_off_a_side(fact: str) -> None:
    assert not takes_no_side(fact)


def test_a_year_only_statement_does_not_hide_a_change_within_that_year() -> None:
    changes, _ = find_changes([statement("favor", "2016-02-10"),
                               statement("against", "2016-11-20", start=5),
                               statement("favor", "2016", start=9, confidence=0.6)])
    assert [(c.from_position, c.to_position) for c in changes] == [("favor", "against")]


def test_a_neutral_moment_between_one_side_in_two_voices_is_no_change() -> None:
    undecided = "I have not made up my mind"
    changes, _ = find_changes([statement("favor", "2020", voice="party"),
                               statement("neutral", "2021", start=5, content=undecided),
                               statement("favor", "2022", start=9)])
    assert changes == []

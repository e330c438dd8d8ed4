"""Clean stage: what is marked as not-the-story, and what never is."""

from __future__ import annotations

import pytest

from onrecord.clean import fingerprint, find_boilerplate, is_terminated, split_blocks

# A fictional story with a caption pair, a trailer and share lines.
COUNCIL_STORY = """Council leader vows to keep libraries open

Share this article

The leader of Harborough District Council, Priya Nandakumar, said on Tuesday that none of the town's five libraries would close, despite a £2m gap in next year's budget.

“We will find the money elsewhere,” Ms Nandakumar told a packed meeting at the town hall. “Libraries are not a luxury.”

Priya Nandakumar, pictured at the town hall on Tuesday, said libraries were not a luxury

Opposition councillor Tom Everett accused her of “kicking the can down the road” and said the savings would fall on social care instead.

Advertisement

Mr Everett said: “Somebody will pay for this, and it won't be the people in this room.”

Priya Nandakumar, pictured at the town hall on Tuesday, said libraries were not a luxury

Sign up for our daily Harborough newsletter
"""

# A fictional story with an embedded related-story block and a credit-style caption.
HARBOUR_STORY = """Port authority backs harbour wall rebuild

The Kestrel Bay port authority has voted to rebuild the eastern harbour wall after winter storms left a 40-metre breach, its chairman, Ewan Maddox, said yesterday.

Mr Maddox said the rebuild would cost £14m and take two years, and that fishing boats would be moved to the western quay while work went on.

The breach was first reported by harbour staff in January after a night of gales.

Harbour wall breach: boats moved to the western quay (Photo: Kestrel Bay Port Authority)

School netball team reaches national final

Pupils from St Aldhelm's Academy will travel to Birmingham next month for the national under-14 netball final.

The team won all seven of its regional matches this season, coach Dana Whitlock said.

Mr Maddox added that the authority would ask the government for help with the cost of the harbour wall, which protects more than 200 homes.

“The wall has stood for a century and we intend it to stand for another,” he said.

Read more: Harbour storms in pictures
"""


def marked(text: str) -> dict[str, str]:
    """Each marked span's text, mapped to its reason."""
    return {text[r.start : r.end]: r.reason for r in find_boilerplate(text)}


def marked_lines(text: str) -> set[str]:
    return {line for span in marked(text) for line in span.split("\n") if line.strip()}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this article", "boilerplate"),
        ("Advertisement", "boilerplate"),
        ("Priya Nandakumar, pictured at the town hall on Tuesday, said libraries were not a luxury",
         "caption"),
        ("Sign up for our daily Harborough newsletter", "trailer"),
    ],
)
def test_council_story_boilerplate_is_marked_with_its_reason(line: str, reason: str) -> None:
    found = marked(COUNCIL_STORY)
    assert found[line] == reason


def test_both_copies_of_a_repeated_caption_are_marked() -> None:
    spans = [r for r in find_boilerplate(COUNCIL_STORY) if r.reason == "caption"]
    assert len(spans) == 2


@pytest.mark.parametrize(
    ("story", "sidebar_lines"),
    [(COUNCIL_STORY, 0), (HARBOUR_STORY, 2)],
)
def test_every_other_story_paragraph_is_kept(story: str, sidebar_lines: int) -> None:
    """Story paragraphs end a sentence; every one of them, but the sidebar's, is kept."""
    removed = marked_lines(story)
    paragraphs = [b.text for b in split_blocks(story)[1:] if is_terminated(b.text)]
    kept = [p for p in paragraphs if p not in removed]
    assert len(paragraphs) - len(kept) == sidebar_lines


def test_embedded_related_story_is_one_sidebar_span() -> None:
    sidebars = [
        HARBOUR_STORY[r.start : r.end] for r in find_boilerplate(HARBOUR_STORY)
        if r.reason == "sidebar"
    ]
    assert len(sidebars) == 1
    assert sidebars[0].startswith("School netball team reaches national final")
    assert sidebars[0].endswith("coach Dana Whitlock said.")


def test_photo_credit_caption_and_read_more_trailer() -> None:
    found = marked(HARBOUR_STORY)
    assert found["Read more: Harbour storms in pictures"] == "trailer"
    caption = "Harbour wall breach: boats moved to the western quay (Photo: Kestrel Bay Port Authority)"
    assert found[caption] == "caption"


def test_a_subheading_of_the_story_is_not_a_sidebar() -> None:
    text = (
        "Mayor defends tram extension\n\nThe mayor, Ruth Okoro, defended the tram extension "
        "on Monday, saying the tram line would carry 9,000 passengers a day.\n\nShe said the "
        "tram extension was on budget.\n\nTram extension costs\n\nThe tram extension will cost "
        "£80m, the mayor said, most of it from the transport fund.\n"
    )
    assert find_boilerplate(text) == []


def test_spans_index_the_text_without_changing_it() -> None:
    text = COUNCIL_STORY
    for removed in find_boilerplate(text):
        assert text[removed.start : removed.end].strip() == text[removed.start : removed.end]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("He said it was ‘over’.", "He said it was 'over'"),
        ("The  vote   was close.", "The vote was close."),
    ],
)
def test_fingerprint_ignores_quote_marks_spacing_and_punctuation(a: str, b: str) -> None:
    assert fingerprint(a) == fingerprint(b)


@pytest.mark.parametrize(
    ("line", "terminated"),
    [("She left.", True), ("‘We will win.’", True), ("Asked why?", True),
     ("Crash in the fog [Reuters]", False), ("Rates rise. [Reuters]", True),
     ("X, pictured today, said he would ‘close down’", False)],
)
def test_sentence_ends(line: str, terminated: bool) -> None:
    assert is_terminated(line) is terminated


def test_short_repeated_separators_are_not_duplicates() -> None:
    text = "Title\n\nFirst part of the story is here.\n\n___\n\nSecond part of the story.\n\n___\n"
    assert find_boilerplate(text) == []


class TestWorkedExample:
    """../shared/examples/corbyn-nato-2019.txt: what a careful reader sets aside."""

    def test_captions_sidebar_and_trailer_are_marked(self, example_text: str) -> None:
        spans = find_boilerplate(example_text)
        reasons = [r.reason for r in spans]
        assert reasons.count("caption") == 5  # two caption pairs and a single caption
        assert reasons.count("trailer") == 1
        sidebars = [example_text[r.start : r.end] for r in spans if r.reason == "sidebar"]
        assert len(sidebars) == 1
        assert len([p for p in sidebars[0].split("\n") if p.strip()]) == 4

    def test_no_paragraph_of_the_story_is_marked(self, example_text: str) -> None:
        removed = find_boilerplate(example_text)
        for block in split_blocks(example_text):
            inside = any(r.start <= block.start < r.end for r in removed)
            is_statement = "said" in block.text and block.text.endswith((".", ".’", "’."))
            starts_with_quote = block.text.startswith("‘")
            if is_statement or starts_with_quote:
                assert not inside, block.text[:60]


@pytest.mark.parametrize(
    "under_headline",
    ["Wednesday 6 April 2016", "By Sam Reed, Political Editor", "Updated 10:42 BST"],
)
def test_a_date_or_byline_under_the_headline_does_not_start_a_sidebar(under_headline: str) -> None:
    text = (
        f"Council approves incinerator plan\n\n{under_headline}\n\nThe council approved the "
        "incinerator on Tuesday night after a four-hour meeting.\n\nCouncillor Marjorie Fenwick "
        "said she opposed the incinerator and would fight it.\n\n“It will poison the air our "
        "children breathe,” she said.\n"
    )
    assert [r for r in find_boilerplate(text) if r.reason == "sidebar"] == []


POLL_SIDEBAR_STORY = """Mayor refuses to back tram extension

Mayor Ruth Ellery today refused to say whether the city would fund the tram extension.

Ms Ellery told the council the party had not yet decided and the government would be asked for help.

The party’s councillors were split, and the government has said it will not pay.

Greens lead by six points in new poll

The Greens are six points ahead of the governing party, according to a survey published today.

The poll of 1,500 voters by Marlow Research puts the party on 31 per cent, with the government on 25 per cent.

Pollsters said the lead was widest among voters under 30.

Ms Ellery said the tram would be discussed again in March.
"""


def test_a_sidebar_runs_on_while_its_paragraphs_use_its_own_words() -> None:
    """'The poll ...' and 'Pollsters said ...' share common words with the story ('party',
    'government') but also words only the sidebar uses; the story resumes after them."""
    [sidebar] = [POLL_SIDEBAR_STORY[r.start:r.end] for r in find_boilerplate(POLL_SIDEBAR_STORY)
                 if r.reason == "sidebar"]
    assert sidebar.startswith("Greens lead by six points")
    assert sidebar.endswith("widest among voters under 30.")


def test_a_paragraph_naming_the_story_s_people_ends_the_sidebar() -> None:
    text = POLL_SIDEBAR_STORY.replace(
        "Ms Ellery said the tram would be discussed again in March.",
        "Ms Ellery said voters would have their say on the tram before the council decided.")
    [sidebar] = [text[r.start:r.end] for r in find_boilerplate(text) if r.reason == "sidebar"]
    assert sidebar.endswith("widest among voters under 30.")

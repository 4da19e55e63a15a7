"""analysis.redaction: what it replaces, what it leaves, and how it scores on the labelled set."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.redaction import PLACEHOLDERS, Redacted, redact
from analysis.redaction_eval import LABELLED, evaluate, gold_spans, load_examples, main


def kinds(text: str) -> list[str]:
    return [kind for kind, _ in redact(text).found]


@pytest.mark.parametrize(("text", "expected"), [
    ("my sw sarah is sound", "my sw [name] is sound"),
    ("my foster carer Jo is kind", "my foster carer [name] is kind"),
    ("i want to see my brother tom more", "i want to see my brother [name] more"),
    ("Mrs Patel helps me", "[name] helps me"),
    ("there is a boy called Ashton", "there is a boy called [name]"),
    ("me and jake want to live together", "me and [name] want to live together"),
    ("my social worker sarah jones never rings", "my social worker [name] never rings"),
    ("my pa kerry-ann is late", "my pa [name] is late"),
])
def test_it_replaces_names_of_workers_carers_family_and_friends(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", [
    "my social worker is nice", "my sw is proper nice tbh", "Will i be able to stay", "in May i have my exams",
    "i hate PE", "i want an Xbox", "i rang Childline", "i pray to God", "i like living in Swindon",
    "sunday dinners are the best", "i miss my nan",
])
def test_it_leaves_everyday_words_places_and_services(text):
    assert redact(text).text == text


@pytest.mark.parametrize("text", [
    "07700 900123", "07700900123", "01632 960 001", "+44 7700 900789", "(01632) 960555", "07700-900-654",
])
def test_it_replaces_uk_phone_numbers_however_they_are_spaced(text):
    assert redact(f"ring me on {text} pls").text == "ring me on [phone] pls"


def test_two_numbers_in_a_row_are_two_replacements():
    assert redact("07700 900123 07700 900456").found == [("phone", "07700 900123"), ("phone", "07700 900456")]


def test_accented_names_are_found_like_plain_ones():
    assert redact("Zoë is my friend").text == "[name] is my friend"


def test_it_leaves_helplines_and_short_numbers():
    for text in ["ring 0800 1111 thats childline", "call 999 if in danger", "i got 5 gcses and 2 a levels"]:
        assert redact(text).text == text


@pytest.mark.parametrize("text", ["jaydenb2009@gmail.com", "Sophie.Clarke@hotmail.co.uk", "bubbles at gmail dot com"])
def test_it_replaces_emails(text):
    assert redact(f"my email is {text}").text == "my email is [email]"


@pytest.mark.parametrize("text", ["SN1 2AB", "sn25 4xy", "BS14DJ", "m13 9pl"])
def test_it_replaces_full_postcodes_in_any_case(text):
    assert redact(f"i live at {text} now").text == "i live at [postcode] now"


def test_it_leaves_half_postcodes_and_things_shaped_like_postcodes():
    for text in ["i want to move back to SN3", "im in yr10 2nd set for maths"]:
        assert redact(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    ("i live at 12 Elm Road", "i live at [address]"),
    ("my mum lives at 45a victoria street", "my mum lives at [address]"),
    ("im in flat 3 and its cold", "im in [address] and its cold"),
    ("we live on cherry tree avenue", "we live on [address]"),
    ("it is too loud on our road", "it is too loud on our road"),
    ("i have 2 dogs and a cat", "i have 2 dogs and a cat"),
])
def test_it_replaces_street_addresses_and_flat_numbers(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("i go to Ridgeway School", "i go to [school]"),
    ("i go to st marys school", "i go to [school]"),
    ("Churchfields Academy is strict", "[school] is strict"),
    ("i got excluded from Kingsdown High", "i got excluded from [school]"),
    ("i want to go to bath uni", "i want to go to [school]"),
    ("i want to go to college", "i want to go to college"),
    ("secondary school is harder than primary school", "secondary school is harder than primary school"),
    ("my marks are so high", "my marks are so high"),
])
def test_it_replaces_school_names_but_not_school_words(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("my snap is bubbles2010", "my snap is [social media]"),
    ("insta: @tazzy.b", "insta: [social media]"),
    ("follow me @leah_xox", "follow me [social media]"),
    ("add me on snap its jayden_x09", "add me on snap its [social media]"),
    ("my insta is private", "my insta is private"),
    ("i spend loads of time on snap and tiktok", "i spend loads of time on snap and tiktok"),
])
def test_it_replaces_social_media_handles(text, expected):
    assert redact(text).text == expected


def test_it_tells_staff_what_it_replaced_and_where():
    text = "my sw sarah is on 07700 900222"
    result = redact(text)
    assert result.found == [("name", "sarah"), ("phone", "07700 900222")]
    assert all(text[item.start:item.end] == item.original for item in result.replacements)
    assert result.changed


def test_nothing_to_replace_gives_the_text_back_unchanged():
    assert redact("i dont know") == Redacted("i dont know", ())


def test_it_refuses_what_is_not_text():
    with pytest.raises(TypeError):
        redact(None)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_it_never_fails_on_any_text_and_the_replacements_rebuild_the_output(text):
    result = redact(text)
    rebuilt, position = [], 0
    for item in result.replacements:
        assert position <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.original
        rebuilt += [text[position:item.start], PLACEHOLDERS[item.kind]]
        position = item.end
    assert "".join([*rebuilt, text[position:]]) == result.text
    redact(result.text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(
    ["my", "sw", "sarah", "07700", "900123", "@x", "called", "SN1", "2AB", "12", "Elm", "Road", "flat", "3", "st",
     "marys", "school", "High", "snap", "is", "me", "and", "Mrs", "-", ",", ".", "’s", "\n"],
), max_size=40))
def test_it_never_fails_on_jumbles_of_the_words_it_looks_for(words):
    redact(" ".join(words))


# --- the labelled set -------------------------------------------------------------------------

def test_the_labelled_set_is_big_and_has_plenty_that_must_not_change():
    examples = load_examples()
    assert len(examples) >= 120
    assert sum(example.text == example.expected for example in examples) >= 50
    for example in examples:
        gold_spans(example.text, example.expected)  # every expected output lines up with its text


def test_the_scorer_finds_what_each_placeholder_stands_for():
    assert gold_spans("my sw sarah is on 0770", "my sw [name] is on [phone]") == [("name", 6, 11), ("phone", 18, 22)]
    with pytest.raises(ValueError):
        gold_spans("12 elm road SN2 1AB", "[address] [postcode]")


# Floors set below what was measured when this was written (see analysis/REDACTION.md), so that
# a change which makes redaction worse fails here.
FLOORS = {
    "name": (0.93, 0.93), "phone": (0.95, 0.95), "email": (0.95, 0.95), "postcode": (0.95, 0.95),
    "address": (0.9, 0.85), "school": (0.85, 0.9), "social media": (0.9, 0.9), "all": (0.95, 0.95),
}


def test_redaction_meets_its_recall_and_precision_floors_on_the_labelled_set():
    scores, _ = evaluate(load_examples(LABELLED))
    by_kind = scores.set_index("kind")
    for kind, (recall, precision) in FLOORS.items():
        assert by_kind.loc[kind, "recall"] >= recall, (kind, by_kind.loc[kind].to_dict())
        assert by_kind.loc[kind, "precision"] >= precision, (kind, by_kind.loc[kind].to_dict())


def test_the_evaluation_cli_prints_scores_and_misses(capsys):
    assert main([str(LABELLED)]) == 0
    out = capsys.readouterr().out
    assert "recall" in out and "precision" in out and "Differences" in out

"""Safeguarding in every language: Welsh worrying words (with Welsh mutations) measured on a labelled Welsh
set, and written answers no list can read sent to a person ("written in another language: please read")
on every path that holds worrying answers, without flooding the queue with short answers."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select, update

from analysis.written_language import written_language
from survey_app.extensions import db
from survey_app.models import Draft, SafeguardingFlag
from survey_app.models.statuses import FlagReason
from survey_app.safeguarding.eval import CATEGORIES, EVAL_SETS, MAX_FALSE_ALARMS, MIN_RECALL, evaluate, main, read_set
from survey_app.safeguarding.other_language import needs_a_reader
from survey_app.safeguarding.phrases import find_worrying, mutations

from .journey import Journey
from .test_paper_entry import flags, paper  # noqa: F401  (the paper fixture)
from .test_safeguarding_every_ending import answer_everything, quick_exit

ARABIC = "أبي يضربني عندما يشرب"  # "my father hits me when he drinks"
POLISH = "Nie czuję się bezpiecznie w domu mojej rodziny zastępczej"
TIGRINYA = "ኣብ ገዛ ፍርሒ ኣለኒ"
WELSH = "Dwi'n hoffi chwarae pêl-droed gyda fy ffrindiau ar ddydd Sadwrn"
ENGLISH = "I would like to see my brother more often and go on more trips"


# -- the Welsh list and its labelled set ----------------------------------------------------------------

def test_the_welsh_set_covers_every_category_with_worrying_sentences_and_near_misses():
    rows = read_set(EVAL_SETS["cy"])
    worrying = [category for label, category, _ in rows if label == "worrying"]
    assert len(worrying) >= 100 and sum(label == "harmless" for label, _, _ in rows) >= 50
    assert {category: worrying.count(category) >= 6 for category in CATEGORIES} == dict.fromkeys(CATEGORIES, True)
    assert len({sentence for _, _, sentence in rows}) == len(rows)


def test_the_welsh_patterns_find_the_welsh_worrying_sentences_above_the_bar_on_their_own():
    result = evaluate(read_set(EVAL_SETS["cy"]), languages=("cy",))
    for category, total in result.total.items():
        assert result.found[category] / total >= MIN_RECALL, (category, [s for c, s in result.misses if c == category])
    assert result.recall >= MIN_RECALL
    assert result.false_alarm_rate <= MAX_FALSE_ALARMS, result.false_alarms


def test_the_welsh_patterns_add_no_false_alarm_to_the_english_set():
    alone = evaluate(read_set(EVAL_SETS["en"]), languages=("en",))
    together = evaluate(read_set(EVAL_SETS["en"]))
    assert together.false_alarms == alone.false_alarms and together.meets_the_bar()


def test_the_eval_command_takes_the_language(capsys):
    assert main(["--language", "cy"]) == 0
    printed = capsys.readouterr().out
    assert "meets the bar" in printed and "the cy patterns alone" in printed


@pytest.mark.parametrize(("word", "forms"), [
    ("taro", {"taro", "daro", "nharo", "tharo"}), ("curo", {"curo", "guro", "nghuro", "churo"}),
    ("brifo", {"brifo", "frifo", "mrifo"}), ("gadael", {"gadael", "adael", "ngadael"}),
    ("llun", {"llun", "lun"}), ("rhedeg", {"rhedeg", "redeg"}), ("ofn", {"ofn", "hofn"}), ("chwarae", {"chwarae"}),
])
def test_a_welsh_word_is_written_once_and_found_in_every_mutation(word, forms):
    assert set(mutations(word)) == forms


@pytest.mark.parametrize("text", [
    "mae dad yn fy nharo i", "Mae e'n taro fi", "nath hi fy mrifo i", "Dwi ddim yn teimlo’n saff adre",
    "dwi isio marw", "mae gen i ofn", "dwi n cael fy mwlio", "mae o’n cyffwrdd fi", "dwi am redeg i ffwrdd",
])
def test_welsh_disclosures_are_found_with_or_without_accents_and_apostrophes(text):
    assert find_worrying(text), text


@pytest.mark.parametrize("text", [
    "nathon ni guro nhw 3-0", "mae hi’n bwrw glaw", "roedd y ffilm yn ofnadwy o dda",
    "nes i frifo fy nghoes yn chwarae", "dwi n teimlo n saff yma",
])
def test_welsh_near_misses_do_not_alarm(text):
    assert find_worrying(text) is None, text


# -- which answers need a person to read them -----------------------------------------------------------

@pytest.mark.parametrize("page", ["en", "cy"])
@pytest.mark.parametrize("text", ["ok", "no", "idk", "football", "da iawn", "dim byd", "nothing really", "Mam",
                                  "more trips out", "", "123 :)"])
def test_short_answers_never_go_to_the_queue_for_their_language(text, page):
    assert not needs_a_reader(text, page)


@pytest.mark.parametrize("text", [ARABIC, "لا", TIGRINYA, "Мне страшно дома"])
@pytest.mark.parametrize("page", ["en", "cy", "ar"])
def test_another_script_always_goes_to_a_person_however_short(text, page):
    assert needs_a_reader(text, page)


def test_a_sentence_in_a_language_with_no_list_goes_to_a_person_on_any_page():
    assert written_language(POLISH).code == "pl"
    assert needs_a_reader(POLISH, "en") and needs_a_reader(POLISH, "cy")


def test_a_sentence_in_another_language_than_the_page_goes_to_a_person():
    assert needs_a_reader(WELSH, "en")
    assert not needs_a_reader(WELSH, "cy")
    assert not needs_a_reader(ENGLISH, "en")
    assert needs_a_reader("I really do not like living here with my new foster family at all", "cy")


def test_tigrinya_is_named_by_its_script_not_guessed_as_amharic():
    assert written_language(TIGRINYA).code == "und-Ethi"


# -- through the real survey ------------------------------------------------------------------------------

def page_text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def queued(app) -> list[tuple[str, str]]:
    with app.app_context():
        return sorted((flag.question_id, flag.reason) for flag in db.session.scalars(select(SafeguardingFlag)))


def set_draft_language(app, client, code: str) -> None:
    with client.session_transaction() as session:
        draft_id = session["draft"]
    with app.app_context():
        db.session.execute(update(Draft).where(Draft.id == draft_id).values(language=code))
        db.session.commit()


def test_an_arabic_answer_reaches_the_lead_as_another_language_without_showing_the_child_help(
        app, client, make_round, release_flags, make_staff, sign_in):
    slug = make_round("younger-children")
    child = Journey(client, slug)
    where = child.begin()
    shown_help = False
    while where != "check":
        if where == "grow_up_to_be":
            response = child.answer(ARABIC)
            shown_help = response.location.startswith("/help/now")
            where = child.follow(response.location)
            continue
        where = child.answer_and_go("yes" if where == "feel_safe_home" else
                                    ("2" if "smiley" in child.page or 'value="2"' in child.page else "yes"))
    assert not shown_help
    child.send()
    assert release_flags() == 1
    assert queued(app) == [("grow_up_to_be", FlagReason.OTHER_LANGUAGE)]
    sign_in(*make_staff("safeguarding"))
    page = page_text(client.get("/staff/safeguarding"))
    assert "written in another language: please read" in page
    assert "Language: Arabic letters (language not known)" in page and ARABIC in page
    welsh = page_text(client.get("/staff/safeguarding?lang=cy"))
    assert "wedi’i ysgrifennu mewn iaith arall: darllenwch e" in welsh and "Iaith: Llythrennau Arabaidd" in welsh
    arabic = page_text(client.get("/staff/safeguarding?lang=ar"))
    assert "مكتوبة بلغة أخرى: يرجى قراءتها" in arabic and "(اللغة غير معروفة)" in arabic


def test_a_child_who_leaves_after_writing_in_another_language_is_still_read(app, client, make_round, release_flags):
    child = Journey(client, make_round("younger-children"))
    answer_everything(child, {"grow_up_to_be": POLISH})
    quick_exit(child)
    assert release_flags() == 1
    assert queued(app) == [("grow_up_to_be", FlagReason.OTHER_LANGUAGE)]


def test_on_a_welsh_page_welsh_is_read_by_the_welsh_list_and_short_answers_are_not_queued(
        app, client, make_round, release_flags):
    slug = make_round("younger-children")
    child = Journey(client, slug)
    child.begin()
    set_draft_language(app, client, "cy")
    child.open(f"/r/{slug}/q/grow_up_to_be")
    child.answer("football")
    child.open(f"/r/{slug}/q/grow_up_to_be")
    child.answer(WELSH)
    assert release_flags() == 0
    child.open(f"/r/{slug}/q/grow_up_to_be")
    assert child.answer("mae dad yn fy nharo i bob nos").location.startswith("/help/now")
    child.open(f"/r/{slug}/q/grow_up_to_be")
    child.answer(ENGLISH + " because I miss him a lot")  # English on a Welsh page: a person reads it
    assert release_flags() == 2
    assert queued(app) == [("grow_up_to_be", FlagReason.OTHER_LANGUAGE), ("grow_up_to_be", FlagReason.WORRYING_WORDS)]


def test_a_welsh_sentence_on_an_english_page_is_sent_to_a_person(app, client, make_round, release_flags):
    child = Journey(client, make_round("younger-children"))
    answer_everything(child, {"grow_up_to_be": WELSH})
    child.send()
    release_flags()
    assert queued(app) == [("grow_up_to_be", FlagReason.OTHER_LANGUAGE)]


def test_a_paper_answer_in_another_language_is_held_like_online(app, client, paper):  # noqa: F811
    worker = paper("younger-children")
    assert worker.enter({"feel_about_home": "2", "make_things_better": ARABIC}).status_code == 302
    assert flags(app) == [("make_things_better", FlagReason.OTHER_LANGUAGE)]

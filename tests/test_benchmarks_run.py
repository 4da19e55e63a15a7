"""The page-weight benchmark runs (in-process, on the suite's database) and reports sensible
numbers. No timing is asserted here: the bars are compared in `python -m benchmarks` only."""

import pytest

from benchmarks import page_weight
from benchmarks.__main__ import _table, language_rows, page_weight_rows


def test_page_weight_benchmark_measures_the_first_and_next_question_pages(app, make_round):
    weight = page_weight.measure(app, make_round("priorities-2018"))

    first, following = weight.first, weight.next
    assert first.fetched[0].url.endswith("/q/care_status")
    assert first.fetched[0].content_encoding == "gzip"
    fetched_assets = {item.url.split("?")[0] for item in first.fetched[1:]}
    assert {"/static/app.css", "/static/app.js"} <= fetched_assets
    assert first.requests == len(first.fetched) and not first.external
    assert first.total_bytes == sum(item.body_bytes + item.header_bytes for item in first.fetched) > 0

    assert following.fetched[0].url.endswith("/q/age_band")
    assert len(following.fetched) == 1  # the static files come from the cache...
    assert sorted(following.from_cache) == sorted(item.url for item in first.fetched[1:])
    assert weight.assets_cached_long  # ...because their Cache-Control says so
    assert first.fetched[0].cached_for == 0  # answers pages are never cached

    table = _table(page_weight_rows(weight))
    assert "First question page, new visitor: bytes" in table and "Next question page: requests" in table


def test_resources_are_found_in_html_and_css():
    parser = page_weight._Links()
    parser.feed('<link rel="stylesheet" href="/a.css"><link rel="icon" href="data:,"><link rel="canonical" '
                'href="/x"><script src="/a.js"></script><img src="/i.png" srcset="/i2.png 2x, /i3.png 3x">'
                '<a href="/not-fetched">x</a><div style="background:url(/bg.svg)"></div>')
    assert parser.urls == ["/a.css", "data:,", "/a.js", "/i.png", "/i2.png", "/i3.png", "/bg.svg"]
    css = "@import '/b.css'; a { background: url(\"/c.png\") }"
    assert sorted(page_weight._css_urls(css)) == ["/b.css", "/c.png"]


def test_page_weight_is_measured_for_the_start_and_question_pages_in_each_language(app, make_round):
    weights = page_weight.measure_languages(app, make_round("younger-children"))

    assert [weight.language for weight in weights] == ["en", "cy", "ar"]
    for weight in weights:
        start, question = weight.start.fetched[0], weight.question.fetched[0]
        assert start.url.endswith(f"?lang={weight.language}") and "/q/feel_about_home?" in question.url
        for load in (weight.start, weight.question):  # each a new visitor: the static files fetched too
            assert {item.url.split("?")[0] for item in load.fetched[1:]} >= {"/static/app.css", "/static/app.js"}
            assert load.total_bytes > 0 and not load.from_cache
    rows = _table(language_rows("younger-children", weights))
    assert "First question page (younger-children, ar), new visitor: bytes" in rows
    assert "Start page (younger-children, cy), new visitor: bytes" in rows


def test_a_page_not_shown_in_the_language_asked_for_is_an_error(app, make_round, monkeypatch):
    monkeypatch.setattr(page_weight, "_html_lang", lambda html: "en")
    with pytest.raises(RuntimeError, match="not 'cy'"):
        page_weight.measure_languages(app, make_round("younger-children"), ("cy",))


def test_the_throughput_ceiling_survey_is_the_same_journey_as_the_2018_survey(app, make_round):
    """throughput.measure_ceiling runs the clients through benchmarks/hello_app.py's empty survey: its journey
    must be as long as young people's journeys through the real 2018 survey (which branch with the answers),
    or the ceiling means nothing."""
    from benchmarks import hello_app
    from benchmarks.survey_client import client_fetcher, complete

    slug = make_round("priorities-2018")
    through_the_app = [complete(*client_fetcher(app.test_client()), slug, child) for child in range(8)]
    through_nothing = complete(*client_fetcher(hello_app.app.test_client()), "ceiling", 0)
    assert through_nothing == 2 + 2 * hello_app.QUESTIONS + 2
    assert min(through_the_app) < through_nothing < max(through_the_app)
    assert abs(sum(through_the_app) / len(through_the_app) - through_nothing) <= 4

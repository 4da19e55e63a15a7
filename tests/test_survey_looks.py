"""The survey pages as a phone receives them: each section's banner (its own picture and colour), the
younger or calmer look of the survey, the thank-you celebration, and nothing fetched from anywhere else."""

from __future__ import annotations

import re

import pytest

from survey_app.extensions import db
from survey_app.looks import THEMES
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files
from survey_app.reviewing import links

# The first question of a younger-children section that every child sees, by theme.
FIRST_QUESTION_OF_THEME = {
    section.theme: next(question_id for question_id in section.question_ids
                        if load_file(path).question(question_id).show_if is None)
    for path in shipped_files() if path.stem == "younger-children"
    for section in load_file(path).sections if section.show_if is None
}
LINKED = re.compile(r'\s(?:src|href|action|srcset|data|poster|formaction)\s*=\s*"([^"]*)"', re.IGNORECASE)
ART = re.compile(r'<svg class="art"[^>]*>.*?</svg>', re.DOTALL)


def banner_of(page: str) -> str:
    match = re.search(r'<div class="banner theme-(\w+)">(.*?)</div>', page, re.DOTALL)
    assert match, "the page has no section banner"
    return match.group(0)


def test_every_theme_has_a_first_question_to_look_at():
    assert set(FIRST_QUESTION_OF_THEME) == set(THEMES)


@pytest.mark.parametrize("theme", THEMES)
def test_a_question_page_starts_with_its_sections_picture_and_colour(theme, journey):
    survey = journey("younger-children")
    survey.begin()
    survey.open(f"/r/{survey.slug}/q/{FIRST_QUESTION_OF_THEME[theme]}")
    banner = banner_of(survey.page)
    assert f'class="banner theme-{theme}"' in banner
    art = ART.search(banner)
    assert art and 'aria-hidden="true"' in art.group(0) and 'focusable="false"' in art.group(0)
    main = survey.page.split('<main id="main"', 1)[1]
    assert main.index('class="banner') < main.index("<form"), "the banner is not at the top of the page"
    assert '<body class="look-younger">' in survey.page


def _drawing_of(svg: str) -> str:
    return svg.split(">", 1)[1]


def _drawing(theme: str, journey) -> str:
    survey = journey("younger-children")
    survey.begin()
    survey.open(f"/r/{survey.slug}/q/{FIRST_QUESTION_OF_THEME[theme]}")
    return _drawing_of(ART.search(banner_of(survey.page)).group(0))


def test_every_theme_draws_its_own_small_picture(journey):
    drawings = {theme: _drawing(theme, journey) for theme in THEMES}
    assert len(set(drawings.values())) == len(THEMES)
    for theme, drawing in drawings.items():
        assert len(drawing.encode()) <= 1536, f"the {theme} picture is {len(drawing.encode())} bytes"


@pytest.mark.parametrize(("key", "look"), [
    ("younger-children", "younger"), ("care-leavers", "older"), ("priorities-2018", "middle"),
])
def test_each_survey_looks_its_age_on_every_page_a_child_sees(key, look, journey, client):
    survey = journey(key)
    survey.open(f"/r/{survey.slug}")
    assert f'<body class="look-{look}">' in survey.page
    survey.begin()
    assert f'<body class="look-{look}">' in survey.page
    survey.open(f"/r/{survey.slug}/check")
    assert f'<body class="look-{look}">' in survey.page


def test_staff_and_help_pages_keep_the_plain_look(client, make_round):
    for url in ("/", "/help", "/help?next=/staff/"):
        assert '<body class="look-middle">' in client.get(url).get_data(as_text=True), url


@pytest.mark.parametrize(("key", "look"), [("younger-children", "younger"), ("care-leavers", "older")])
def test_a_help_page_opened_from_a_survey_keeps_the_childs_look(key, look, client, make_round):
    # An 8-year-old who has just said they are not safe should not land on a page that looks like another site.
    slug = make_round(key)
    for url in (f"/help?next=/r/{slug}/q/x", f"/help?round={slug}", f"/help/now?round={slug}&next=/r/{slug}/check"):
        assert f'<body class="look-{look}">' in client.get(url).get_data(as_text=True), url


@pytest.mark.parametrize(("key", "look"), [("younger-children", "younger"), ("care-leavers", "older")])
def test_a_young_reviewer_sees_the_survey_in_its_own_look(key, look, app, client, make_staff, sign_in):
    with app.app_context():
        _link, token = links.make_link(actor="worker@council.example", days=14, questionnaire_key=key)
        db.session.commit()
    pages = [client.get(f"/review?t={token}", follow_redirects=True)]
    token_field = re.search(r'name="csrf_token" value="([^"]+)"', pages[0].get_data(as_text=True))
    pages.append(client.post("/review/begin", data={"csrf_token": token_field.group(1)}, follow_redirects=True))
    assert "/review/q/" in pages[1].request.path
    for page in pages:
        assert f'<body class="look-{look}">' in page.get_data(as_text=True), page.request.path
    sign_in(*make_staff("worker"))
    builder = client.get(f"/staff/questionnaires/{key}").get_data(as_text=True)
    assert '<body class="look-middle staff">' in builder  # the worker's pages keep the plain look


def test_the_closed_page_of_a_younger_survey_looks_younger(client, make_round):
    page = client.get(f"/r/{make_round('younger-children', status='closed')}").get_data(as_text=True)
    assert "This survey has closed" in page and '<body class="look-younger">' in page


@pytest.mark.parametrize("key", ["younger-children", "care-leavers", "priorities-2018"])
def test_survey_pages_fetch_and_link_nothing_outside_the_council_site(key, app, journey):
    own = app.config["PUBLIC_URL"].rstrip("/") + "/"
    survey = journey(key)
    pages = []
    survey.open(f"/r/{survey.slug}")
    pages.append(survey.page)
    survey.begin()
    for _ in range(6):
        pages.append(survey.page)
        choices = survey.choices_on_page()
        question_id = survey.answer_and_go(choices[-1]) if choices else survey.answer_and_go(skip=True)
        if question_id == "check":
            break
    survey.open(f"/r/{survey.slug}/check")
    pages.append(survey.page)
    for page in pages:
        for link in LINKED.findall(page):
            assert not re.match(r"\s*(?:https?:)?//", link) or link.startswith(own), link


def test_the_thank_you_page_celebrates_without_script_and_still_when_asked(journey, app):
    survey = journey("younger-children")
    survey.begin()
    survey.open(f"/r/{survey.slug}/check")
    response = survey.client.post(f"/r/{survey.slug}/send", data={"csrf_token": survey.csrf()})
    survey.open(response.location)
    panel = survey.page.split('<div class="panel">', 1)[1].split("</div>", 1)[0]
    assert '<svg class="celebrate"' in panel and 'aria-hidden="true"' in panel
    assert "<script" not in panel
    css = (app.static_folder + "/app.css")
    with open(css, encoding="utf-8") as stylesheet:
        text = stylesheet.read()
    # The only animation is inside "no preference for less motion".
    motion = text.split("@media (prefers-reduced-motion:no-preference){", 1)
    assert len(motion) == 2 and "celebrate" in motion[1].split("}}", 1)[0]
    assert "animation" not in motion[0]


def test_a_check_page_section_heading_carries_its_theme_picture_and_title(app):
    section = next(section for section in load_file("questionnaires/younger-children.yaml").sections
                   if section.theme == "school")
    with app.test_request_context():
        macro = app.jinja_env.get_template("survey/_art.html").module.section_heading
        heading = str(macro(section))
    assert heading.startswith('<h2 class="section-heading theme-school"><svg class="art"')
    assert f"<span>{section.title}</span></h2>" in heading and 'aria-hidden="true"' in heading

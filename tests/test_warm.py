"""Before gunicorn forks its workers, the master compiles every template and reads every catalogue, so no
worker (nor a replacement after max_requests) compiles one while a young person waits for a page."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext

from survey_app import create_app
from survey_app.warm import warm


@pytest.fixture
def fresh_app(tmp_path):
    return create_app({"TESTING": True, "SECRET_KEY": "warm-test",
                       "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'warm.sqlite'}"})


def test_a_warmed_app_renders_every_template_without_reading_a_template_file_again(fresh_app, monkeypatch):
    counts = warm(fresh_app)
    names = [name for name in fresh_app.jinja_env.list_templates() if name.endswith(".html")]
    assert counts["templates"] >= len(names) > 100

    def no_more_reading(*_args, **_kwargs):
        raise AssertionError("a template was read from disk after warming")

    monkeypatch.setattr(type(fresh_app.jinja_env.loader), "get_source", no_more_reading)
    for name in names:
        assert fresh_app.jinja_env.get_template(name).name == name


def test_an_unwarmed_app_still_reads_template_files(fresh_app, monkeypatch):
    """The check above can fail: without warming, the first use of a template reads its file."""
    read = []
    original = type(fresh_app.jinja_env.loader).get_source

    def reading(self, environment, name):
        read.append(name)
        return original(self, environment, name)

    monkeypatch.setattr(type(fresh_app.jinja_env.loader), "get_source", reading)
    fresh_app.jinja_env.get_template("base.html")
    assert read == ["base.html"]


def test_a_warmed_app_has_every_languages_catalogue_loaded(fresh_app, monkeypatch):
    warm(fresh_app)
    from babel import support

    monkeypatch.setattr(support.Translations, "load", classmethod(lambda *_a, **_k: pytest.fail("catalogue read")))
    with fresh_app.test_request_context():
        with force_locale("cy"):
            assert gettext("Back") != "Back"
        with force_locale("ar"):
            assert gettext("Back") != "Back"

"""No child's "I'm not safe" is ever lost, and none is raised twice: every way a draft can end
(sending, "Exit this page", "Start again", letting it expire, another device with the same draft, or
simply never coming back) raises each worrying answer exactly once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from survey_app.extensions import db
from survey_app.models import Draft, HeldFlag, SafeguardingFlag, SurveyResponse

from .journey import Journey

WORRY = "my step dad hits me when mum is out"
HARMLESS = {"feel_about_home": "3", "feel_safe_home": "yes", "feel_most_days": "3", "grown_up_to_talk_to": "yes",
            "know_social_worker": "yes"}


def answer_everything(child: Journey, overrides: dict[str, str]) -> None:
    """Answer every question of the younger children's survey, with `overrides` where given."""
    where = child.begin()
    while where != "check":
        if where in overrides:
            value = overrides[where]
        elif where in HARMLESS:
            value = HARMLESS[where]
        else:
            value = "2" if "smiley" in child.page or 'value="2"' in child.page else "yes"
        where = child.answer_and_go(value)


def worried_child(client, slug: str, worry: str = WORRY) -> Journey:
    """A child who says they don't feel safe at home and writes something worrying, then goes back from
    the check page and gives the same worrying answer again."""
    child = Journey(client, slug)
    answer_everything(child, {"feel_safe_home": "no", "grow_up_to_be": worry})
    child.open(f"/r/{slug}/q/feel_safe_home?change=1")
    assert child.answer("no").location.startswith("/help/now")
    return child


def expire(app, client) -> None:
    with client.session_transaction() as session:
        draft_id = session["draft"]
    with app.app_context():
        db.session.execute(update(Draft).where(Draft.id == draft_id).values(expires_at=dt.datetime(2000, 1, 1)))
        db.session.commit()


def flags_raised(app) -> list[tuple[str, str]]:
    with app.app_context():
        return sorted((flag.question_id, flag.reason) for flag in db.session.scalars(select(SafeguardingFlag)))


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def send(child: Journey) -> None:
    child.send()


def quick_exit(child: Journey) -> None:
    assert child.client.get("/exit").status_code == 302


def start_again(child: Journey) -> None:
    child.open(f"/r/{child.slug}")
    response = child.client.post(f"/r/{child.slug}/start", data={"csrf_token": child.csrf(), "again": "1"})
    assert response.status_code == 302


def never_comes_back(child: Journey) -> None:
    pass


ENDINGS = {"send": send, "exit this page": quick_exit, "start again": start_again,
           "connection lost, never came back": never_comes_back}
EXPECTED = [("feel_safe_home", "trigger_answer"), ("grow_up_to_be", "worrying_words")]


@pytest.mark.parametrize("ending", ENDINGS)
def test_every_worrying_answer_reaches_the_lead_exactly_once_however_the_child_leaves(
        app, client, make_round, release_flags, ending):
    child = worried_child(client, make_round("younger-children"))
    ENDINGS[ending](child)
    release_flags()
    release_flags()  # a second release (another worker, the next cron run) raises nothing more
    assert flags_raised(app) == EXPECTED
    assert count(app, HeldFlag) == 0


def test_an_expired_draft_keeps_its_worrying_answers(app, client, make_round, runner):
    worried_child(client, make_round("younger-children"))
    expire(app, client)
    for _ in range(2):
        result = runner.invoke(args=["survey", "purge-drafts"])
        assert result.exit_code == 0, result.output
    assert count(app, Draft) == 0
    assert flags_raised(app) == EXPECTED


def test_a_second_device_with_the_same_draft_sends_while_the_first_leaves(app, client, make_round, release_flags):
    child = worried_child(client, make_round("younger-children"))
    other_device = app.test_client()
    other_device.set_cookie("vic", client.get_cookie("vic").value)
    Journey(other_device, child.slug).send()
    quick_exit(child)
    release_flags()
    assert count(app, SurveyResponse) == 1
    assert flags_raised(app) == EXPECTED


def test_a_child_who_starts_again_and_says_it_again_is_heard_each_time(app, client, make_round, release_flags):
    # Two drafts, two disclosures: each is its own trigger and each is raised once.
    child = worried_child(client, make_round("younger-children"))
    start_again(child)
    answer_everything(child, {"feel_safe_home": "no"})
    child.send()
    release_flags()
    assert flags_raised(app) == sorted([*EXPECTED, ("feel_safe_home", "trigger_answer")])


def test_a_changed_worrying_answer_is_still_raised(app, client, make_round, release_flags):
    # What a child said is not unsaid by changing it: the lead sees both words.
    child = worried_child(client, make_round("younger-children"))
    child.open(f"/r/{child.slug}/q/grow_up_to_be?change=1")
    child.answer("a vet")
    child.send()
    release_flags()
    assert flags_raised(app) == EXPECTED


def test_nothing_is_raised_in_the_childs_own_request(app, client, make_round):
    # Released in a later batch (scheduled command or the lead's queue), so a flag is never written
    # in the transaction that stores the response.
    child = worried_child(client, make_round("younger-children"))
    child.send()
    assert count(app, SafeguardingFlag) == 0
    assert count(app, HeldFlag) == 2


PURGER = """
import sys, threading, time
from pathlib import Path
from survey_app import create_app

app = create_app({"TESTING": True, "SECRET_KEY": "purge-race", "SQLALCHEMY_DATABASE_URI": sys.argv[1]})
go = Path(sys.argv[2])
runner = app.test_cli_runner()
barrier = threading.Barrier(2)
results = []

def purge():
    barrier.wait()
    result = runner.invoke(args=["survey", "purge-drafts"])
    results.append((result.exit_code, result.output.strip(), repr(result.exception)))

threads = [threading.Thread(target=purge) for _ in range(2)]
Path(sys.argv[3]).touch()  # ready
while not go.exists():
    time.sleep(0.002)
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(results)
sys.exit(0 if all(code == 0 for code, _output, _error in results) else 1)
"""


def test_four_purges_at_once_over_two_processes_raise_each_flag_once(app, make_round, tmp_path):
    slug = make_round("younger-children")
    children = 30
    for _number in range(children):
        client = app.test_client()
        child = Journey(client, slug)
        child.begin()
        child.answer_and_go("2")
        assert child.answer("no").location.startswith("/help/now")  # "Do you feel safe where you live?"
        expire(app, client)
    go = tmp_path / "go"
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    root = Path(__file__).resolve().parent.parent
    ready = [tmp_path / f"ready-{number}" for number in range(2)]
    workers = [subprocess.Popen([sys.executable, "-c", PURGER, url, str(go), str(flag)], cwd=root,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for flag in ready]
    deadline = time.monotonic() + 120
    while not all(flag.exists() for flag in ready) and time.monotonic() < deadline:
        assert all(worker.poll() is None for worker in workers), [worker.communicate() for worker in workers]
        time.sleep(0.01)
    go.touch()
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, (out, err[-3000:])
    assert count(app, Draft) == 0
    assert count(app, HeldFlag) == 0
    assert flags_raised(app) == [("feel_safe_home", "trigger_answer")] * children

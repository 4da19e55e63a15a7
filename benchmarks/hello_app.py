"""The smallest Flask apps, the yardsticks for the survey's speed, served by gunicorn with the app's own
settings in the same run:

- `/`: one page saying hello (benchmarks/requests_per_second.py compares the question page with it);
- `/r/<slug>/...`: a survey with nothing behind it (no database, no templates, no session, no checks), the
  same journey as the 2018 survey: start page, Start, 25 questions each shown and answered with a redirect,
  check page, Send. The scripted young people (survey_client.complete) go through it exactly as through
  the app, so its completions per second (throughput.measure_ceiling) are what gunicorn, Flask and the
  clients alone allow on this machine: the ceiling for the app's own figure."""

from flask import Flask, redirect

app = Flask(__name__)

QUESTIONS = 25  # the 2018 survey's questions as a young person who answers them all sees them
TOKEN = '<input name="csrf_token" type="hidden" value="not-checked">'
CHOICES = "".join(f'<label><input name="answer" type="radio" value="{value}"> {value}</label>'
                  for value in ("yes", "no", "not_sure"))


@app.route("/")
def hello() -> str:
    return "Hello, World!"


@app.get("/r/<slug>")
def start_page(slug: str) -> str:
    return f'<h1>Your voice</h1><form method="post" action="/r/{slug}/start">{TOKEN}<button>Start</button></form>'


@app.post("/r/<slug>/start")
def start(slug: str):
    return redirect(f"/r/{slug}/q/1")


@app.get("/r/<slug>/q/<int:number>")
def question(slug: str, number: int) -> str:
    return f'<h1>Question {number}</h1><form method="post">{TOKEN}{CHOICES}<button>Continue</button></form>'


@app.post("/r/<slug>/q/<int:number>")
def answer(slug: str, number: int):
    return redirect(f"/r/{slug}/q/{number + 1}" if number < QUESTIONS else f"/r/{slug}/check")


@app.get("/r/<slug>/check")
def check(slug: str) -> str:
    return f'<h1>Check your answers</h1><form method="post" action="/r/{slug}/send">{TOKEN}<button>Send</button></form>'


@app.post("/r/<slug>/send")
def send(slug: str):
    return redirect(f"/r/{slug}/sent")

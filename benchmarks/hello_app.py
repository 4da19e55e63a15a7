"""The smallest Flask app: one page saying hello. The yardstick for requests per second
(benchmarks/requests_per_second.py): served by gunicorn with the app's own settings, in the same run."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "Hello, World!"

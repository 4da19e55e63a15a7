"""gunicorn with gunicorn.conf.py serves the app and its logs hold no client address and no browser."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
DEVICE = "PhoneMaker 5150 (gunicorn test)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60  # a generous wait for start-up, not a measure of speed
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            requests.get(url, timeout=2).close()
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start serving")


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_gunicorn_serves_the_app_and_logs_requests_without_address_or_browser(tmp_path, log_format):
    port = free_port()
    env = {**os.environ, "SECRET_KEY": "gunicorn-test-secret", "DATABASE_URL": f"sqlite:///{tmp_path / 'v.sqlite'}",
           "PORT": str(port), "WEB_CONCURRENCY": "2", "LOG_FORMAT": log_format}
    env.pop("VOICES_DEMO", None)
    flask = [sys.executable, "-m", "flask", "--app", "survey_app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=tmp_path, check=True, capture_output=True, timeout=120)
    out, err = (tmp_path / "stdout.log").open("w"), (tmp_path / "stderr.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "survey_app:create_app()"],
        env=env, cwd=tmp_path, stdout=out, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{base}/healthz", server)
        with requests.Session() as browser:
            browser.headers["User-Agent"] = DEVICE
            assert browser.get(f"{base}/healthz").json()["database"] == "ok"
            assert browser.get(f"{base}/help?next=/r/from-a-link").status_code == 200
            assert browser.get(f"{base}/no-such-page").status_code == 404
        with socket.create_connection(("127.0.0.1", port)) as raw:  # gunicorn's own "Invalid request" warning
            raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
            raw.recv(1024)
    finally:
        server.terminate()
        server.wait(timeout=60)
        out.close()
        err.close()
    access = (tmp_path / "stdout.log").read_text()
    errors = (tmp_path / "stderr.log").read_text()
    assert server.returncode == 0, errors
    lines = [line for line in access.splitlines() if line.strip()]
    assert len([line for line in lines if "/healthz" in line]) >= 2
    assert any("/help" in line and "200" in line for line in lines)
    assert any("/no-such-page" in line and "404" in line for line in lines)
    if log_format == "json":
        parsed = [json.loads(line) for line in lines]
        assert all(line["logger"] == "gunicorn.access" and "T" in line["time"] for line in parsed)
        assert {"method": "GET", "path": "/no-such-page", "status": 404} in [
            {key: line[key] for key in ("method", "path", "status")} for line in parsed]
    assert "Invalid request" in errors
    assert "Warmed before forking: {'templates':" in errors  # gunicorn.conf.py's when_ready, in the master
    for secret in ("127.0.0.1", DEVICE, "PhoneMaker", "from-a-link"):
        assert secret not in access, secret
        assert secret not in errors, secret

"""Fast checks of the server's own parts with a stand-in Session: a crash is a JSON 500 without its
message or trace, and the runner cancels a call still queued when its time limit runs out."""

from __future__ import annotations

import threading
import time

import pytest

from test_server_support import needs

needs("fastapi", "server")
from fastapi.testclient import TestClient  # noqa: E402

from lexqa.errors import LexqaError  # noqa: E402
from lexqa.server.app import create_app  # noqa: E402
from lexqa.server.runner import SessionRunner, Timeout  # noqa: E402


class Broken:
    """A Session whose show crashes with a secret in its message."""

    def show(self, citation, as_of=None):
        raise RuntimeError("secret path /etc/shadow")


def test_a_crash_is_a_json_500_without_the_trace():
    c = TestClient(create_app(SessionRunner(Broken())), raise_server_exceptions=False)
    r = c.get("/show", params={"citation": "x"})
    assert r.status_code == 500
    assert r.json() == {"error": "internal error", "detail": "RuntimeError"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_a_queued_call_that_times_out_never_runs():
    runner = SessionRunner(object(), timeout_s=0.2)
    ran: list[str] = []
    gate = threading.Event()

    def slow():
        gate.wait(5)
        ran.append("slow")

    t = threading.Thread(target=lambda: pytest.raises(Timeout, runner.call_sync, slow))
    t.start()
    time.sleep(0.05)
    with pytest.raises(Timeout):
        runner.call_sync(lambda: ran.append("queued"))
    gate.set()
    t.join(5)
    runner.call_sync(lambda: None, timeout_s=5)  # the worker is free again
    assert ran == ["slow"]
    assert isinstance(Timeout("x"), LexqaError)
    runner.close()

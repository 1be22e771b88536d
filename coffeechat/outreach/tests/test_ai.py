"""AI rewrites against a real HTTP server on loopback that speaks the OpenAI chat API."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coffeechat.lib import crypto
from coffeechat.outreach import ai, queries
from coffeechat.outreach.tests.factories import GOOD_BODY

REWRITTEN = (
    "Hi Dana,\n\nAs a fellow State University alum exploring product analytics, I "
    "admire your work at Northwind. Would you share your perspective in a 20-minute "
    "call?\n\nThank you,\nAlice\n"
)


def completion(content: object) -> bytes:
    return json.dumps(
        {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
    ).encode()


class FakeOpenAI:
    """What the server answers next, and what it was asked."""

    def __init__(self) -> None:
        self.status = 200
        self.body = completion(REWRITTEN)
        self.delay = 0.0
        self.requests: list[tuple[str, dict[str, str], dict]] = []


@pytest.fixture
def fake_ai() -> Iterator[tuple[FakeOpenAI, str]]:
    state = FakeOpenAI()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            state.requests.append(
                (self.path, dict(self.headers), json.loads(self.rfile.read(length)))
            )
            time.sleep(state.delay)
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def ai_settings(alice, fake_ai):
    _, url = fake_ai
    outreach_settings = queries.settings_for(alice)
    outreach_settings.ai_enabled = True
    outreach_settings.ai_base_url = url
    outreach_settings.ai_model = "tiny-model"
    outreach_settings.ai_api_key = crypto.encrypt("sk-test-123")
    outreach_settings.save()
    return outreach_settings


def rewrite(outreach_settings, **kwargs) -> ai.Rewrite:
    return ai.rewrite(
        outreach_settings=outreach_settings,
        kind="request",
        body=GOOD_BODY,
        **{"timeout": 2.0, **kwargs},
    )


def test_it_rewrites_through_chat_completions_with_the_methods_rules(ai_settings, fake_ai) -> None:
    state, _ = fake_ai

    result = rewrite(ai_settings)

    assert result == ai.Rewrite(True, REWRITTEN, "Rewritten by AI. Read it before you send it.")
    [(path, headers, payload)] = state.requests
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer sk-test-123"
    assert payload["model"] == "tiny-model"
    system, user = payload["messages"]
    assert user == {"role": "user", "content": GOOD_BODY}
    for rule in (
        "never for a job",
        "first sentence",
        "under 75 words",
        "question mark",
        "20 minutes",
        "invent nothing",
    ):
        assert rule in system["content"]


def test_it_gives_back_the_draft_when_the_answer_is_too_slow(ai_settings, fake_ai) -> None:
    state, _ = fake_ai
    state.delay = 2.0

    started = time.monotonic()
    result = rewrite(ai_settings, timeout=0.3)

    # Well before the server's answer: the user is not kept waiting for a slow endpoint.
    assert time.monotonic() - started < 1.5
    assert result == ai.Rewrite(
        False, GOOD_BODY, "The AI endpoint took longer than 0.3 seconds. Your draft is unchanged."
    )


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b'{"error": "boom"}', "The AI endpoint answered with an error (500)."),
        (401, b'{"error": "bad key"}', "The AI endpoint answered with an error (401)."),
        (200, b"{not json", "The AI endpoint's answer wasn't in the expected format."),
        (200, b'{"choices": []}', "The AI endpoint's answer wasn't in the expected format."),
        (200, completion(None), "The AI endpoint gave an empty answer."),
        (200, completion("   "), "The AI endpoint gave an empty answer."),
        (
            200,
            completion("I'm sorry, but I can't help with that request."),
            "The AI declined to rewrite this draft.",
        ),
        (
            200,
            json.dumps({"choices": [{"message": {"content": None, "refusal": "No."}}]}).encode(),
            "The AI declined to rewrite this draft.",
        ),
    ],
)
def test_it_falls_back_to_the_draft_when_the_answer_is_unusable(
    status, body, message, ai_settings, fake_ai
) -> None:
    state, _ = fake_ai
    state.status, state.body = status, body

    result = rewrite(ai_settings)

    assert result == ai.Rewrite(False, GOOD_BODY, f"{message} Your draft is unchanged.")


def test_it_says_so_when_nothing_listens(ai_settings) -> None:
    ai_settings.ai_base_url = "http://127.0.0.1:9/v1"

    result = rewrite(ai_settings)

    assert not result.ok and result.body == GOOD_BODY
    assert result.message.startswith("The AI endpoint can't be reached")


def test_it_refuses_other_schemes_than_http(ai_settings) -> None:
    ai_settings.ai_base_url = "file:///etc"

    result = rewrite(ai_settings)

    assert result.message == (
        "The AI endpoint must be an http:// or https:// address. Your draft is unchanged."
    )


def test_it_strips_fences_quotes_and_a_subject_line(ai_settings, fake_ai) -> None:
    state, _ = fake_ai
    state.body = completion(f'```\nSubject: Hello\n\n"{REWRITTEN.strip()}"\n```')

    assert rewrite(ai_settings).body == REWRITTEN


def test_it_does_nothing_when_turned_off(ai_settings, fake_ai) -> None:
    state, _ = fake_ai
    ai_settings.ai_enabled = False

    result = rewrite(ai_settings)

    assert (result.ok, result.body) == (False, GOOD_BODY)
    assert state.requests == []

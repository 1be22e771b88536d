"""Optional AI rewrite of a draft through an OpenAI-compatible endpoint (stdlib HTTP only).

The user configures the endpoint in their outreach settings (a local Ollama, or any
/chat/completions server). A rewrite never sends anything: it returns text for the composer,
where the user reads it and the same lint runs on it. Anything that goes wrong (timeout, HTTP
error, refusal, malformed or empty answer) gives back the current draft with a message saying
what happened; this module never raises to its caller.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from coffeechat.lib import crypto, netguard
from coffeechat.outreach.models import MessageKind, OutreachSettings

logger = logging.getLogger(__name__)

TIMEOUT = 20.0  # seconds for the whole answer, not per read
MAX_ANSWER_BYTES = 256 * 1024
Kind = MessageKind

INSTRUCTIONS = (
    "You edit short networking messages for someone arranging informational interviews. "
    "Rewrite the draft you are given so that it: asks for advice, insight or perspective and "
    "never for a job, a position, an opening, an internship or a referral; says how the writer "
    "is connected to the reader in the first sentence; names the wider field the writer is "
    "exploring; keeps more of its words about the reader than about the writer; mentions no "
    "attachment or resume; avoids clichés such as “pick your brain”. {kind_rules} Keep every "
    "name, fact and link exactly as given and invent nothing. Keep the greeting line and the "
    "sign-off. Answer with the rewritten message only: no subject line, no comments, no quotes."
)
KIND_RULES: dict[str, str] = {  # by Message.kind, the stored text
    Kind.REQUEST: "Keep the body under 75 words and ask for {minutes} minutes in one clear "
    "question that ends with a question mark.",
    Kind.LINKEDIN_MESSAGE: "Keep the body under 75 words and ask for {minutes} minutes in one "
    "clear question that ends with a question mark.",
    Kind.LINKEDIN_NOTE: "This is a LinkedIn connection note: at most {limit} characters in "
    "all, no request for a call or a meeting, at most one short question.",
    Kind.FOLLOW_UP: "This is the one polite follow-up in the same thread: under 50 words, "
    "no pressure, and it may end with a short question.",
    Kind.ACCEPT: "This accepts a meeting: keep the times offered exactly as written.",
    Kind.THANK_YOU: "This thanks them after the conversation: 50 to 150 words, keep the "
    "specific thing quoted from the conversation, no new request.",
}
_REFUSAL = re.compile(
    r"^\W*(?:i'?m sorry|sorry,|i am sorry|i can(?:'|no)t|i cannot|i won'?t|i'?m unable|"
    r"i am unable|as an ai|unfortunately, i)",
    re.I,
)
_FENCE = re.compile(r"\A```[\w-]*\n(.*)\n```\Z", re.S)


@dataclass(frozen=True)
class Rewrite:
    """The rewritten body (or the original, when `ok` is False) and what to tell the user."""

    ok: bool
    body: str
    message: str


class RewriteFailed(Exception):
    """Why the endpoint's answer can't be used, in words for the user."""


def is_available(outreach_settings: OutreachSettings) -> bool:
    return bool(
        outreach_settings.ai_enabled
        and outreach_settings.ai_base_url
        and outreach_settings.ai_model
    )


def rewrite(
    *,
    outreach_settings: OutreachSettings,
    kind: str,
    body: str,
    minutes: int = 20,
    timeout: float = TIMEOUT,
) -> Rewrite:
    """Ask the user's endpoint to rewrite `body` by the method's rules; never raises."""
    if not is_available(outreach_settings):
        return Rewrite(False, body, "AI rewrites are off. Turn them on in your settings.")
    if not body.strip():
        return Rewrite(False, body, "Write a draft first: the AI rewrites, it doesn't invent.")
    try:
        answer = _complete(
            outreach_settings, _messages(outreach_settings, kind, body, minutes), timeout
        )
        return Rewrite(True, _clean(answer), "Rewritten by AI. Read it before you send it.")
    except RewriteFailed as error:
        return Rewrite(False, body, f"{error} Your draft is unchanged.")
    except Exception:  # a bug here must cost the user a rewrite, never their draft
        logger.exception("AI rewrite failed unexpectedly")
        return Rewrite(False, body, "The AI rewrite failed. Your draft is unchanged.")


def _messages(
    outreach_settings: OutreachSettings, kind: str, body: str, minutes: int
) -> list[dict[str, str]]:
    kind_rules = KIND_RULES.get(kind, KIND_RULES[Kind.REQUEST]).format(
        minutes=minutes, limit=outreach_settings.linkedin_note_limit
    )
    return [
        {"role": "system", "content": INSTRUCTIONS.format(kind_rules=kind_rules)},
        {"role": "user", "content": body},
    ]


@dataclass(frozen=True)
class Endpoint:
    """Where a rewrite is POSTed, rebuilt from parts that were each checked."""

    scheme: str
    host: str
    port: int
    path: str


_PATH = re.compile(r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*")


def endpoint(base_url: str) -> Endpoint:
    """The chat-completions address under the user's base URL, or RewriteFailed.

    The user chooses the host, the port and the base path, nothing else: a user name, a
    query or a fragment in the URL (which could change the path the POST goes to), percent
    escapes and dot segments are refused, and the request is built from the checked parts.
    """
    text = base_url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise RewriteFailed("The AI endpoint must be an http:// or https:// address.")
    plain = (
        "The AI endpoint must be a plain address such as https://api.example.com/v1 "
        "(no user name, “?”, “#” or “%”)."
    )
    if "@" in parts.netloc or "?" in text or "#" in text or "%" in text:
        raise RewriteFailed(plain)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RewriteFailed("The AI endpoint's port isn't a number.") from None
    path = parts.path.rstrip("/")
    segments = path.split("/")[1:]
    if not parts.hostname or not _PATH.fullmatch(path) or {".", ".."} & set(segments):
        raise RewriteFailed(plain)
    if not netguard.private_allowed() and parts.scheme != "https":
        raise RewriteFailed("The AI endpoint must be an https:// address on this server.")
    return Endpoint(parts.scheme, parts.hostname, port, f"{path}/chat/completions")


def _headers(outreach_settings: OutreachSettings, length: int) -> dict[str, str]:
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Content-Length": str(length),
    }
    try:
        key = crypto.decrypt(outreach_settings.ai_api_key)
    except crypto.SecretUnreadable:
        raise RewriteFailed(
            "The saved AI API key can't be read; enter it again in your settings."
        ) from None
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return headers


def _complete(
    outreach_settings: OutreachSettings, messages: list[dict[str, str]], timeout: float
) -> str:
    payload = json.dumps(
        {
            "model": outreach_settings.ai_model,
            "messages": messages,
            "temperature": 0.3,
            "stream": False,
        }
    ).encode()
    target = endpoint(outreach_settings.ai_base_url)
    headers = _headers(outreach_settings, len(payload))
    deadline = time.monotonic() + timeout
    # Through the outbound guard (lib/netguard.py), which also fixes the address: no
    # redirects are followed (http.client never does), so the key goes nowhere else.
    connection_class = (
        netguard.HTTPSConnection if target.scheme == "https" else netguard.HTTPConnection
    )
    connection = connection_class(target.host, target.port, timeout=timeout)
    try:
        connection.request("POST", target.path, body=payload, headers=headers)
        response = connection.getresponse()
        if response.status != 200:
            # The status only: the body is the server's own text.
            raise RewriteFailed(f"The AI endpoint answered with an error ({response.status}).")
        raw = _read_until(response, deadline)
    except netguard.Refused as error:
        raise RewriteFailed(str(error)) from None
    except TimeoutError:
        raise RewriteFailed(f"The AI endpoint took longer than {timeout:g} seconds.") from None
    except socket.gaierror:
        raise RewriteFailed(f"Can't find the AI endpoint's server {target.host}.") from None
    except (OSError, http.client.HTTPException):
        raise RewriteFailed(
            f"The AI endpoint can't be reached ({target.host}:{target.port})."
        ) from None
    finally:
        connection.close()
    return _answer_text(raw)


def _read_until(response: http.client.HTTPResponse, deadline: float) -> bytes:
    """The response body, read in chunks so a server that drips bytes still times out."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(16 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise RewriteFailed("The AI endpoint's answer was too long.")
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _answer_text(raw: bytes) -> str:
    try:
        message = json.loads(raw)["choices"][0]["message"]
        content = message.get("content") or ""
        refusal = message.get("refusal")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise RewriteFailed("The AI endpoint's answer wasn't in the expected format.") from None
    if refusal or (isinstance(content, str) and _REFUSAL.match(content)):
        raise RewriteFailed("The AI declined to rewrite this draft.")
    if not isinstance(content, str) or not content.strip():
        raise RewriteFailed("The AI endpoint gave an empty answer.")
    return content


def _clean(answer: str) -> str:
    """The message itself: without code fences, surrounding quotes or a subject line."""
    text = answer.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced[1].strip()
    text = re.sub(r"\Asubject:[^\n]*\n+", "", text, flags=re.I)
    if len(text) > 1 and text[0] in "\"“'" and text[-1] in "\"”'":
        text = text[1:-1].strip()
    return text + "\n"

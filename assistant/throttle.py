"""Login throttling: a password can't be guessed at speed, and a flood of guesses can't take the CPU.

Gradio's `/login` checks every attempt with bcrypt (about 0.25 s of CPU each) and never says
no for long: 50 wrong passwords in a row were each refused in a steady 0.32 s, and 40 at once
kept both cores hashing for 13 s. This ASGI middleware sits in front of it:

- after `max_failures` failed attempts for one username, or from one client address, within
  `window_s`, further attempts get HTTP 429 with `Retry-After`, for a cooling-off period
  that doubles with each lockout (`lockout_s`, 2x, 4x ... up to `max_lockout_s`). During it
  even the right password is refused: the attempt is not checked at all, so it costs nothing.
  After a lockout one more failure locks again, for longer; a successful login clears the
  username's record;
- attempts being checked count against the limit as they start, so 200 parallel guesses
  get at most `max_failures` hash checks, not 200;
- each lockout is logged (username, address, how long).

The hash checks themselves run in a small pool (`assistant.auth`, `IA_LOGIN_HASH_WORKERS`),
so guesses for many usernames from many addresses still leave cores for answering.

The client address is the TCP peer: behind a reverse proxy every user shares the proxy's
address, so there the per-address limit is effectively per proxy (the per-username limit
still holds). Counters live in memory: a restart clears them.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qs

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A login form is a username and a password: anything bigger is not one.
MAX_LOGIN_BODY = 16_384


class ThrottleSettings(BaseSettings):
    """Login limits, from IA_LOGIN_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="IA_LOGIN_", extra="forbid")

    max_failures: int = Field(5, ge=1, le=10_000_000, description="Failed attempts per username or address before a lockout.")
    window_s: float = Field(900.0, gt=0, description="The period those failures are counted over (15 minutes).")
    lockout_s: float = Field(60.0, gt=0, description="The first cooling-off period; each further lockout doubles it.")
    max_lockout_s: float = Field(3600.0, gt=0, description="The longest cooling-off period.")
    hash_workers: int = Field(1, ge=1, le=64, description="Password checks that run at once (each takes a core).")


@dataclass
class _Record:
    failures: deque = field(default_factory=deque)  # monotonic times of recent failures
    checking: int = 0  # attempts being checked now
    lockouts: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Failure counts per username and per client address, and the lockouts they earn."""

    def __init__(self, settings: ThrottleSettings | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or ThrottleSettings()
        self.clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._lock = threading.Lock()

    def _record(self, key: tuple[str, str]) -> _Record:
        record = self._records.get(key)
        if record is None:
            record = self._records[key] = _Record()
        return record

    def _expire(self, record: _Record, now: float) -> None:
        while record.failures and record.failures[0] <= now - self.settings.window_s:
            record.failures.popleft()

    def begin(self, username: str, address: str) -> float:
        """0 if the attempt may be checked (it then counts as pending until `end`), else the
        seconds until the username and address may try again."""
        now = self.clock()
        keys = [("user", username), ("address", address)]
        with self._lock:
            wait = 0.0
            for key in keys:
                record = self._record(key)
                self._expire(record, now)
                if record.locked_until > now:
                    wait = max(wait, record.locked_until - now)
                elif len(record.failures) + record.checking >= self.settings.max_failures:
                    # Parallel attempts already in flight would reach the limit: wait for them.
                    wait = max(wait, 1.0)
            if wait:
                return wait
            for key in keys:
                self._record(key).checking += 1
            return 0.0

    def end(self, username: str, address: str, succeeded: bool) -> None:
        now = self.clock()
        with self._lock:
            for kind, value in (("user", username), ("address", address)):
                record = self._record((kind, value))
                record.checking = max(0, record.checking - 1)
                if succeeded:
                    if kind == "user":  # the address may still be guessing other names
                        self._records.pop((kind, value), None)
                    continue
                record.failures.append(now)
                self._expire(record, now)
                # After a lockout, one more failure is enough to earn the next, longer one.
                if len(record.failures) >= self.settings.max_failures or (record.lockouts and record.locked_until <= now):
                    record.lockouts += 1
                    seconds = min(self.settings.max_lockout_s, self.settings.lockout_s * 2 ** (record.lockouts - 1))
                    record.locked_until = now + seconds
                    record.failures.clear()
                    log.warning(
                        "login locked for %.0f s: %d failed attempts for %s %r (lockout %d; from %s)",
                        seconds, self.settings.max_failures if record.lockouts == 1 else 1, kind, value,
                        record.lockouts, address if kind == "user" else "this address",
                    )
            if len(self._records) > 100_000:  # a flood of made-up names must not grow memory for ever
                self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, r in self._records.items() if not r.checking and r.locked_until <= now and not r.failures]:
            del self._records[key]


class LoginThrottleMiddleware:
    """Wraps Gradio's app: POST .../login goes through the throttle; everything else passes."""

    def __init__(self, app: ASGIApp, throttle: LoginThrottle | None = None) -> None:
        self.app = app
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or not scope.get("path", "").rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > MAX_LOGIN_BODY:
                await _reply(send, 413, {"detail": "The sign-in form is too large."})
                return
        form = parse_qs(body.decode("utf-8", "replace"))
        username = (form.get("username") or [""])[0].strip()
        address = (scope.get("client") or ("unknown", 0))[0]

        wait = self.throttle.begin(username, address)
        if wait:
            seconds = max(1, math.ceil(wait))
            await _reply(
                send, 429,
                {"detail": f"Too many failed sign-in attempts. Try again in {_duration(seconds)}."},
                [(b"retry-after", str(seconds).encode())],
            )
            return

        status = {"code": 500}

        async def replay() -> dict:
            nonlocal body
            chunk, body = body, b""
            return {"type": "http.request", "body": chunk, "more_body": False}

        async def watch(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, replay, watch)
        finally:
            # Gradio answers 200 for a good password and 400 for a bad one; an error in
            # between (5xx) is neither, and counts as a failure so it cannot be farmed.
            self.throttle.end(username, address, succeeded=status["code"] == 200)


def _duration(seconds: int) -> str:
    return f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"


async def _reply(send: Send, status: int, payload: dict, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})

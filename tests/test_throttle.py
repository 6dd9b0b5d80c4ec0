"""Login throttling: a lockout after 5 failures per username or address, 429 with Retry-After,
the right password refused during it, a cooling-off that grows, each lockout logged, and a
flood of parallel guesses that reaches the password check only a handful of times."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor

import bcrypt
import httpx
import pytest

from assistant import auth
from assistant.throttle import LoginThrottle, ThrottleSettings
from tests.conftest import free_port


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(throttle: LoginThrottle, user: str = "alice", address: str = "10.0.0.1") -> float:
    wait = throttle.begin(user, address)
    if not wait:
        throttle.end(user, address, succeeded=False)
    return wait


def test_five_failures_lock_the_username_and_the_cooling_off_grows():
    clock = Clock()
    throttle = LoginThrottle(ThrottleSettings(max_failures=5, window_s=900, lockout_s=60, max_lockout_s=600), clock)
    assert [fail(throttle, address=f"10.0.0.{i}") for i in range(5)] == [0.0] * 5  # five addresses, one name
    assert throttle.begin("alice", "10.0.0.99") == pytest.approx(60)  # a sixth, from anywhere: locked
    assert throttle.begin("bob", "10.0.0.99") == 0.0  # other users are not
    throttle.end("bob", "10.0.0.99", succeeded=True)

    clock.now += 61
    assert fail(throttle, address="10.0.0.50") == 0.0  # the cooling-off is over: one more try...
    assert throttle.begin("alice", "10.0.0.51") == pytest.approx(120)  # ...failed, and the next lockout is twice as long
    clock.now += 121
    fail(throttle, address="10.0.0.52")
    assert throttle.begin("alice", "10.0.0.53") == pytest.approx(240)
    for _ in range(5):
        clock.now += 601
        fail(throttle, address="10.0.0.54")
    assert throttle.begin("alice", "10.0.0.55") == pytest.approx(600)  # capped


def test_failures_from_one_address_lock_it_whatever_the_usernames():
    throttle = LoginThrottle(ThrottleSettings(max_failures=5), Clock())
    for name in ["a", "b", "c", "d", "e"]:
        assert fail(throttle, user=name, address="10.9.9.9") == 0.0
    assert throttle.begin("f", "10.9.9.9") > 0
    assert throttle.begin("f", "10.9.9.10") == 0.0


def test_failures_older_than_the_window_are_forgotten_and_a_success_clears_the_name():
    clock = Clock()
    throttle = LoginThrottle(ThrottleSettings(max_failures=5, window_s=900), clock)
    for _ in range(4):
        fail(throttle, address="10.1.1.1")
    clock.now += 901
    for _ in range(4):
        assert fail(throttle, address="10.1.1.2") == 0.0
    assert throttle.begin("alice", "10.1.1.3") == 0.0
    throttle.end("alice", "10.1.1.3", succeeded=True)
    for _ in range(4):
        assert fail(throttle, address="10.1.1.4") == 0.0


def test_attempts_in_flight_count_so_parallel_guesses_cannot_all_be_checked():
    throttle = LoginThrottle(ThrottleSettings(max_failures=5), Clock())
    started = [throttle.begin("alice", "10.2.2.2") for _ in range(200)]
    assert started.count(0.0) == 5 and all(w > 0 for w in started[5:])


# --- the real app ----------------------------------------------------------------------------------


@pytest.fixture
def locked_app(request, answerer, corpus_settings, tmp_path, monkeypatch):
    from assistant.app import launch

    # A short cooling-off by default, so a test can wait it out; a test may ask for another.
    monkeypatch.setenv("IA_LOGIN_LOCKOUT_S", str(getattr(request, "param", 2)))
    users = tmp_path / "users.txt"
    users.write_text(f"trainer:{bcrypt.hashpw(b'correct horse', bcrypt.gensalt(4)).decode()}\n")
    settings = corpus_settings.model_copy(update={"auth_file": users, "port": free_port()})
    app = launch(answerer, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}"
    app.close()


def login(url: str, password: str, username: str = "trainer") -> httpx.Response:
    return httpx.post(f"{url}/login", data={"username": username, "password": password}, timeout=60)


def test_twelve_wrong_logins_get_429_the_right_password_is_refused_until_the_cooling_off_ends(locked_app, caplog):
    caplog.set_level(logging.WARNING, logger="assistant.throttle")
    codes = [login(locked_app, f"wrong guess {i}").status_code for i in range(12)]
    assert codes == [400] * 5 + [429] * 7, codes

    during = login(locked_app, "correct horse")
    assert during.status_code == 429
    retry_after = int(during.headers["retry-after"])
    assert 1 <= retry_after <= 2
    assert "Try again in" in during.json()["detail"]
    assert "access-token" not in " ".join(during.headers.get_list("set-cookie"))
    assert any("login locked" in r.getMessage() and "'trainer'" in r.getMessage() for r in caplog.records)

    time.sleep(retry_after + 0.5)  # waiting out the cooling-off, not timing anything
    after = login(locked_app, "correct horse")
    assert after.status_code == 200 and after.json() == {"success": True}


@pytest.mark.parametrize("locked_app", [600], indirect=True)  # no cooling-off ends during the flood
def test_a_flood_of_parallel_wrong_logins_reaches_the_password_check_at_most_five_times(locked_app, monkeypatch):
    checked = []
    real_verify = auth.verify

    def counting_verify(password, hashed):
        checked.append(password)
        return real_verify(password, hashed)

    monkeypatch.setattr(auth, "verify", counting_verify)
    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(lambda i: login(locked_app, f"guess {i}").status_code, range(80)))
    assert set(codes) <= {400, 429} and codes.count(429) == 75, codes
    assert len(checked) <= 5, len(checked)

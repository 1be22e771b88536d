from __future__ import annotations

import pytest

from coffeechat.lib import crypto


def test_a_secret_round_trips_and_is_not_stored_in_the_clear() -> None:
    stored = crypto.encrypt("hunter2-smtp")

    assert "hunter2" not in stored
    assert crypto.decrypt(stored) == "hunter2-smtp"


def test_no_secret_stays_empty() -> None:
    assert crypto.encrypt("") == ""
    assert crypto.decrypt("") == ""


def test_a_secret_from_another_key_is_reported_not_crashed_on(settings) -> None:
    stored = crypto.encrypt("hunter2-smtp")
    settings.SECRET_KEY = "a-different-secret-key-" * 3

    with pytest.raises(crypto.SecretUnreadable):
        crypto.decrypt(stored)

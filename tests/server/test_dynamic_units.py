"""The pure parts of dynamic secrets, without a server: TTL parsing, templates, generated
credentials, redaction of provider errors, RFC 6238 codes and the retry backoff."""

from __future__ import annotations

import string
from datetime import datetime, timedelta

import pytest
from pydantic import ValidationError

from infisical_kit.server.dynamic.base import REDACTED, redact, statements
from infisical_kit.server.dynamic.credentials import (
    PASSWORD_ALPHABET,
    PasswordRequirements,
    random_password,
    random_username,
)
from infisical_kit.server.dynamic.durations import parse_duration, ttl_problem
from infisical_kit.server.dynamic.sql import expiration_text
from infisical_kit.server.dynamic.templates import (
    STATEMENT_VARIABLES,
    render,
    unknown_variables,
)
from infisical_kit.server.dynamic.totp import decode_secret, totp_code
from infisical_kit.server.services.lease_revocation import MAX_BACKOFF, backoff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", timedelta(seconds=90)),
        ("30m", timedelta(minutes=30)),
        ("1h", timedelta(hours=1)),
        ("1.5 hours", timedelta(minutes=90)),
        ("2d", timedelta(days=2)),
        ("1w", timedelta(weeks=1)),
        ("60000", timedelta(minutes=1)),  # a bare number is milliseconds, as in ms
        ("5 mins", timedelta(minutes=5)),
        ("10 msecs", timedelta(milliseconds=10)),
    ],
)
def test_durations_read_like_ms(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_ttl_bounds() -> None:
    assert ttl_problem("1m") is None and ttl_problem("10y") is None
    assert ttl_problem("59s") == "TTL must be a greater than 1min"
    assert ttl_problem("3653d") == "TTL must be less than 10 years"
    assert ttl_problem("9" * 40 + "y") == "TTL must be less than 10 years"  # no overflow
    assert ttl_problem("an hour") is not None and parse_duration("an hour") is None


def test_templates() -> None:
    text = "CREATE ROLE \"{{username}}\" PASSWORD '{{{ password }}}' VALID UNTIL '{{expiration}}'"
    assert unknown_variables(text, STATEMENT_VARIABLES) == []
    assert unknown_variables("{{user}} {{user}} {{db}}", STATEMENT_VARIABLES) == ["user", "db"]
    values = {"username": "u", "password": "p", "expiration": "e"}
    assert render(text, values) == "CREATE ROLE \"u\" PASSWORD 'p' VALID UNTIL 'e'"
    assert statements(" a; ;b ;\n") == ["a", "b"]


def test_generated_credentials() -> None:
    user = random_username()
    assert len(user) == 32 and set(user) <= set(string.ascii_letters + string.digits)
    password = random_password()
    assert len(password) == 48 and set(password) <= set(PASSWORD_ALPHABET)
    assert "'" not in PASSWORD_ALPHABET and "\\\\" not in PASSWORD_ALPHABET
    rules = PasswordRequirements.model_validate(
        {"length": 12, "required": {"minUppercase": 3, "digits": 4}, "allowedSymbols": "!"}
    )
    shaped = random_password(rules)
    assert len(shaped) == 12
    assert sum(c.isupper() for c in shaped) >= 3 and sum(c.isdigit() for c in shaped) >= 4
    assert set(shaped) <= set(string.ascii_letters + string.digits + "!")
    with pytest.raises(ValidationError):
        PasswordRequirements.model_validate({"length": 2, "required": {"digits": 3}})
    with pytest.raises(ValidationError):
        PasswordRequirements.model_validate({"length": 8, "allowedSymbols": "'"})


def test_redaction() -> None:
    message = "invalid input syntax: \"hunter2\"\nLINE 1: SELECT 'hunter2'"
    assert redact(message, ["hunter2", None, ""]) == (
        f"invalid input syntax: \"{REDACTED}\" LINE 1: SELECT '{REDACTED}'"
    )
    assert len(redact("x" * 1000, [])) == 255


def test_totp_matches_rfc_6238() -> None:
    sha1 = b"12345678901234567890"
    assert totp_code(sha1, 59, digits=8) == "94287082"
    assert totp_code(sha1, 1111111109, digits=8) == "07081804"
    assert totp_code(sha1, 20000000000, digits=8) == "65353130"
    sha256 = b"12345678901234567890123456789012"
    assert totp_code(sha256, 59, digits=8, algorithm="sha256") == "46119246"
    sha512 = b"1234567890" * 6 + b"1234"
    assert totp_code(sha512, 59, digits=8, algorithm="sha512") == "90693936"
    assert decode_secret("jbsw y3dp ehpk 3pxp") == decode_secret("JBSWY3DPEHPK3PXP")


def test_backoff_doubles_up_to_an_hour() -> None:
    assert [backoff(n, 5).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert backoff(100, 5) == MAX_BACKOFF


def test_expiration_is_javascript_iso() -> None:
    when = datetime(2024, 10, 10, 12, 0, 1, 234567)
    assert expiration_text(when) == "2024-10-10T12:00:01.234Z"

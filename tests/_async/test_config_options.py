"""Every cache/retry option, `echo` and `test_if_authenticated` reach the client from each source:
arguments, the environment and a profile file (same names everywhere), against the real server."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import Any

import pytest

from infisical_kit import AsyncClient, AuthenticationError, ConfigurationError, RetryPolicy
from infisical_kit.config import InvalidConfigError

#: option -> (a non-default value, how it shows on the client)
OPTIONS: dict[str, tuple[Any, Any]] = {
    "cache_ttl": (7.5, lambda c: c._requester.cache.policy.ttl),
    "cache_stale_if_error": (42.0, lambda c: c._requester.cache.policy.stale_if_error),
    "cache_max_entries": (17, lambda c: c._requester.cache.policy.max_entries),
    "cache_sliding": (True, lambda c: c._requester.cache.policy.sliding),
    "retries": (5, lambda c: c._requester.driver.retry.max_attempts - 1),
    "retry_backoff_base": (0.25, lambda c: c._requester.driver.retry.backoff_base),
    "retry_backoff_cap": (3.0, lambda c: c._requester.driver.retry.backoff_cap),
    "retry_deadline": (9.0, lambda c: c._requester.driver.retry.deadline),
    "echo": (True, lambda c: c._requester.driver.echo),
}


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def kwargs(server: Any) -> dict[str, Any]:
    boot = server.bootstrap
    return {
        "client_id": boot["client_id"],
        "client_secret": boot["client_secret"],
        "project_id": boot["project_id"],
        "environment": boot["environments"][0],
    }


def write_default_profile(home: Path, values: dict[str, Any]) -> None:
    directory = home / ".config" / "infisical-kit"
    directory.mkdir(parents=True, exist_ok=True)
    lines = ["[profiles.default]"]
    for key, value in values.items():
        literal = str(value).lower() if isinstance(value, bool) else repr(value)
        lines.append(f"{key} = {literal}")
    (directory / "config.toml").write_text("\n".join(lines) + "\n")


def test_defaults_are_the_settings_defaults(home: Path, infisical_server: Any) -> None:
    client = AsyncClient(infisical_server.url, **kwargs(infisical_server))
    assert (
        client._requester.cache.policy.ttl == 300.0
        and client._requester.cache.policy.max_entries == 1000
    )
    assert (
        client._requester.driver.retry == RetryPolicy()
    )  # one set of defaults: table == RetryPolicy
    assert client._requester.driver.echo is False


@pytest.mark.parametrize("source", ["argument", "environment", "profile"])
@pytest.mark.anyio
async def test_each_option_from_each_source(
    source: str, home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    values = {name: value for name, (value, _) in OPTIONS.items()}
    explicit: dict[str, Any] = {}
    if source == "argument":
        explicit = values
    elif source == "environment":
        for name, value in values.items():
            monkeypatch.setenv(f"INFISICAL_{name.upper()}", str(value))
    else:
        write_default_profile(home, values)
    async with AsyncClient(infisical_server.url, **kwargs(infisical_server), **explicit) as client:
        for name, (value, shown) in OPTIONS.items():
            assert shown(client) == value, (source, name)
        assert isinstance(await client.secrets.list(), list)


@pytest.mark.anyio
async def test_argument_beats_environment_beats_profile(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    write_default_profile(home, {"cache_ttl": 1.0, "retries": 1, "retry_deadline": 2.0})
    monkeypatch.setenv("INFISICAL_CACHE_TTL", "2.0")
    monkeypatch.setenv("INFISICAL_RETRIES", "2")
    client = AsyncClient(infisical_server.url, cache_ttl=3.0, **kwargs(infisical_server))
    assert client._requester.cache.policy.ttl == 3.0  # argument
    assert client._requester.driver.retry.max_attempts == 3  # environment: 2 retries
    assert client._requester.driver.retry.deadline == 2.0  # profile
    await client.aclose()
    env_only = AsyncClient.from_env(infisical_server.url, **kwargs(infisical_server))
    assert env_only._requester.driver.retry.deadline == 60.0  # from_env reads no profile
    await env_only.aclose()


@pytest.mark.anyio
async def test_cache_ttl_zero_from_the_environment_turns_the_cache_off(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    monkeypatch.setenv("INFISICAL_CACHE_TTL", "0")
    async with AsyncClient(infisical_server.url, **kwargs(infisical_server)) as client:
        name = f"CFG_OPT_{uuid.uuid4().hex[:12].upper()}"
        await client.secrets.create(name, "1")
        assert (await client.secrets.get(name)).value == "1"
        assert len(client._requester.cache) == 0  # nothing was stored


@pytest.mark.anyio
async def test_echo_from_a_profile_logs_redacted_requests(
    home: Path, infisical_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="infisical_kit")
    write_default_profile(home, {"echo": True})
    secret = infisical_server.bootstrap["client_secret"]
    async with AsyncClient(infisical_server.url, **kwargs(infisical_server)) as client:
        await client.secrets.list()
    assert "request GET /api/v4/secrets" in caplog.text and "headers=" in caplog.text
    assert secret not in caplog.text


@pytest.mark.parametrize("source", ["environment", "profile"])
@pytest.mark.anyio
async def test_test_if_authenticated_from_env_or_profile(
    source: str, home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    if source == "environment":
        monkeypatch.setenv("INFISICAL_TEST_IF_AUTHENTICATED", "true")
    else:
        write_default_profile(home, {"test_if_authenticated": True})
    wrong = {**kwargs(infisical_server), "client_secret": "wrong-secret"}
    with pytest.raises(AuthenticationError) as caught:
        async with AsyncClient(infisical_server.url, **wrong):
            pass
    assert "wrong-secret" not in str(caught.value)
    async with AsyncClient(infisical_server.url, **kwargs(infisical_server)) as client:
        assert client._auth_check_pending is False  # checked, and it passed


def test_bad_option_values_are_reported_by_name(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_RETRIES", "-1")  # named as it is set
    with pytest.raises(InvalidConfigError, match="INFISICAL_RETRIES must be at least 0"):
        AsyncClient("http://127.0.0.1:9", token="t")
    monkeypatch.delenv("INFISICAL_RETRIES")
    with pytest.raises(InvalidConfigError, match="cache_max_entries must be at least 1"):
        AsyncClient("http://127.0.0.1:9", token="t", cache_max_entries=0)
    with pytest.raises(ConfigurationError, match="not both"):
        AsyncClient("http://127.0.0.1:9", token="t", retries=RetryPolicy(), retry_deadline=1.0)
    with pytest.raises(ConfigurationError, match="retries must be an int"):
        AsyncClient("http://127.0.0.1:9", token="t", retries=True)


def test_a_retry_policy_is_used_as_is(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFISICAL_RETRIES", "7")  # a whole policy beats the settings
    policy = RetryPolicy(max_attempts=2, backoff_base=0.01)
    client = AsyncClient("http://127.0.0.1:9", token="t", retries=policy)
    assert client._requester.driver.retry is policy

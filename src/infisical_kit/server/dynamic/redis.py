"""``redis``: Redis ACL users made and deleted by the configured commands.

A statement script is ``;``-separated commands, each split on whitespace and run together in
one ``MULTI``/``EXEC`` transaction (as Infisical does), e.g. ``ACL SETUSER {{username}} on
>{{password}} ~* +@all``. Redis has no expiry for users: the lease sweeper deletes them.
"""

from __future__ import annotations

import secrets
from typing import Any

import redis
from pydantic import Field, field_validator

from .base import LeaseSpec, Minted, ProviderError, ProviderInputs, redact, statements
from .credentials import PASSWORD_ALPHABET
from .sql import expiration_text
from .templates import render

TIMEOUT_SECONDS = 10
PASSWORD_LENGTH = 64


class RedisInputs(ProviderInputs):
    """Inputs of a ``redis`` dynamic secret (Infisical's names)."""

    host: str = Field(min_length=1, max_length=255)
    port: int = Field(ge=1, le=65535)
    username: str = Field(default="default", max_length=255)
    password: str | None = Field(default=None, max_length=1024)
    creationStatement: str = Field(min_length=1, max_length=20_000)
    revocationStatement: str = Field(min_length=1, max_length=20_000)
    renewStatement: str | None = Field(default=None, max_length=20_000)
    ca: str | None = Field(default=None, max_length=100_000)
    sslRejectUnauthorized: bool = True

    @field_validator("host", "username", "creationStatement", "revocationStatement")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()


class RedisProvider:
    """ACL users on a Redis server, through redis-py (one short connection per call)."""

    type = "redis"
    makes_users = True

    def parse(self, inputs: Any) -> RedisInputs:
        """Validate the inputs (pydantic's ``ValidationError`` on bad ones)."""
        return RedisInputs.model_validate(inputs)

    def check(self, inputs: ProviderInputs) -> None:
        """Connect, authenticate and ``PING``."""
        cfg = _cfg(inputs)
        try:
            with _client(cfg) as client:
                client.ping()
        except redis.RedisError as exc:
            raise ProviderError(redact(str(exc), [cfg.password])) from None

    def create(self, inputs: ProviderInputs, lease: LeaseSpec) -> Minted:
        """Run the creation commands for a new user with a fresh password."""
        cfg = _cfg(inputs)
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        values = {
            "username": lease.entity_id,
            "password": password,
            "expiration": expiration_text(lease.expire_at),
        }
        _transaction(cfg, statements(render(cfg.creationStatement, values)), [password])
        return Minted({"DB_USERNAME": lease.entity_id, "DB_PASSWORD": password})

    def renew(self, inputs: ProviderInputs, lease: LeaseSpec) -> None:
        """Run the renew commands (if any) with the new expiration."""
        cfg = _cfg(inputs)
        if cfg.renewStatement:
            values = {"username": lease.entity_id, "expiration": expiration_text(lease.expire_at)}
            _transaction(cfg, statements(render(cfg.renewStatement, values)), [])

    def revoke(self, inputs: ProviderInputs, entity_id: str) -> None:
        """Run the revocation commands for the lease's user."""
        cfg = _cfg(inputs)
        _transaction(cfg, statements(render(cfg.revocationStatement, {"username": entity_id})), [])


def _cfg(inputs: ProviderInputs) -> RedisInputs:
    assert isinstance(inputs, RedisInputs)
    return inputs


def _client(cfg: RedisInputs) -> redis.Redis:
    options: dict[str, Any] = {
        "host": cfg.host,
        "port": cfg.port,
        "username": cfg.username or None,
        "password": cfg.password or None,
        "socket_timeout": TIMEOUT_SECONDS,
        "socket_connect_timeout": TIMEOUT_SECONDS,
    }
    if cfg.ca:
        options.update(
            ssl=True,
            ssl_ca_data=cfg.ca,
            ssl_cert_reqs="required" if cfg.sslRejectUnauthorized else "none",
        )
    return redis.Redis(**options)


def _transaction(cfg: RedisInputs, commands: list[str], secrets: list[str]) -> None:
    hidden = [cfg.password, *secrets]
    try:
        with _client(cfg) as client:
            pipe = client.pipeline(transaction=True)
            for command in commands:
                pipe.execute_command(*command.split())
            results = pipe.execute(raise_on_error=False)
    except redis.RedisError as exc:
        raise ProviderError(redact(str(exc), hidden)) from None
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        detail = redact(str(failed[0]), hidden)
        raise ProviderError(f"Redis transaction failed with errors: {detail}")

"""PostgreSQL for the ``sql-database`` dynamic-secret tests: a database the provider makes
roles in, the roles' state, and a check of a role's SCRAM password verifier.

The PostgreSQL the suite uses trusts every local login, so a login alone cannot prove a
password: `scram_matches` checks the role's stored SCRAM-SHA-256 verifier against the leased
password instead (RFC 5802/7677), and the login proves the role exists and can connect.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

import psycopg

from _pg import fresh_postgres_database, pg_admin_url

CREATE = (
    "CREATE ROLE \"{{username}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"
)
REVOKE = 'DROP ROLE IF EXISTS "{{username}}";'
RENEW = "ALTER ROLE \"{{username}}\" VALID UNTIL '{{expiration}}';"
#: A revocation that records itself first: counts revocations at the provider.
AUDITED_REVOKE = "INSERT INTO revocations (username) VALUES ('{{username}}');" + REVOKE


def _admin_parts() -> tuple[str, int, str]:
    parsed = urlparse(pg_admin_url())
    return parsed.hostname or "127.0.0.1", parsed.port or 5432, parsed.username or "postgres"


@contextmanager
def target_database() -> Iterator[str]:
    """The name of a fresh database for the provider's roles (dropped after, with every role
    a test left behind)."""
    with fresh_postgres_database("ik_dyn") as url:
        name = url.rsplit("/", 1)[1]
        before = set(roles())
        try:
            yield name
        finally:
            with admin() as conn:
                for role in set(roles()) - before:
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@contextmanager
def admin(database: str = "postgres") -> Iterator[psycopg.Connection[Any]]:
    """An autocommit connection as the admin user."""
    host, port, user = _admin_parts()
    with psycopg.connect(
        host=host, port=port, user=user, dbname=database, autocommit=True, connect_timeout=5
    ) as conn:
        yield conn


def roles() -> list[str]:
    """The names of every login role of the cluster."""
    with admin() as conn:
        return [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolcanlogin")]


def role(name: str) -> tuple[datetime | None, str] | None:
    """``(valid until, SCRAM verifier)`` of role ``name``, or None when it does not exist."""
    with admin() as conn:
        row = conn.execute(
            "SELECT rolvaliduntil, rolpassword FROM pg_authid WHERE rolname = %s", (name,)
        ).fetchone()
    return None if row is None else (row[0], row[1])


def scram_matches(verifier: str, password: str) -> bool:
    """Whether a ``SCRAM-SHA-256$iter:salt$StoredKey:ServerKey`` verifier is of ``password``."""
    method, params, keys = verifier.split("$")
    assert method == "SCRAM-SHA-256", method
    iterations, salt = params.split(":")
    stored, server = keys.split(":")
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return hmac.compare_digest(
        hashlib.sha256(client_key).digest(), base64.b64decode(stored)
    ) and hmac.compare_digest(server_key, base64.b64decode(server))


def login_works(database: str, user: str, password: str) -> bool:
    """Whether ``user`` can connect to ``database`` and is who it says."""
    host, port, _ = _admin_parts()
    try:
        with psycopg.connect(
            host=host, port=port, user=user, password=password, dbname=database, connect_timeout=5
        ) as conn:
            row = conn.execute("SELECT current_user").fetchone()
    except psycopg.OperationalError:
        return False
    return row is not None and row[0] == user


def sql_inputs(database: str, revocation: str = REVOKE) -> dict[str, Any]:
    """``sql-database`` inputs for ``database`` on the test PostgreSQL."""
    host, port, user = _admin_parts()
    return {
        "client": "postgres",
        "host": host,
        "port": port,
        "database": database,
        "username": user,
        "password": "",
        "creationStatement": CREATE,
        "revocationStatement": revocation,
        "renewStatement": RENEW,
    }

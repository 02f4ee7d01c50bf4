"""``sql-database``: database roles made and dropped by the configured statements.

PostgreSQL is the client this server speaks (``client: postgres``); Infisical's other SQL
clients are refused with a clear 400 when the dynamic secret is saved. Each statement script
runs in one transaction; ``{{username}}``, ``{{password}}``, ``{{expiration}}`` (ISO 8601 UTC)
and ``{{database}}`` are filled in first.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

import psycopg
from pydantic import Field, field_validator

from .base import LeaseSpec, Minted, ProviderError, ProviderInputs, redact, statements
from .credentials import PasswordRequirements, random_password
from .templates import render

#: Infisical's SQL clients; only ``postgres`` is spoken here.
SqlClient = Literal["postgres", "mysql2", "oracledb", "mssql", "sap-ase", "vertica"]
SUPPORTED_CLIENTS = ("postgres",)
TIMEOUT_SECONDS = 10


class SqlInputs(ProviderInputs):
    """Inputs of an ``sql-database`` dynamic secret (Infisical's names)."""

    client: SqlClient
    host: str = Field(min_length=1, max_length=255)
    port: int = Field(ge=1, le=65535)
    database: str = Field(min_length=1, max_length=255)
    username: str = Field(min_length=1, max_length=255)
    password: str = Field(max_length=1024)
    creationStatement: str = Field(min_length=1, max_length=20_000)
    revocationStatement: str = Field(min_length=1, max_length=20_000)
    renewStatement: str | None = Field(default=None, max_length=20_000)
    ca: str | None = Field(default=None, max_length=100_000)
    sslEnabled: bool | None = None
    sslRejectUnauthorized: bool = True
    passwordRequirements: PasswordRequirements | None = None

    @field_validator("host", "database", "username", "creationStatement", "revocationStatement")
    @classmethod
    def _trim(cls, value: str) -> str:
        return value.strip()

    @field_validator("host")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


def expiration_text(when: datetime) -> str:
    """``2024-10-10T12:00:00.000Z``: a naive UTC time as JavaScript's ``toISOString``."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


class SqlDatabaseProvider:
    """Database roles on PostgreSQL, through psycopg (one short connection per call)."""

    type = "sql-database"
    makes_users = True

    def parse(self, inputs: Any) -> SqlInputs:
        """Validate the inputs (pydantic's ``ValidationError`` on bad ones)."""
        return SqlInputs.model_validate(inputs)

    def check(self, inputs: ProviderInputs) -> None:
        """Connect and run ``SELECT 1``."""
        sql = _sql(inputs)
        if sql.client not in SUPPORTED_CLIENTS:
            raise ProviderError(
                f"SQL client '{sql.client}' is not supported by this server "
                f"(supported: {', '.join(SUPPORTED_CLIENTS)})"
            )
        self._run(sql, ["SELECT 1"], [])

    def create(self, inputs: ProviderInputs, lease: LeaseSpec) -> Minted:
        """Run the creation statement for a new role with a fresh password."""
        sql = _sql(inputs)
        password = random_password(sql.passwordRequirements)
        values = {
            "username": lease.entity_id,
            "password": password,
            "expiration": expiration_text(lease.expire_at),
            "database": sql.database,
        }
        self._run(sql, statements(render(sql.creationStatement, values)), [password])
        return Minted({"DB_USERNAME": lease.entity_id, "DB_PASSWORD": password})

    def renew(self, inputs: ProviderInputs, lease: LeaseSpec) -> None:
        """Run the renew statement (if any) with the new expiration."""
        sql = _sql(inputs)
        if not sql.renewStatement:
            return
        values = {
            "username": lease.entity_id,
            "expiration": expiration_text(lease.expire_at),
            "database": sql.database,
        }
        self._run(sql, statements(render(sql.renewStatement, values)), [])

    def revoke(self, inputs: ProviderInputs, entity_id: str) -> None:
        """Run the revocation statement for the lease's role."""
        sql = _sql(inputs)
        values = {"username": entity_id, "database": sql.database}
        self._run(sql, statements(render(sql.revocationStatement, values)), [])

    def _run(self, sql: SqlInputs, script: list[str], secrets: list[str]) -> None:
        hidden = [sql.password, *secrets]
        try:
            with _connect(sql) as conn, conn.transaction():
                for statement in script:
                    conn.execute(statement.encode())
        except psycopg.Error as exc:
            diag = getattr(exc, "diag", None)
            primary = getattr(diag, "message_primary", None) or str(exc).splitlines()[0]
            raise ProviderError(redact(primary, hidden)) from None
        except OSError as exc:
            raise ProviderError(redact(str(exc), hidden)) from None


def _sql(inputs: ProviderInputs) -> SqlInputs:
    assert isinstance(inputs, SqlInputs)
    return inputs


@contextmanager
def _connect(sql: SqlInputs) -> Iterator[psycopg.Connection[Any]]:
    """An autocommit connection (each script runs in its own explicit transaction)."""
    options: dict[str, Any] = {
        "host": sql.host,
        "port": sql.port,
        "dbname": sql.database,
        "user": sql.username,
        "password": sql.password,
        "connect_timeout": TIMEOUT_SECONDS,
        "options": f"-c statement_timeout={TIMEOUT_SECONDS * 1000}",
        "autocommit": True,
    }
    ca_file = None
    if sql.ca:
        handle, ca_file = tempfile.mkstemp(suffix=".pem")
        with os.fdopen(handle, "w") as out:
            out.write(sql.ca)
        options["sslrootcert"] = ca_file
        options["sslmode"] = "verify-ca" if sql.sslRejectUnauthorized else "require"
    elif sql.sslEnabled:
        options["sslmode"] = "require"
    try:
        with psycopg.connect(**options) as conn:
            yield conn
    finally:
        if ca_file:
            os.unlink(ca_file)

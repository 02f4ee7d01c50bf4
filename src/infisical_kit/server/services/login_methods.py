"""The settings of the login methods kept in the shared ``identity_login_methods`` table
(OIDC, JWT, LDAP, AWS, GCP and Azure auth), driven by one `LoginMethodSpec` per method.

A method's plain settings live in the row's ``config`` (Infisical's field names), its secrets
(LDAP's bind password) sealed under the root key; `attach`, `update`, `read` and `detach`
are `AuthMethod`'s with the spec's defaults and checks. A login reads the settings in a
read-only session (`for_login`), verifies the caller outside any transaction (a JWKS fetch,
an LDAP bind, an STS call can take seconds) and then `issue` s the token in one short unit
of work.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import seal, unseal
from ..db import read_only_session, unit_of_work
from ..errors import unauthorized
from ..schema import Identity, IdentityLoginMethod
from .access_tokens import IssuedToken
from .auth_methods import TOKEN_DEFAULTS, AuthMethod, apply_token_settings


@dataclass(frozen=True)
class LoginMethodSpec:
    """One method of the shared table: its `AuthMethod`, the ``config`` fields with their
    defaults, the secret fields, and `check`, which validates (400) and returns the whole
    configuration (given the secrets too)."""

    method: AuthMethod[IdentityLoginMethod]
    defaults: dict[str, Any]
    check: Callable[[dict[str, Any], dict[str, str]], dict[str, Any]]
    secrets: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class LoginSettings:
    """A method's settings as a login needs them (read before any network call)."""

    identity_id: str
    config: dict[str, Any]
    secrets: dict[str, str]


def _aad(row: IdentityLoginMethod) -> bytes:
    return f"identity_login_methods:{row.identity_id}:{row.method}".encode()


def _secrets(row: IdentityLoginMethod, root_key: bytes) -> dict[str, str]:
    if not row.secrets_sealed:
        return {}
    loaded: dict[str, str] = json.loads(unseal(root_key, row.secrets_sealed, _aad(row)))
    return loaded


def _apply(
    spec: LoginMethodSpec, row: IdentityLoginMethod, root_key: bytes, values: dict[str, Any]
) -> None:
    config = {**spec.defaults, **(row.config or {})}
    config.update({k: v for k, v in values.items() if k in spec.defaults})
    secrets = _secrets(row, root_key)
    secrets.update({k: str(values[k]) for k in spec.secrets if values.get(k) is not None})
    row.config = spec.check(config, secrets)  # a new dict: the JSON column sees the change
    plain = json.dumps(secrets).encode() if secrets else None
    row.secrets_sealed = seal(root_key, plain, _aad(row)) if plain else None
    apply_token_settings(row, values)


def attach(
    session: Session,
    root_key: bytes,
    actor: Actor,
    identity_id: str,
    spec: LoginMethodSpec,
    values: dict[str, Any],
) -> IdentityLoginMethod:
    """Attach the method with `values` over its defaults (400 if attached or invalid)."""
    defaults = {"config": {}, **TOKEN_DEFAULTS}
    return spec.method.attach(
        session, actor, identity_id, defaults, lambda row: _apply(spec, row, root_key, values)
    )


def update(
    session: Session,
    root_key: bytes,
    actor: Actor,
    identity_id: str,
    spec: LoginMethodSpec,
    values: dict[str, Any],
) -> IdentityLoginMethod:
    """Change the given settings (tokens issued afterwards use them)."""
    return spec.method.update(
        session, actor, identity_id, lambda row: _apply(spec, row, root_key, values)
    )


def for_login(
    session: Session, root_key: bytes, spec: LoginMethodSpec, identity_id: str
) -> LoginSettings:
    """The settings of an identity's method, read without taking SQLite's write lock; 401
    (as Infisical says it: "... did you configure ...?") when the method is not attached."""
    with read_only_session(session) as reader:
        row = None
        if reader.get(Identity, identity_id) is not None:
            row = spec.method.find(reader, identity_id)
        if row is None:
            label = spec.method.label
            raise unauthorized(f"{label} method not found for identity, did you configure {label}?")
        return LoginSettings(row.identity_id, dict(row.config or {}), _secrets(row, root_key))


def issue(
    session: Session, jwt_secret: str, spec: LoginMethodSpec, identity_id: str
) -> IssuedToken:
    """Issue the token, in one unit of work (401 if the method was detached meanwhile)."""
    with unit_of_work(session):
        row = spec.method.find(session, identity_id)
        if row is None:
            raise unauthorized(f"{spec.method.label} method not found for identity")
        return spec.method.issue(session, jwt_secret, row)

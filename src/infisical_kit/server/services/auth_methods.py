"""The login methods a machine identity can have attached: one configuration row each
(universal auth, token auth, Kubernetes auth, and OIDC, JWT, LDAP, AWS, GCP and Azure auth in
the shared ``identity_login_methods`` table), read, attached, changed and detached alike by
the identity's organization admins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import managed_identity
from ..db import unit_of_work
from ..errors import bad_request
from ..schema import (
    IdentityKubernetesAuth,
    IdentityLoginMethod,
    IdentityTokenAuth,
    IdentityUniversalAuth,
    utcnow,
)
from .access_tokens import (
    DEFAULT_TTL,
    IssuedToken,
    check_ttls,
    issue_token,
    revoke_method_tokens,
)
from .lookups import first_or_404

M = TypeVar(
    "M", IdentityUniversalAuth, IdentityTokenAuth, IdentityKubernetesAuth, IdentityLoginMethod
)

#: The token settings of a new token-auth or Kubernetes-auth configuration.
TOKEN_DEFAULTS: dict[str, Any] = {
    "access_token_ttl": DEFAULT_TTL,
    "access_token_max_ttl": DEFAULT_TTL,
    "access_token_num_uses_limit": 0,
}
#: Settings every method has (request field -> column).
TOKEN_FIELDS = {
    "accessTokenTTL": "access_token_ttl",
    "accessTokenMaxTTL": "access_token_max_ttl",
    "accessTokenNumUsesLimit": "access_token_num_uses_limit",
}


@dataclass(frozen=True)
class AuthMethod(Generic[M]):
    """One login method: ``name`` marks the tokens it issues, ``label`` names it in errors."""

    name: str
    label: str
    model: type[M]

    def query(self, identity_id: str) -> Select[M]:
        """The statement that finds the identity's row of this method."""
        stmt = select(self.model).where(self.model.identity_id == identity_id)
        if self.model is IdentityLoginMethod:  # the shared table: one row per method
            stmt = stmt.where(IdentityLoginMethod.method == self.name)
        return stmt

    def find(self, session: Session, identity_id: str) -> M | None:
        """The identity's configuration of this method, or ``None``."""
        return session.scalars(self.query(identity_id)).first()

    def issue(self, session: Session, jwt_secret: str, row: M, **extra: Any) -> IssuedToken:
        """Issue an access token with the TTLs and use limit of the settings ``row`` (inside
        the caller's unit of work); ``extra``: period, client secret id, name."""
        return issue_token(
            session,
            jwt_secret,
            identity_id=row.identity_id,
            auth_method=self.name,
            ttl=row.access_token_ttl,
            max_ttl=row.access_token_max_ttl,
            num_uses_limit=row.access_token_num_uses_limit,
            **extra,
        )

    def settings(self, session: Session, actor: Actor, identity_id: str) -> M:
        """The settings of an identity the actor administers (404 when not attached)."""
        managed_identity(session, actor, identity_id)
        query = self.query(identity_id)
        return first_or_404(session, query, f"Failed to find {self.label} for identity")

    def attach(
        self,
        session: Session,
        actor: Actor,
        identity_id: str,
        defaults: dict[str, Any],
        apply: Callable[[M], None],
    ) -> M:
        """Attach the method: ``defaults``, then ``apply`` the request's settings (which
        raises 400 on bad values); 400 if already attached."""
        with unit_of_work(session):
            managed_identity(session, actor, identity_id)
            if self.find(session, identity_id) is not None:
                raise bad_request(f"Failed to add {self.label} to already configured identity")
            if self.model is IdentityLoginMethod:
                defaults = {"method": self.name, **defaults}
            row = self.model(identity_id=identity_id, created_at=utcnow(), **defaults)
            apply(row)
            session.add(row)
        return row

    def update(
        self, session: Session, actor: Actor, identity_id: str, change: Callable[[M], None]
    ) -> M:
        """Change the settings with ``change`` (which raises 400 on bad values)."""
        with unit_of_work(session):
            row = self.settings(session, actor, identity_id)
            change(row)
        return row

    def detach(
        self,
        session: Session,
        actor: Actor,
        identity_id: str,
        cleanup: Callable[[M], None] | None = None,
    ) -> M:
        """Remove the method (after ``cleanup``) and revoke every token it issued; returns
        the settings as they were."""
        with unit_of_work(session):
            row = self.settings(session, actor, identity_id)
            if cleanup is not None:
                cleanup(row)
            revoke_method_tokens(session, identity_id, self.name)
            session.delete(row)
        return row


UNIVERSAL_AUTH = AuthMethod("universal-auth", "universal auth", IdentityUniversalAuth)
TOKEN_AUTH = AuthMethod("token-auth", "token auth", IdentityTokenAuth)
KUBERNETES_AUTH = AuthMethod("kubernetes-auth", "Kubernetes auth", IdentityKubernetesAuth)
OIDC_AUTH = AuthMethod("oidc-auth", "OIDC auth", IdentityLoginMethod)
JWT_AUTH = AuthMethod("jwt-auth", "JWT auth", IdentityLoginMethod)
LDAP_AUTH = AuthMethod("ldap-auth", "LDAP auth", IdentityLoginMethod)
AWS_AUTH = AuthMethod("aws-auth", "AWS auth", IdentityLoginMethod)
GCP_AUTH = AuthMethod("gcp-auth", "GCP auth", IdentityLoginMethod)
AZURE_AUTH = AuthMethod("azure-auth", "Azure auth", IdentityLoginMethod)


def attached_methods(session: Session, identity_id: str) -> list[str]:
    """The ``authMethods`` of an identity (every method attached to it)."""
    names = [
        m.name
        for m in (UNIVERSAL_AUTH, TOKEN_AUTH, KUBERNETES_AUTH)
        if m.find(session, identity_id) is not None
    ]
    shared = select(IdentityLoginMethod.method).where(
        IdentityLoginMethod.identity_id == identity_id
    )
    return names + sorted(session.scalars(shared))


def apply_settings(row: Any, values: dict[str, Any], fields: dict[str, str]) -> None:
    """Copy the given (non-null) ``values`` onto ``row`` through ``fields`` (field -> column)."""
    for wire, attr in fields.items():
        if values.get(wire) is not None:
            setattr(row, attr, values[wire])


def apply_token_settings(
    row: IdentityTokenAuth | IdentityKubernetesAuth | IdentityLoginMethod, values: dict[str, Any]
) -> None:
    """Copy the given token settings onto ``row``, then :func:`check_token_settings`."""
    apply_settings(row, values, TOKEN_FIELDS)
    check_token_settings(row)


def check_token_settings(
    row: IdentityTokenAuth | IdentityKubernetesAuth | IdentityLoginMethod,
) -> None:
    """400 on a negative use limit or TTLs out of bounds; stamps ``updated_at``."""
    if row.access_token_num_uses_limit < 0:
        raise bad_request("accessTokenNumUsesLimit must not be negative")
    check_ttls(row.access_token_ttl, row.access_token_max_ttl)
    row.updated_at = utcnow()

"""The login methods a machine identity can have attached: one configuration row each
(universal auth, token auth, Kubernetes auth), found, attached and detached alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import bad_request, not_found
from ..schema import IdentityKubernetesAuth, IdentityTokenAuth, IdentityUniversalAuth, utcnow
from .access_tokens import check_ttls, revoke_method_tokens

M = TypeVar("M", IdentityUniversalAuth, IdentityTokenAuth, IdentityKubernetesAuth)

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

    def find(self, session: Session, identity_id: str) -> M | None:
        """The identity's configuration of this method, or ``None``."""
        stmt = select(self.model).where(self.model.identity_id == identity_id)
        return session.scalars(stmt).first()

    def get(self, session: Session, identity_id: str) -> M:
        """The identity's configuration of this method, or 404."""
        row = self.find(session, identity_id)
        if row is None:
            raise not_found(f"Failed to find {self.label} for identity")
        return row

    def require_unattached(self, session: Session, identity_id: str) -> None:
        """400 when the identity already has this method."""
        if self.find(session, identity_id) is not None:
            raise bad_request(f"Failed to add {self.label} to already configured identity")

    def detach(self, session: Session, row: M) -> None:
        """Remove the configuration and revoke every token it issued (caller's unit of work)."""
        revoke_method_tokens(session, row.identity_id, self.name)
        session.delete(row)


UNIVERSAL_AUTH = AuthMethod("universal-auth", "universal auth", IdentityUniversalAuth)
TOKEN_AUTH = AuthMethod("token-auth", "token auth", IdentityTokenAuth)
KUBERNETES_AUTH = AuthMethod("kubernetes-auth", "Kubernetes auth", IdentityKubernetesAuth)


def attached_methods(session: Session, identity_id: str) -> list[str]:
    """The ``authMethods`` of an identity (universal auth and token auth)."""
    return [
        m.name for m in (UNIVERSAL_AUTH, TOKEN_AUTH) if m.find(session, identity_id) is not None
    ]


def apply_settings(row: Any, values: dict[str, Any], fields: dict[str, str]) -> None:
    """Copy the given (non-null) ``values`` onto ``row`` through ``fields`` (field -> column)."""
    for wire, attr in fields.items():
        if values.get(wire) is not None:
            setattr(row, attr, values[wire])


def check_token_settings(row: IdentityTokenAuth | IdentityKubernetesAuth) -> None:
    """400 on a negative use limit or TTLs out of bounds; stamps ``updated_at``."""
    if row.access_token_num_uses_limit < 0:
        raise bad_request("accessTokenNumUsesLimit must not be negative")
    check_ttls(row.access_token_ttl, row.access_token_max_ttl)
    row.updated_at = utcnow()

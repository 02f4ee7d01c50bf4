"""Kubernetes auth: ``POST /api/v1/auth/kubernetes-auth/login`` and the configuration routes
``/api/v1/auth/kubernetes-auth/identities/:identityId`` (org admins).

``publicKeys`` is a LOCAL-SERVER EXTENSION (see `infisical_kit.server.auth.kubernetes_tokens`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body
from ..params import MAX_INT, Params, parse
from ..services import kubernetes_auth
from ..services.auth_methods import KUBERNETES_AUTH
from ..wire.identities import issued_token_to_wire, kubernetes_auth_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(tags=["auth"])


PEM_MAX = 16384


class KubernetesLoginParams(Params):
    """Kubernetes-auth login body."""

    identityId: str = Field(min_length=1, max_length=64)
    jwt: str = Field(min_length=1, max_length=65536)
    subOrganizationName: str | None = None


class KubernetesAuthParams(Params):
    """Kubernetes-auth settings (omitted fields keep their value).

    ``publicKeys`` is a local-server extension: PEM public keys that verify service-account
    tokens, because this server cannot call a cluster's TokenReview API.
    """

    kubernetesHost: str | None = Field(default=None, max_length=1024)
    tokenReviewerJwt: str | None = Field(default=None, max_length=65536)
    allowedNamespaces: str | None = Field(default=None, max_length=4096)
    allowedNames: str | None = Field(default=None, max_length=4096)
    allowedAudience: str | None = Field(default=None, max_length=1024)
    caCert: str | None = Field(default=None, max_length=65536)
    accessTokenTTL: int | None = Field(default=None, ge=0, le=MAX_INT)
    accessTokenMaxTTL: int | None = Field(default=None, ge=0, le=MAX_INT)
    accessTokenNumUsesLimit: int | None = Field(default=None, ge=0, le=MAX_INT)
    publicKeys: list[Annotated[str, Field(max_length=PEM_MAX)]] | None = None


@router.post("/api/v1/auth/kubernetes-auth/login", openapi_extra=json_body(KubernetesLoginParams))
@router.post("/api/v1/auth/kubernetes-auth/login/", include_in_schema=False)
def kubernetes_auth_login(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Exchange a service-account JWT for an access token."""
    p = parse(KubernetesLoginParams, raw)
    issued = kubernetes_auth.login(session, ctx.jwt_secret, p.identityId.strip(), p.jwt.strip())
    return issued_token_to_wire(issued)


K8S_PATH = "/api/v1/auth/kubernetes-auth/identities/{identity_id}"


def _settings(raw: dict[str, Any]) -> dict[str, Any]:
    return parse(KubernetesAuthParams, raw).model_dump(exclude_none=True)


@router.post(K8S_PATH, openapi_extra=json_body(KubernetesAuthParams, required=False))
def attach_kubernetes_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Attach Kubernetes auth to an identity: ``{identityKubernetesAuth}``."""
    ka = kubernetes_auth.attach(session, ctx.root_key, actor, identity_id, _settings(raw))
    return {"identityKubernetesAuth": kubernetes_auth_to_wire(ka)}


@router.get(K8S_PATH)
def get_kubernetes_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's Kubernetes-auth settings."""
    ka = KUBERNETES_AUTH.settings(session, actor, identity_id)
    return {"identityKubernetesAuth": kubernetes_auth_to_wire(ka)}


@router.patch(K8S_PATH, openapi_extra=json_body(KubernetesAuthParams, required=False))
def update_kubernetes_auth(
    identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change Kubernetes-auth settings."""
    ka = kubernetes_auth.update(session, ctx.root_key, actor, identity_id, _settings(raw))
    return {"identityKubernetesAuth": kubernetes_auth_to_wire(ka)}


@router.delete(K8S_PATH)
def delete_kubernetes_auth(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Detach Kubernetes auth (tokens it issued stop working)."""
    ka = KUBERNETES_AUTH.detach(session, actor, identity_id)
    return {"identityKubernetesAuth": kubernetes_auth_to_wire(ka)}

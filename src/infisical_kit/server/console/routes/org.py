"""The organization: machine identities (universal auth and its client secrets, a new one
shown once) and users (a new one's password shown once). Organization admins change them."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from ...api.auth_universal import ClientSecretParams
from ...api.identities import CreateIdentityParams
from ...auth.permissions import ORG_ROLES
from ...params import parse
from ...services import identities, org_members, universal_auth
from ...services.auth_methods import UNIVERSAL_AUTH
from .._deps import Db, Form, Me
from ..render import ConsoleRoute, done, page, secure

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)


def _is_org_admin(session: Db, me: Me) -> bool:
    users = org_members.list_users(session, me.actor)
    return any(u.id == me.actor.id and u.org_role == "admin" for u in users)


@router.get("/identities")
def identity_list(request: Request, session: Db, me: Me) -> Response:
    """The organization's machine identities."""
    found = [
        identities.get_identity(session, me.actor, i.id)
        for i in org_members.list_identities(session, me.actor)
    ]
    context = {
        "user": me,
        "identities": found,
        "roles": ORG_ROLES,
        "is_org_admin": _is_org_admin(session, me),
        "tab": "identities",
    }
    return page(request, "identities.html", context)


@router.post("/identities")
def create_identity(request: Request, session: Db, me: Me, form: Form) -> Response:
    """Create an identity (org admins)."""
    p = parse(
        CreateIdentityParams,
        {
            "name": form.get("name"),
            "organizationId": me.actor.org_id or "",
            "role": form.get("role", "member"),
        },
    )
    created = identities.create_identity(session, me.actor, p.organizationId, p.name, p.role)
    ident = created.identity
    return done(request, f"/identities/{ident.id}", f"Identity {ident.name} created.")


def _identity_context(session: Db, me: Me, identity_id: str) -> dict[str, object]:
    details = identities.get_identity(session, me.actor, identity_id)
    admin = _is_org_admin(session, me)
    context: dict[str, object] = {
        "user": me,
        "details": details,
        "identity": details.identity,
        "is_org_admin": admin,
        "client_id": None,
        "client_secrets": [],
        "new_secret": None,
        "tab": "identities",
    }
    if admin and "universal-auth" in details.auth_methods:
        context["client_id"] = UNIVERSAL_AUTH.settings(session, me.actor, identity_id).client_id
        rows = universal_auth.list_client_secrets(session, me.actor, identity_id)
        context["client_secrets"] = [r.row for r in rows]
    return context


@router.get("/identities/{identity_id}")
def identity_page(identity_id: str, request: Request, session: Db, me: Me) -> Response:
    """An identity: its universal auth (client id, client secrets) for org admins."""
    return page(request, "identity.html", _identity_context(session, me, identity_id))


@router.post("/identities/{identity_id}/delete")
def delete_identity(
    identity_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Delete an identity with its tokens and memberships (org admins)."""
    deleted = identities.delete_identity(session, me.actor, identity_id)
    return done(request, "/identities", f"Identity {deleted.identity.name} deleted.")


@router.post("/identities/{identity_id}/universal-auth")
def attach_universal_auth(
    identity_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Attach universal auth with its default settings (org admins)."""
    universal_auth.attach(session, me.actor, identity_id, {})
    return done(request, f"/identities/{identity_id}", "Universal auth attached.")


@router.post("/identities/{identity_id}/client-secrets")
def create_client_secret(
    identity_id: str, request: Request, session: Db, me: Me, form: Form
) -> Response:
    """Create a client secret and show it on this one response (never again)."""
    p = parse(
        ClientSecretParams,
        {
            "description": form.get("description").strip(),
            "numUsesLimit": form.get("num_uses").strip() or 0,
            "ttl": form.get("ttl").strip() or 0,
        },
    )
    plain, _created = universal_auth.create_client_secret(
        session, me.actor, identity_id, p.description, p.numUsesLimit, p.ttl
    )
    context = _identity_context(session, me, identity_id)
    context["new_secret"] = plain
    return page(request, "identity.html", context, status=201)


@router.get("/identities/{identity_id}/client-secrets")
def client_secrets_again(identity_id: str) -> Response:
    """Reloading the page that showed a new client secret: the identity page (never the
    secret again)."""
    return secure(RedirectResponse(f"/identities/{identity_id}", status_code=303))


@router.post("/identities/{identity_id}/client-secrets/{secret_id}/revoke")
def revoke_client_secret(
    identity_id: str, secret_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Revoke a client secret."""
    universal_auth.revoke_client_secret(session, me.actor, identity_id, secret_id)
    return done(request, f"/identities/{identity_id}", "Client secret revoked.")


@router.get("/users")
def user_list(request: Request, session: Db, me: Me) -> Response:
    """The organization's users."""
    context = {
        "user": me,
        "users": org_members.list_users(session, me.actor),
        "roles": ORG_ROLES,
        "is_org_admin": _is_org_admin(session, me),
        "new_user": None,
        "tab": "users",
    }
    return page(request, "users.html", context)


@router.post("/users")
def create_user(request: Request, session: Db, me: Me, form: Form) -> Response:
    """Add a user (org admins) and show its password on this one response."""
    created = org_members.create_user(
        session, me.actor, form.get("email"), form.get("role", "member")
    )
    context = {
        "user": me,
        "users": org_members.list_users(session, me.actor),
        "roles": ORG_ROLES,
        "is_org_admin": True,
        "new_user": created,
        "tab": "users",
    }
    return page(request, "users.html", context, status=201)

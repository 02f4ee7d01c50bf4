"""Idempotent first-run set-up: org, admin user, project, machine identity, client secret.

The result is sealed under the root key in ``server_settings`` so a second call returns the
same record (and the stored client secret still validates).
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .auth.hashing import hash_secret
from .crypto import seal_server_value
from .db import unit_of_work
from .schema import (
    Identity,
    IdentityClientSecret,
    IdentityUniversalAuth,
    Organization,
    ProjectMembership,
    ServerSetting,
    User,
    new_id,
)
from .services.projects import DEFAULT_ENVIRONMENTS, create_project
from .services.universal_auth import CLIENT_SECRET_PREFIX_LEN
from .settings import ServerSettings
from .state import get_server_value

BOOTSTRAP_KEY = "bootstrap"
ADMIN_EMAIL = "admin@infisical-kit.local"
PROJECT_NAME = "Local Project"
PROJECT_SLUG = "local-project"


def _create(session: Session, root_key: bytes, settings: ServerSettings) -> dict[str, Any]:
    org = Organization(name="Local Organization", slug="local-org")
    session.add(org)
    session.flush()
    password = secrets.token_urlsafe(18)
    user = User(
        org_id=org.id, email=ADMIN_EMAIL, password_hash=hash_secret(password), org_role="admin"
    )
    session.add(user)
    session.flush()
    project = create_project(session, root_key, org_id=org.id, name=PROJECT_NAME, slug=PROJECT_SLUG)
    identity = Identity(org_id=org.id, name="infisical-kit-admin", org_role="admin")
    session.add(identity)
    session.flush()
    client_id = new_id()
    client_secret = secrets.token_hex(32)
    session.add(
        IdentityUniversalAuth(
            identity_id=identity.id,
            client_id=client_id,
            access_token_ttl=settings.access_token_ttl,
            access_token_max_ttl=settings.access_token_max_ttl,
        )
    )
    session.add(
        IdentityClientSecret(
            identity_id=identity.id,
            prefix=client_secret[:CLIENT_SECRET_PREFIX_LEN],
            secret_hash=hash_secret(client_secret),
            description="bootstrap",
        )
    )
    session.add(ProjectMembership(project_id=project.id, identity_id=identity.id, role="admin"))
    session.add(ProjectMembership(project_id=project.id, user_id=user.id, role="admin"))
    return {
        "project_id": project.id,
        "project_slug": project.slug,
        "project_name": project.name,
        "environments": [slug for _name, slug in DEFAULT_ENVIRONMENTS],
        "client_id": client_id,
        "client_secret": client_secret,
        "identity_id": identity.id,
        "organization_id": org.id,
        "admin_email": ADMIN_EMAIL,
        "admin_password": password,
    }


def bootstrap_with(
    sessions: sessionmaker[Session], root_key: bytes, settings: ServerSettings
) -> dict[str, Any]:
    """Run (or recall) the bootstrap against an already migrated database."""
    with sessions() as session:
        stored = get_server_value(session, root_key, BOOTSTRAP_KEY)
        if stored is not None:
            result: dict[str, Any] = json.loads(stored)
            return result
        try:
            with unit_of_work(session):
                record = _create(session, root_key, settings)
                sealed = seal_server_value(root_key, BOOTSTRAP_KEY, json.dumps(record))
                session.add(ServerSetting(key=BOOTSTRAP_KEY, value=sealed))
            return record
        except IntegrityError:
            pass  # another process bootstrapped first: use its record
    with sessions() as session:  # another process won the race: use its record
        stored = get_server_value(session, root_key, BOOTSTRAP_KEY)
        if stored is None:
            raise RuntimeError("bootstrap failed and no bootstrap record exists")
        again: dict[str, Any] = json.loads(stored)
        return again


def bootstrap(settings: ServerSettings) -> dict[str, Any]:
    """Migrate the database and bootstrap it; returns the bootstrap record (idempotent)."""
    from .db import make_engine, make_sessionmaker, upgrade

    root_key = settings.load_root_key()
    engine = make_engine(settings.resolved_database_url)
    try:
        upgrade(engine)
        return bootstrap_with(make_sessionmaker(engine), root_key, settings)
    finally:
        engine.dispose()

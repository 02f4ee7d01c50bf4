"""SQLAlchemy ORM tables. Timestamps are naive UTC; ids are UUID strings."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from . import limits

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A new random UUID string."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Current time, naive UTC (stored the same way on SQLite and PostgreSQL)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with a stable constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING)


def _id() -> Mapped[str]:
    return mapped_column(String(limits.ID), primary_key=True, default=new_id)


def _created() -> Mapped[datetime]:
    return mapped_column(DateTime(), default=utcnow, nullable=False)


class Organization(Base):
    """An organization owning projects, users and identities."""

    __tablename__ = "organizations"
    id: Mapped[str] = _id()
    name: Mapped[str] = mapped_column(String(limits.NAME))
    slug: Mapped[str] = mapped_column(String(limits.SLUG), unique=True)
    created_at: Mapped[datetime] = _created()


class User(Base):
    """A human user (email + argon2 password hash)."""

    __tablename__ = "users"
    id: Mapped[str] = _id()
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(limits.EMAIL), unique=True)
    password_hash: Mapped[str] = mapped_column(String(limits.NAME))
    created_at: Mapped[datetime] = _created()
    # Organization role (admin, member); the bootstrap sets "admin" explicitly (0006).
    org_role: Mapped[str] = mapped_column(
        String(limits.SHORT), default="member", server_default="member"
    )
    # False for a user invited to a project who has no password yet (migration 0008): it
    # cannot log in until an organization admin sets one (services/members.py).
    is_accepted: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Login lockout (migration 0010, ``auth/lockout.py``): the thresholds are the same for
    # every user (class constants), the counters are per user.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    lockout_enabled = True
    lockout_threshold = 10
    lockout_duration_seconds = 300
    lockout_counter_reset_seconds = 600


class Project(Base):
    """A project; its data key is wrapped by the server's root key."""

    __tablename__ = "projects"
    id: Mapped[str] = _id()
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(limits.NAME))
    slug: Mapped[str] = mapped_column(String(limits.SLUG), unique=True)
    wrapped_data_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()
    # Added by migration 0004_resources (project settings served by /api/v1/projects).
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    type: Mapped[str] = mapped_column(String(limits.SHORT), default="secret-manager")
    auto_capitalization: Mapped[bool] = mapped_column(Boolean, default=False)
    has_delete_protection: Mapped[bool] = mapped_column(Boolean, default=False)
    pit_version_limit: Mapped[int] = mapped_column(Integer, default=10)
    secret_sharing: Mapped[bool] = mapped_column(Boolean, default=True)


class Environment(Base):
    """An environment (dev, staging, prod, ...) of a project."""

    __tablename__ = "environments"
    __table_args__ = (UniqueConstraint("project_id", "slug"),)
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(limits.NAME))
    slug: Mapped[str] = mapped_column(String(limits.SLUG))
    position: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class Folder(Base):
    """A folder in an environment; the root folder has path '/' and no parent."""

    __tablename__ = "folders"
    __table_args__ = (UniqueConstraint("env_id", "path"),)
    id: Mapped[str] = _id()
    env_id: Mapped[str] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("folders.id", ondelete="CASCADE"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(limits.NAME))
    path: Mapped[str] = mapped_column(String(limits.PATH))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class Secret(Base):
    """The current state of a secret; value and comment are AES-GCM ciphertext.

    ``owner_key`` is '' for shared secrets and the user id for personal ones, so one unique
    constraint covers both kinds on every database (NULLs never collide in unique indexes).
    """

    __tablename__ = "secrets"
    __table_args__ = (UniqueConstraint("folder_id", "key", "type", "owner_key"),)
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    env_id: Mapped[str] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    folder_id: Mapped[str] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(limits.SECRET_NAME))
    type: Mapped[str] = mapped_column(String(limits.TINY), default="shared")
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    owner_key: Mapped[str] = mapped_column(String(limits.ID), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    value_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    comment_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    skip_multiline_encoding: Mapped[bool] = mapped_column(Boolean, default=False)
    metadata_json: Mapped[Any] = mapped_column(JSON, nullable=True)
    reminder_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    reminder_repeat_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class SecretVersion(Base):
    """One row per write of a secret (create, update, rename); never updated."""

    __tablename__ = "secret_versions"
    __table_args__ = (UniqueConstraint("secret_id", "version"),)
    id: Mapped[str] = _id()
    secret_id: Mapped[str] = mapped_column(String(limits.ID), index=True)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    env_id: Mapped[str] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    folder_id: Mapped[str] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(limits.SECRET_NAME))
    type: Mapped[str] = mapped_column(String(limits.TINY))
    user_id: Mapped[str | None] = mapped_column(String(limits.ID), nullable=True)
    version: Mapped[int] = mapped_column(Integer)
    value_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    comment_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    skip_multiline_encoding: Mapped[bool] = mapped_column(Boolean, default=False)
    metadata_json: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = _created()


class Identity(Base):
    """A machine identity."""

    __tablename__ = "identities"
    id: Mapped[str] = _id()
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(limits.NAME))
    created_at: Mapped[datetime] = _created()
    # Organization role (admin, member). The API and the bootstrap always set it (0006).
    org_role: Mapped[str] = mapped_column(
        String(limits.SHORT), default="member", server_default="member"
    )


class IdentityUniversalAuth(Base):
    """Universal-auth configuration of an identity (client id and token TTLs)."""

    __tablename__ = "identity_universal_auth"
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), unique=True
    )
    client_id: Mapped[str] = mapped_column(String(limits.ID), unique=True)
    access_token_ttl: Mapped[int] = mapped_column(Integer)
    access_token_max_ttl: Mapped[int] = mapped_column(Integer)
    access_token_num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    access_token_period: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = _created()
    lockout_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    lockout_threshold: Mapped[int] = mapped_column(Integer, default=3)
    lockout_duration_seconds: Mapped[int] = mapped_column(Integer, default=300)
    lockout_counter_reset_seconds: Mapped[int] = mapped_column(Integer, default=30)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)


class IdentityClientSecret(Base):
    """A universal-auth client secret, stored as an argon2 hash plus a lookup prefix."""

    __tablename__ = "identity_client_secrets"
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), index=True
    )
    prefix: Mapped[str] = mapped_column(String(limits.TINY))
    secret_hash: Mapped[str] = mapped_column(String(limits.NAME))
    description: Mapped[str] = mapped_column(String(limits.NAME), default="")
    ttl: Mapped[int] = mapped_column(Integer, default=0)
    num_uses: Mapped[int] = mapped_column(Integer, default=0)
    num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    is_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created()


class IdentityAccessToken(Base):
    """An issued identity access token (the JWT carries this row's id)."""

    __tablename__ = "identity_access_tokens"
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), index=True
    )
    client_secret_id: Mapped[str | None] = mapped_column(String(limits.ID), nullable=True)
    auth_method: Mapped[str] = mapped_column(String(limits.SHORT), default="universal-auth")
    ttl: Mapped[int] = mapped_column(Integer)
    max_ttl: Mapped[int] = mapped_column(Integer)
    period: Mapped[int] = mapped_column(Integer, default=0)
    num_uses: Mapped[int] = mapped_column(Integer, default=0)
    num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    is_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    last_renewed_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    created_at: Mapped[datetime] = _created()
    name: Mapped[str | None] = mapped_column(String(limits.NAME), nullable=True)


class ProjectMembership(Base):
    """An identity or a user in a project with a role (admin, member, viewer)."""

    __tablename__ = "project_memberships"
    __table_args__ = (
        UniqueConstraint("project_id", "identity_id"),
        UniqueConstraint("project_id", "user_id"),
    )
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    identity_id: Mapped[str | None] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), nullable=True
    )
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    role: Mapped[str] = mapped_column(String(limits.SHORT), default="member")
    created_at: Mapped[datetime] = _created()


class ServerSetting(Base):
    """Server-wide values shared by every process (sealed under the root key)."""

    __tablename__ = "server_settings"
    key: Mapped[str] = mapped_column(String(limits.SLUG), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created()


class Tag(Base):
    """A project tag (CRUD belongs to the tags API; secrets link to tags)."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("project_id", "slug"),)
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(limits.SLUG))
    name: Mapped[str] = mapped_column(String(limits.NAME))
    color: Mapped[str | None] = mapped_column(String(limits.SHORT), nullable=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()
    # Added by migration 0004_resources (who created the tag, for the tags API).
    created_by: Mapped[str | None] = mapped_column(String(limits.ID), nullable=True)
    created_by_actor_type: Mapped[str | None] = mapped_column(String(limits.TINY), nullable=True)


class SecretTag(Base):
    """Link between a secret and a tag."""

    __tablename__ = "secret_tags"
    secret_id: Mapped[str] = mapped_column(
        ForeignKey("secrets.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[str] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class SecretMetadata(Base):
    """One ``secretMetadata`` entry of a secret; encrypted entries keep only ciphertext."""

    __tablename__ = "secret_metadata"
    id: Mapped[str] = _id()
    secret_id: Mapped[str] = mapped_column(ForeignKey("secrets.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(limits.NAME))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    value_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    is_encrypted: Mapped[bool] = mapped_column(Boolean, default=False)


class SecretImport(Base):
    """A folder importing the secrets of another environment/path."""

    __tablename__ = "secret_imports"
    id: Mapped[str] = _id()
    folder_id: Mapped[str] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"), index=True)
    import_env_id: Mapped[str] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    import_path: Mapped[str] = mapped_column(String(limits.PATH))
    position: Mapped[int] = mapped_column(Integer, default=1)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_replication: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class KmsKey(Base):
    """A KMS key; its material is sealed under the project data key. Migration 0004_resources."""

    __tablename__ = "kms_keys"
    __table_args__ = (UniqueConstraint("project_id", "name"),)
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    org_id: Mapped[str] = mapped_column(String(limits.ID))
    name: Mapped[str] = mapped_column(String(limits.KMS_KEY_NAME))
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    key_usage: Mapped[str] = mapped_column(String(limits.TINY))
    algorithm: Mapped[str] = mapped_column(String(limits.SHORT))
    version: Mapped[int] = mapped_column(Integer, default=1)
    sealed_material: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class IdentityTokenAuth(Base):
    """Token-auth configuration of an identity (TTLs of the tokens an admin issues)."""

    __tablename__ = "identity_token_auth"
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), unique=True
    )
    access_token_ttl: Mapped[int] = mapped_column(Integer)
    access_token_max_ttl: Mapped[int] = mapped_column(Integer)
    access_token_num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class UserSession(Base):
    """A user login session; user access and refresh JWTs carry its id (revoked on logout)."""

    __tablename__ = "user_sessions"
    id: Mapped[str] = _id()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[str | None] = mapped_column(String(limits.ID), nullable=True)
    is_revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _created()


class IdentityKubernetesAuth(Base):
    """Kubernetes-auth configuration of an identity (migration 0006_loose_ends).

    ``public_keys`` is a local-server extension: PEM keys that verify service-account JWTs,
    since this server cannot call a cluster's TokenReview API. The token reviewer JWT is
    sealed under the root key and never returned.
    """

    __tablename__ = "identity_kubernetes_auth"
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), unique=True
    )
    kubernetes_host: Mapped[str] = mapped_column(String(1024), default="")
    token_reviewer_jwt_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    allowed_namespaces: Mapped[str] = mapped_column(Text, default="")
    allowed_names: Mapped[str] = mapped_column(Text, default="")
    allowed_audience: Mapped[str] = mapped_column(Text, default="")
    ca_cert: Mapped[str] = mapped_column(Text, default="")
    public_keys: Mapped[Any] = mapped_column(JSON, nullable=True)
    access_token_ttl: Mapped[int] = mapped_column(Integer)
    access_token_max_ttl: Mapped[int] = mapped_column(Integer)
    access_token_num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class DynamicSecret(Base):
    """A dynamic secret: a provider configuration that mints short-lived credentials (leases).

    The provider inputs (connection configuration, root credentials) are sealed under the
    project's data key (migration 0007_dynamic_secrets). ``status`` is Infisical's wire text
    ("Revocation in process" while a delete waits for its leases to be revoked).
    """

    __tablename__ = "dynamic_secrets"
    __table_args__ = (UniqueConstraint("folder_id", "name"),)
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[str] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(limits.SLUG))
    type: Mapped[str] = mapped_column(String(limits.SLUG))
    version: Mapped[int] = mapped_column(Integer, default=1)
    default_ttl: Mapped[str] = mapped_column(String(limits.SLUG))
    max_ttl: Mapped[str | None] = mapped_column(String(limits.SLUG), nullable=True)
    inputs_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    username_template: Mapped[str | None] = mapped_column(Text, nullable=True)
    metadata_json: Mapped[Any] = mapped_column(JSON, nullable=True)
    status: Mapped[str | None] = mapped_column(String(limits.SLUG), nullable=True)
    status_details: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class DynamicSecretLease(Base):
    """A lease: credentials a provider made for a dynamic secret, revoked at ``expire_at``.

    ``state`` drives revocation: ``active``, ``revoking`` (claimed by one server process until
    ``claim_until``; a compare-and-set on this row, so each lease is revoked once however many
    processes sweep) or ``failed`` (the provider refused; retried from ``next_attempt_at``).
    """

    __tablename__ = "dynamic_secret_leases"
    id: Mapped[str] = _id()
    dynamic_secret_id: Mapped[str] = mapped_column(
        ForeignKey("dynamic_secrets.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    external_entity_id: Mapped[str] = mapped_column(String(limits.NAME))
    expire_at: Mapped[datetime] = mapped_column(DateTime(), index=True)
    state: Mapped[str] = mapped_column(String(limits.TINY), default="active")
    claim_until: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    revoke_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    status_details: Mapped[str | None] = mapped_column(Text, nullable=True)
    config: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class ServiceToken(Base):
    """A legacy service token (``st.<id>.<secret>``) of a project (migration 0008).

    ``scopes`` is a list of ``{environment, secretPath}`` (the path may be a glob) and
    ``permissions`` a subset of ``["read", "write"]``. Only a keyed hash of the secret part
    is stored (``auth/service_tokens.py``).
    """

    __tablename__ = "service_tokens"
    id: Mapped[str] = _id()
    project_id: Mapped[str] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(limits.NAME))
    scopes: Mapped[Any] = mapped_column(JSON)
    permissions: Mapped[Any] = mapped_column(JSON)
    secret_hash: Mapped[str] = mapped_column(String(limits.DIGEST))
    created_by: Mapped[str] = mapped_column(String(limits.ID))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    last_used: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()


class IdentityLoginMethod(Base):
    """One identity's settings of OIDC, JWT, LDAP, AWS, GCP or Azure auth (``method``), in
    one table (migration 0009_login_methods): the method's plain settings in ``config`` (JSON,
    Infisical's field names), its secrets (LDAP's bind password) sealed under the root key in
    ``secrets_sealed``, and the token settings every method has."""

    __tablename__ = "identity_login_methods"
    __table_args__ = (UniqueConstraint("identity_id", "method"),)
    id: Mapped[str] = _id()
    identity_id: Mapped[str] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[str] = mapped_column(String(limits.SHORT))
    config: Mapped[Any] = mapped_column(JSON)
    secrets_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    access_token_ttl: Mapped[int] = mapped_column(Integer)
    access_token_max_ttl: Mapped[int] = mapped_column(Integer)
    access_token_num_uses_limit: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _created()

"""Auth depth: org roles, universal-auth lockout, token auth, named tokens, user sessions.

Revision ID: 0002_auth
Revises: 0002_secrets
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_auth"
down_revision = "0002_secrets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("org_role", sa.String(length=32), nullable=False, server_default="admin")
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("org_role", sa.String(length=32), nullable=False, server_default="admin")
        )
    with op.batch_alter_table("identity_universal_auth", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lockout_enabled", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("lockout_threshold", sa.Integer(), nullable=False, server_default="3")
        )
        batch_op.add_column(
            sa.Column(
                "lockout_duration_seconds", sa.Integer(), nullable=False, server_default="300"
            )
        )
        batch_op.add_column(
            sa.Column(
                "lockout_counter_reset_seconds", sa.Integer(), nullable=False, server_default="30"
            )
        )
        batch_op.add_column(
            sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("last_failed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("identity_access_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=255), nullable=True))
    op.create_table(
        "identity_token_auth",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("identity_id", sa.String(length=36), nullable=False),
        sa.Column("access_token_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_max_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_num_uses_limit", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["identities.id"],
            name=op.f("fk_identity_token_auth_identity_id_identities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_token_auth")),
        sa.UniqueConstraint("identity_id", name=op.f("uq_identity_token_auth_identity_id")),
    )
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.String(length=36), nullable=True),
        sa.Column("is_revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_sessions_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_sessions_user_id"))
    op.drop_table("user_sessions")
    op.drop_table("identity_token_auth")
    with op.batch_alter_table("identity_access_tokens", schema=None) as batch_op:
        batch_op.drop_column("name")
    with op.batch_alter_table("identity_universal_auth", schema=None) as batch_op:
        for column in (
            "locked_until",
            "last_failed_at",
            "failed_attempts",
            "lockout_counter_reset_seconds",
            "lockout_duration_seconds",
            "lockout_threshold",
            "lockout_enabled",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("org_role")
    with op.batch_alter_table("identities", schema=None) as batch_op:
        batch_op.drop_column("org_role")

"""Members and service tokens: ``users.is_accepted`` (invited users without a password yet)
and the ``service_tokens`` table (legacy ``st.`` tokens).

``is_accepted`` is added with a server default of true, so existing users stay able to log
in; SQLite adds such a column in place (no table rebuild).

Revision ID: 0008_members_service_tokens
Revises: 0007_dynamic_secrets
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_members_service_tokens"
down_revision = "0007_dynamic_secrets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "users",
        sa.Column("is_accepted", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "service_tokens",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("permissions", sa.JSON(), nullable=False),
        sa.Column("secret_hash", sa.String(length=128), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("last_used", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_service_tokens_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_service_tokens"),
    )
    op.create_index("ix_service_tokens_project_id", "service_tokens", ["project_id"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_service_tokens_project_id", table_name="service_tokens")
    op.drop_table("service_tokens")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_accepted")

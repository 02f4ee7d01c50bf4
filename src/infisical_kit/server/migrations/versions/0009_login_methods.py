"""The settings of the OIDC, JWT, LDAP, AWS, GCP and Azure login methods: one table.

Revision ID: 0009_login_methods
Revises: 0008_members_service_tokens
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_login_methods"
down_revision = "0008_members_service_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "identity_login_methods",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("identity_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("config", sa.JSON(), nullable=False),
        sa.Column("secrets_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("access_token_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_max_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_num_uses_limit", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["identities.id"],
            name="fk_identity_login_methods_identity_id_identities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_identity_login_methods"),
        sa.UniqueConstraint(
            "identity_id", "method", name="uq_identity_login_methods_identity_id_method"
        ),
    )
    op.create_index(
        "ix_identity_login_methods_identity_id", "identity_login_methods", ["identity_id"]
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_identity_login_methods_identity_id", table_name="identity_login_methods")
    op.drop_table("identity_login_methods")

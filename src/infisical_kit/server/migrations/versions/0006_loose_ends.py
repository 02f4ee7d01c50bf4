"""Loose ends: org_role defaults to "member"; Kubernetes auth configuration table.

Existing rows keep their org_role (the bootstrap now sets "admin" explicitly). On SQLite the
column default can only change by rebuilding the table, and dropping a table that other rows
reference runs their ``ON DELETE CASCADE`` (foreign keys are on during migrations), so a
non-empty ``users``/``identities`` table keeps its old DDL default there; every insert goes
through the ORM, whose default is "member".

Revision ID: 0006_loose_ends
Revises: 0005_platform
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_loose_ends"
down_revision = "0005_platform"
branch_labels = None
depends_on = None

ROLE_TABLES = ("users", "identities")


def _set_role_default(value: str) -> None:
    bind = op.get_bind()
    for table in ROLE_TABLES:
        if bind.dialect.name == "sqlite":
            rows = bind.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
            if rows:
                continue
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "org_role",
                existing_type=sa.String(length=32),
                existing_nullable=False,
                server_default=value,
            )


def upgrade() -> None:
    """Apply this revision."""
    _set_role_default("member")
    op.create_table(
        "identity_kubernetes_auth",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("identity_id", sa.String(length=36), nullable=False),
        sa.Column("kubernetes_host", sa.String(length=1024), nullable=False),
        sa.Column("token_reviewer_jwt_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("allowed_namespaces", sa.Text(), nullable=False),
        sa.Column("allowed_names", sa.Text(), nullable=False),
        sa.Column("allowed_audience", sa.Text(), nullable=False),
        sa.Column("ca_cert", sa.Text(), nullable=False),
        sa.Column("public_keys", sa.JSON(), nullable=True),
        sa.Column("access_token_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_max_ttl", sa.Integer(), nullable=False),
        sa.Column("access_token_num_uses_limit", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["identity_id"],
            ["identities.id"],
            name="fk_identity_kubernetes_auth_identity_id_identities",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_identity_kubernetes_auth"),
        sa.UniqueConstraint("identity_id", name="uq_identity_kubernetes_auth_identity_id"),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("identity_kubernetes_auth")
    _set_role_default("admin")

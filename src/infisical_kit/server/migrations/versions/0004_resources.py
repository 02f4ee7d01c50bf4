"""Resources: project settings columns, tag authorship, KMS keys.

Revision ID: 0004_resources
Revises: 0002_auth
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_resources"
down_revision = "0002_auth"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    # Plain ADD COLUMN (no batch): a batch "recreate" would drop the projects table, and with
    # foreign keys on, SQLite would cascade that drop to every environment, folder and secret.
    project_columns: tuple[sa.Column[Any], ...] = (
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("type", sa.String(length=32), nullable=False, server_default="secret-manager"),
        sa.Column("auto_capitalization", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("has_delete_protection", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("pit_version_limit", sa.Integer(), nullable=False, server_default="10"),
        sa.Column("secret_sharing", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    for column in project_columns:
        op.add_column("projects", column)
    op.add_column("tags", sa.Column("created_by", sa.String(length=36), nullable=True))
    op.add_column("tags", sa.Column("created_by_actor_type", sa.String(length=16), nullable=True))
    op.create_table(
        "kms_keys",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("org_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("is_disabled", sa.Boolean(), nullable=False),
        sa.Column("key_usage", sa.String(length=16), nullable=False),
        sa.Column("algorithm", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sealed_material", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_kms_keys_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kms_keys")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_kms_keys_project_id_name")),
    )
    op.create_index(op.f("ix_kms_keys_project_id"), "kms_keys", ["project_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_kms_keys_project_id"), table_name="kms_keys")
    op.drop_table("kms_keys")
    for table, column in (
        ("tags", "created_by_actor_type"),
        ("tags", "created_by"),
        ("projects", "secret_sharing"),
        ("projects", "pit_version_limit"),
        ("projects", "has_delete_protection"),
        ("projects", "auto_capitalization"),
        ("projects", "type"),
        ("projects", "description"),
    ):
        op.drop_column(table, column)

"""Dynamic secrets and their leases.

Revision ID: 0007_dynamic_secrets
Revises: 0006_loose_ends
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_dynamic_secrets"
down_revision = "0006_loose_ends"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "dynamic_secrets",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("folder_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("default_ttl", sa.String(length=64), nullable=False),
        sa.Column("max_ttl", sa.String(length=64), nullable=True),
        sa.Column("inputs_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("username_template", sa.Text(), nullable=True),
        sa.Column("metadata_json", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=64), nullable=True),
        sa.Column("status_details", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_dynamic_secrets_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["folder_id"],
            ["folders.id"],
            name="fk_dynamic_secrets_folder_id_folders",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dynamic_secrets"),
        sa.UniqueConstraint("folder_id", "name", name="uq_dynamic_secrets_folder_id_name"),
    )
    op.create_index(
        "ix_dynamic_secrets_project_id", "dynamic_secrets", ["project_id"], unique=False
    )
    op.create_table(
        "dynamic_secret_leases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dynamic_secret_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("external_entity_id", sa.String(length=255), nullable=False),
        sa.Column("expire_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claim_until", sa.DateTime(), nullable=True),
        sa.Column("revoke_attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("status_details", sa.Text(), nullable=True),
        sa.Column("config", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dynamic_secret_id"],
            ["dynamic_secrets.id"],
            name="fk_dynamic_secret_leases_dynamic_secret_id_dynamic_secrets",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dynamic_secret_leases"),
    )
    op.create_index(
        "ix_dynamic_secret_leases_dynamic_secret_id",
        "dynamic_secret_leases",
        ["dynamic_secret_id"],
        unique=False,
    )
    op.create_index(
        "ix_dynamic_secret_leases_expire_at", "dynamic_secret_leases", ["expire_at"], unique=False
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("dynamic_secret_leases")
    op.drop_table("dynamic_secrets")

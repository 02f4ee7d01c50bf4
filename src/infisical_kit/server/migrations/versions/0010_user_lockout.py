"""User login lockout: failed-attempt counter and lock end on ``users``.

Revision ID: 0010_user_lockout
Revises: 0009_login_methods
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_user_lockout"
down_revision = "0009_login_methods"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "users",
        sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column("users", sa.Column("last_failed_at", sa.DateTime(), nullable=True))
    op.add_column("users", sa.Column("locked_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("last_failed_at")
        batch_op.drop_column("failed_attempts")

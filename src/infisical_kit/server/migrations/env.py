"""Alembic environment: uses the engine handed over in ``config.attributes`` when present."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from infisical_kit.server.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    """Run migrations online against the configured engine."""
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "", hide_parameters=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()

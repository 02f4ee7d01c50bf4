"""Alembic migration environment of the infisical-kit server."""

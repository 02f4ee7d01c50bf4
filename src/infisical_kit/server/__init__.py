"""The infisical-kit local server: an Infisical-compatible REST API (FastAPI + SQLAlchemy)."""

from .app import create_app
from .settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]

"""The session ``infisical-kit login`` stores, and the ``cli-session`` credential provider.

Both live on the SDK side now (`infisical_kit._session_store`, and
`infisical_kit.credentials.CliSessionProvider`, which the SDK's default chain includes); this
module re-exports them for the CLI and for existing imports.

This module imports neither click nor the server.
"""

from __future__ import annotations

from infisical_kit._session_store import (
    BACKEND_ENV,
    KEYRING_SERVICE,
    KEYRING_USER,
    Session,
    SessionStore,
    load_session,
    session_file,
)
from infisical_kit.credentials import CliSessionProvider

__all__ = [
    "BACKEND_ENV",
    "KEYRING_SERVICE",
    "KEYRING_USER",
    "CliSessionProvider",
    "Session",
    "SessionStore",
    "load_session",
    "session_file",
]

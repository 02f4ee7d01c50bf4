"""Async entry point: ``from infisical_kit.aio import AsyncClient`` (and the namespace types)."""

from infisical_kit._async import (
    AsyncAuth,
    AsyncClient,
    AsyncEnvironments,
    AsyncFolders,
    AsyncImports,
    AsyncKMS,
    AsyncProjects,
    AsyncSecrets,
    AsyncTags,
)

__all__ = [
    "AsyncAuth",
    "AsyncClient",
    "AsyncEnvironments",
    "AsyncFolders",
    "AsyncImports",
    "AsyncKMS",
    "AsyncProjects",
    "AsyncSecrets",
    "AsyncTags",
]

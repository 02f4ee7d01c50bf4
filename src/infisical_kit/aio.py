"""Async entry point: ``from infisical_kit.aio import AsyncClient``."""

from infisical_kit._async import AsyncClient, AsyncSecrets

__all__ = ["AsyncClient", "AsyncSecrets"]

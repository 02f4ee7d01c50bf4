"""The I/O layer: the client, its namespaces, the token manager and the HTTP driver."""

from infisical_kit._async._client import AsyncClient
from infisical_kit._async._secrets import AsyncSecrets

__all__ = ["AsyncClient", "AsyncSecrets"]

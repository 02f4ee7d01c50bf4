"""The I/O layer: the client, its namespaces, the requester, the token manager and the driver.

Names load on first use (PEP 562), so ``from infisical_kit import AsyncClient`` imports the
client's module alone; the client imports the rest (httpx, pydantic, the namespaces) when it is
built (``make bench``, row 1).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: public name -> the submodule that defines it
_NAMES: dict[str, str] = {
    "AsyncAuth": "infisical_kit._async._auth",
    "AsyncClient": "infisical_kit._async._client",
    "AsyncDynamicSecretLeases": "infisical_kit._async._dynamic_secrets",
    "AsyncDynamicSecrets": "infisical_kit._async._dynamic_secrets",
    "AsyncEnvironments": "infisical_kit._async._environments",
    "AsyncFolders": "infisical_kit._async._folders",
    "AsyncIdentities": "infisical_kit._async._identities",
    "AsyncImports": "infisical_kit._async._imports",
    "AsyncKMS": "infisical_kit._async._kms",
    "AsyncProjectIdentities": "infisical_kit._async._members",
    "AsyncProjectMembers": "infisical_kit._async._members",
    "AsyncProjects": "infisical_kit._async._projects",
    "AsyncSecrets": "infisical_kit._async._secrets",
    "AsyncTags": "infisical_kit._async._tags",
    "AsyncUniversalAuth": "infisical_kit._async._identities",
}

__all__ = sorted(_NAMES)

if TYPE_CHECKING:
    from infisical_kit._async._auth import AsyncAuth as AsyncAuth
    from infisical_kit._async._client import AsyncClient as AsyncClient
    from infisical_kit._async._dynamic_secrets import (
        AsyncDynamicSecretLeases as AsyncDynamicSecretLeases,
    )
    from infisical_kit._async._dynamic_secrets import AsyncDynamicSecrets as AsyncDynamicSecrets
    from infisical_kit._async._environments import AsyncEnvironments as AsyncEnvironments
    from infisical_kit._async._folders import AsyncFolders as AsyncFolders
    from infisical_kit._async._identities import AsyncIdentities as AsyncIdentities
    from infisical_kit._async._identities import AsyncUniversalAuth as AsyncUniversalAuth
    from infisical_kit._async._imports import AsyncImports as AsyncImports
    from infisical_kit._async._kms import AsyncKMS as AsyncKMS
    from infisical_kit._async._members import AsyncProjectIdentities as AsyncProjectIdentities
    from infisical_kit._async._members import AsyncProjectMembers as AsyncProjectMembers
    from infisical_kit._async._projects import AsyncProjects as AsyncProjects
    from infisical_kit._async._secrets import AsyncSecrets as AsyncSecrets
    from infisical_kit._async._tags import AsyncTags as AsyncTags


def __getattr__(name: str) -> Any:
    """Import the submodule behind a public name on first access, then cache the name."""
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

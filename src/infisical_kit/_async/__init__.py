"""The I/O layer: the client, its namespaces, the requester, the token manager and the driver."""

from infisical_kit._async._auth import AsyncAuth
from infisical_kit._async._client import AsyncClient
from infisical_kit._async._dynamic_secrets import AsyncDynamicSecretLeases, AsyncDynamicSecrets
from infisical_kit._async._environments import AsyncEnvironments
from infisical_kit._async._folders import AsyncFolders
from infisical_kit._async._identities import AsyncIdentities, AsyncUniversalAuth
from infisical_kit._async._imports import AsyncImports
from infisical_kit._async._kms import AsyncKMS
from infisical_kit._async._members import AsyncProjectIdentities, AsyncProjectMembers
from infisical_kit._async._projects import AsyncProjects
from infisical_kit._async._secrets import AsyncSecrets
from infisical_kit._async._tags import AsyncTags

__all__ = [
    "AsyncAuth",
    "AsyncClient",
    "AsyncDynamicSecretLeases",
    "AsyncDynamicSecrets",
    "AsyncEnvironments",
    "AsyncFolders",
    "AsyncIdentities",
    "AsyncImports",
    "AsyncKMS",
    "AsyncProjectIdentities",
    "AsyncProjectMembers",
    "AsyncProjects",
    "AsyncSecrets",
    "AsyncTags",
    "AsyncUniversalAuth",
]

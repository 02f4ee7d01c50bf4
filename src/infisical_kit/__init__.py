"""infisical-kit: a sync and async SDK for Infisical-compatible secret management.

    from infisical_kit import Client

    with Client("https://app.infisical.com", client_id=..., client_secret=...,
                project_id=..., environment="dev") as client:
        db_url = client.secrets.get("DB_URL").value

`AsyncClient` (also in `infisical_kit.aio`) has the same API with ``await``. The namespace
types (`Secrets`, `Folders`, ... and their ``Async`` twins) are exported for annotations, and so
are the `Literal` types of the parameters with a fixed set of values (`SecretType`,
`BatchMode`, `KmsKeyUsage`, `KmsEncryptionAlgorithm`, `KmsSigningAlgorithm`).

Names are loaded on first use (PEP 562): ``import infisical_kit`` alone imports neither httpx
nor pydantic-settings; ``from infisical_kit import Client`` imports what the client needs.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from infisical_kit._version import __version__

# A library's loggers stay silent unless the application configures logging: without this
# handler, Python's last-resort handler would print the retry warnings to stderr.
logging.getLogger("infisical_kit").addHandler(logging.NullHandler())

#: THE public surface: every public name -> the module that defines it, imported on first
#: access. `__all__` is made from it; the ``TYPE_CHECKING`` imports below repeat it for static
#: type checkers, and tests/unit/test_public_surface.py fails when the two disagree.
_EXPORTS: dict[str, str] = {
    "AsyncAuth": "infisical_kit._async",
    "AsyncClient": "infisical_kit._async._client",
    "AsyncDynamicSecretLeases": "infisical_kit._async",
    "AsyncDynamicSecrets": "infisical_kit._async",
    "AsyncEnvironments": "infisical_kit._async",
    "AsyncFolders": "infisical_kit._async",
    "AsyncIdentities": "infisical_kit._async",
    "AsyncImports": "infisical_kit._async",
    "AsyncKMS": "infisical_kit._async",
    "AsyncProjectIdentities": "infisical_kit._async",
    "AsyncProjectMembers": "infisical_kit._async",
    "AsyncProjects": "infisical_kit._async",
    "AsyncSecrets": "infisical_kit._async",
    "AsyncTags": "infisical_kit._async",
    "AsyncUniversalAuth": "infisical_kit._async",
    "BatchMode": "infisical_kit._core.kinds",
    "KmsEncryptionAlgorithm": "infisical_kit._core.kinds",
    "KmsKeyUsage": "infisical_kit._core.kinds",
    "KmsSigningAlgorithm": "infisical_kit._core.kinds",
    "SecretType": "infisical_kit._core.kinds",
    "RetryPolicy": "infisical_kit._core.retry",
    "Scope": "infisical_kit._core.scope",
    "Auth": "infisical_kit._sync",
    "Client": "infisical_kit._sync._client",
    "DynamicSecretLeases": "infisical_kit._sync",
    "DynamicSecrets": "infisical_kit._sync",
    "Environments": "infisical_kit._sync",
    "Folders": "infisical_kit._sync",
    "Identities": "infisical_kit._sync",
    "Imports": "infisical_kit._sync",
    "KMS": "infisical_kit._sync",
    "ProjectIdentities": "infisical_kit._sync",
    "ProjectMembers": "infisical_kit._sync",
    "Projects": "infisical_kit._sync",
    "Secrets": "infisical_kit._sync",
    "Tags": "infisical_kit._sync",
    "UniversalAuth": "infisical_kit._sync",
    "Config": "infisical_kit.config",
    "InvalidConfigError": "infisical_kit.config",
    "CredentialChain": "infisical_kit.credentials",
    "CredentialProvider": "infisical_kit.credentials",
    "Credentials": "infisical_kit.credentials",
    "CredentialsNotFoundError": "infisical_kit.credentials",
    "DecryptionError": "infisical_kit.crypto",
    "EncryptedData": "infisical_kit.crypto",
    "create_symmetric_key": "infisical_kit.crypto",
    "decrypt_symmetric": "infisical_kit.crypto",
    "encrypt_symmetric": "infisical_kit.crypto",
    "APIError": "infisical_kit.errors",
    "AlreadyExistsError": "infisical_kit.errors",
    "ApprovalRequiredError": "infisical_kit.errors",
    "AuthenticationError": "infisical_kit.errors",
    "BadRequestError": "infisical_kit.errors",
    "ClientClosedError": "infisical_kit.errors",
    "ConfigurationError": "infisical_kit.errors",
    "ConflictError": "infisical_kit.errors",
    "InfisicalError": "infisical_kit.errors",
    "NotFoundError": "infisical_kit.errors",
    "NotSupportedError": "infisical_kit.errors",
    "PermissionDeniedError": "infisical_kit.errors",
    "RateLimitError": "infisical_kit.errors",
    "ServerError": "infisical_kit.errors",
    "TransportError": "infisical_kit.errors",
    "UnexpectedResponseError": "infisical_kit.errors",
    "UnsupportedByServerError": "infisical_kit.errors",
    "ValidationError": "infisical_kit.errors",
    "DynamicSecret": "infisical_kit.models",
    "DynamicSecretLease": "infisical_kit.models",
    "ImportedSecrets": "infisical_kit.models",
    "LeaseCredentials": "infisical_kit.models",
    "ClientSecret": "infisical_kit.models",
    "Identity": "infisical_kit.models",
    "IdentityMembership": "infisical_kit.models",
    "LoginResponse": "infisical_kit.models",
    "MemberUser": "infisical_kit.models",
    "MembershipRole": "infisical_kit.models",
    "NewClientSecret": "infisical_kit.models",
    "ProjectMember": "infisical_kit.models",
    "Secret": "infisical_kit.models",
    "SecretList": "infisical_kit.models",
    "SecretMetadata": "infisical_kit.models",
    "Tag": "infisical_kit.models",
    "UniversalAuthSettings": "infisical_kit.models",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # static typing sees the eager imports; at runtime `__getattr__` loads them
    from infisical_kit._async import (
        AsyncAuth as AsyncAuth,
    )
    from infisical_kit._async import (
        AsyncDynamicSecretLeases as AsyncDynamicSecretLeases,
    )
    from infisical_kit._async import (
        AsyncDynamicSecrets as AsyncDynamicSecrets,
    )
    from infisical_kit._async import (
        AsyncEnvironments as AsyncEnvironments,
    )
    from infisical_kit._async import (
        AsyncFolders as AsyncFolders,
    )
    from infisical_kit._async import (
        AsyncIdentities as AsyncIdentities,
    )
    from infisical_kit._async import (
        AsyncImports as AsyncImports,
    )
    from infisical_kit._async import (
        AsyncKMS as AsyncKMS,
    )
    from infisical_kit._async import (
        AsyncProjectIdentities as AsyncProjectIdentities,
    )
    from infisical_kit._async import (
        AsyncProjectMembers as AsyncProjectMembers,
    )
    from infisical_kit._async import (
        AsyncProjects as AsyncProjects,
    )
    from infisical_kit._async import (
        AsyncSecrets as AsyncSecrets,
    )
    from infisical_kit._async import (
        AsyncTags as AsyncTags,
    )
    from infisical_kit._async import (
        AsyncUniversalAuth as AsyncUniversalAuth,
    )
    from infisical_kit._async._client import (
        AsyncClient as AsyncClient,
    )
    from infisical_kit._core.kinds import (
        BatchMode as BatchMode,
    )
    from infisical_kit._core.kinds import (
        KmsEncryptionAlgorithm as KmsEncryptionAlgorithm,
    )
    from infisical_kit._core.kinds import (
        KmsKeyUsage as KmsKeyUsage,
    )
    from infisical_kit._core.kinds import (
        KmsSigningAlgorithm as KmsSigningAlgorithm,
    )
    from infisical_kit._core.kinds import (
        SecretType as SecretType,
    )
    from infisical_kit._core.retry import (
        RetryPolicy as RetryPolicy,
    )
    from infisical_kit._core.scope import (
        Scope as Scope,
    )
    from infisical_kit._sync import (
        KMS as KMS,
    )
    from infisical_kit._sync import (
        Auth as Auth,
    )
    from infisical_kit._sync import (
        DynamicSecretLeases as DynamicSecretLeases,
    )
    from infisical_kit._sync import (
        DynamicSecrets as DynamicSecrets,
    )
    from infisical_kit._sync import (
        Environments as Environments,
    )
    from infisical_kit._sync import (
        Folders as Folders,
    )
    from infisical_kit._sync import (
        Identities as Identities,
    )
    from infisical_kit._sync import (
        Imports as Imports,
    )
    from infisical_kit._sync import (
        ProjectIdentities as ProjectIdentities,
    )
    from infisical_kit._sync import (
        ProjectMembers as ProjectMembers,
    )
    from infisical_kit._sync import (
        Projects as Projects,
    )
    from infisical_kit._sync import (
        Secrets as Secrets,
    )
    from infisical_kit._sync import (
        Tags as Tags,
    )
    from infisical_kit._sync import (
        UniversalAuth as UniversalAuth,
    )
    from infisical_kit._sync._client import (
        Client as Client,
    )
    from infisical_kit.config import (
        Config as Config,
    )
    from infisical_kit.config import (
        InvalidConfigError as InvalidConfigError,
    )
    from infisical_kit.credentials import (
        CredentialChain as CredentialChain,
    )
    from infisical_kit.credentials import (
        CredentialProvider as CredentialProvider,
    )
    from infisical_kit.credentials import (
        Credentials as Credentials,
    )
    from infisical_kit.credentials import (
        CredentialsNotFoundError as CredentialsNotFoundError,
    )
    from infisical_kit.crypto import (
        DecryptionError as DecryptionError,
    )
    from infisical_kit.crypto import (
        EncryptedData as EncryptedData,
    )
    from infisical_kit.crypto import (
        create_symmetric_key as create_symmetric_key,
    )
    from infisical_kit.crypto import (
        decrypt_symmetric as decrypt_symmetric,
    )
    from infisical_kit.crypto import (
        encrypt_symmetric as encrypt_symmetric,
    )
    from infisical_kit.errors import (
        AlreadyExistsError as AlreadyExistsError,
    )
    from infisical_kit.errors import (
        APIError as APIError,
    )
    from infisical_kit.errors import (
        ApprovalRequiredError as ApprovalRequiredError,
    )
    from infisical_kit.errors import (
        AuthenticationError as AuthenticationError,
    )
    from infisical_kit.errors import (
        BadRequestError as BadRequestError,
    )
    from infisical_kit.errors import (
        ClientClosedError as ClientClosedError,
    )
    from infisical_kit.errors import (
        ConfigurationError as ConfigurationError,
    )
    from infisical_kit.errors import (
        ConflictError as ConflictError,
    )
    from infisical_kit.errors import (
        InfisicalError as InfisicalError,
    )
    from infisical_kit.errors import (
        NotFoundError as NotFoundError,
    )
    from infisical_kit.errors import (
        NotSupportedError as NotSupportedError,
    )
    from infisical_kit.errors import (
        PermissionDeniedError as PermissionDeniedError,
    )
    from infisical_kit.errors import (
        RateLimitError as RateLimitError,
    )
    from infisical_kit.errors import (
        ServerError as ServerError,
    )
    from infisical_kit.errors import (
        TransportError as TransportError,
    )
    from infisical_kit.errors import (
        UnexpectedResponseError as UnexpectedResponseError,
    )
    from infisical_kit.errors import (
        UnsupportedByServerError as UnsupportedByServerError,
    )
    from infisical_kit.errors import (
        ValidationError as ValidationError,
    )
    from infisical_kit.models import (
        ClientSecret as ClientSecret,
    )
    from infisical_kit.models import (
        DynamicSecret as DynamicSecret,
    )
    from infisical_kit.models import (
        DynamicSecretLease as DynamicSecretLease,
    )
    from infisical_kit.models import (
        Identity as Identity,
    )
    from infisical_kit.models import (
        IdentityMembership as IdentityMembership,
    )
    from infisical_kit.models import (
        ImportedSecrets as ImportedSecrets,
    )
    from infisical_kit.models import (
        LeaseCredentials as LeaseCredentials,
    )
    from infisical_kit.models import (
        LoginResponse as LoginResponse,
    )
    from infisical_kit.models import (
        MembershipRole as MembershipRole,
    )
    from infisical_kit.models import (
        MemberUser as MemberUser,
    )
    from infisical_kit.models import (
        NewClientSecret as NewClientSecret,
    )
    from infisical_kit.models import (
        ProjectMember as ProjectMember,
    )
    from infisical_kit.models import (
        Secret as Secret,
    )
    from infisical_kit.models import (
        SecretList as SecretList,
    )
    from infisical_kit.models import (
        SecretMetadata as SecretMetadata,
    )
    from infisical_kit.models import (
        Tag as Tag,
    )
    from infisical_kit.models import (
        UniversalAuthSettings as UniversalAuthSettings,
    )


def __getattr__(name: str) -> Any:
    """Import the module behind a public name on first access, then cache the name here."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'infisical_kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (loaded or not) and the module's own attributes."""
    return sorted({*globals(), *__all__})

"""infisical-kit: a sync and async SDK for Infisical-compatible secret management.

    from infisical_kit import Client

    with Client("https://app.infisical.com", client_id=..., client_secret=...,
                project_id=..., environment="dev") as client:
        db_url = client.secrets.get("DB_URL").value

`AsyncClient` (also in `infisical_kit.aio`) has the same API with ``await``.

Names are loaded on first use (PEP 562): ``import infisical_kit`` alone imports neither httpx
nor pydantic-settings; ``from infisical_kit import Client`` imports what the client needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from infisical_kit._version import __version__

if TYPE_CHECKING:  # static typing sees the eager imports; at runtime `__getattr__` loads them
    from infisical_kit._async import AsyncClient, AsyncSecrets
    from infisical_kit._core.retry import RetryPolicy
    from infisical_kit._core.scope import Scope
    from infisical_kit._sync import Client, Secrets
    from infisical_kit.config import Config, InvalidConfigError
    from infisical_kit.credentials import (
        CredentialChain,
        CredentialProvider,
        Credentials,
        CredentialsNotFoundError,
    )
    from infisical_kit.crypto import (
        DecryptionError,
        EncryptedData,
        create_symmetric_key,
        decrypt_symmetric,
        encrypt_symmetric,
    )
    from infisical_kit.errors import (
        APIError,
        ApprovalRequiredError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        InfisicalError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
        TransportError,
        UnexpectedResponseError,
        ValidationError,
    )
    from infisical_kit.models import (
        ImportedSecrets,
        LoginResponse,
        Secret,
        SecretList,
        SecretMetadata,
        Tag,
    )

__all__ = [
    "APIError",
    "ApprovalRequiredError",
    "AsyncClient",
    "AsyncSecrets",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "Config",
    "ConfigurationError",
    "ConflictError",
    "CredentialChain",
    "CredentialProvider",
    "Credentials",
    "CredentialsNotFoundError",
    "DecryptionError",
    "EncryptedData",
    "ImportedSecrets",
    "InfisicalError",
    "InvalidConfigError",
    "LoginResponse",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "Scope",
    "Secret",
    "SecretList",
    "SecretMetadata",
    "Secrets",
    "ServerError",
    "Tag",
    "TransportError",
    "UnexpectedResponseError",
    "ValidationError",
    "__version__",
    "create_symmetric_key",
    "decrypt_symmetric",
    "encrypt_symmetric",
]

_ERRORS = (
    "APIError ApprovalRequiredError AuthenticationError BadRequestError ConfigurationError "
    "ConflictError InfisicalError NotFoundError PermissionDeniedError RateLimitError "
    "ServerError TransportError UnexpectedResponseError ValidationError"
)
#: public name -> the module that defines it (imported on first access)
_LAZY: dict[str, str] = {
    "AsyncClient": "infisical_kit._async",
    "AsyncSecrets": "infisical_kit._async",
    "Client": "infisical_kit._sync",
    "Secrets": "infisical_kit._sync",
    "RetryPolicy": "infisical_kit._core.retry",
    "Scope": "infisical_kit._core.scope",
    "Config": "infisical_kit.config",
    "InvalidConfigError": "infisical_kit.config",
    **dict.fromkeys(
        ("CredentialChain", "CredentialProvider", "Credentials", "CredentialsNotFoundError"),
        "infisical_kit.credentials",
    ),
    **dict.fromkeys(
        (
            "DecryptionError",
            "EncryptedData",
            "create_symmetric_key",
            "decrypt_symmetric",
            "encrypt_symmetric",
        ),
        "infisical_kit.crypto",
    ),
    **dict.fromkeys(_ERRORS.split(), "infisical_kit.errors"),
    **dict.fromkeys(
        ("ImportedSecrets", "LoginResponse", "Secret", "SecretList", "SecretMetadata", "Tag"),
        "infisical_kit.models",
    ),
}


def __getattr__(name: str) -> Any:
    """Import the module behind a public name on first access, then cache the name here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'infisical_kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names (loaded or not) and the module's own attributes."""
    return sorted({*globals(), *__all__})

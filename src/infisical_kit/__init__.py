"""infisical-kit: a sync and async SDK for Infisical-compatible secret management.

    from infisical_kit import Client

    with Client("https://app.infisical.com", client_id=..., client_secret=...,
                project_id=..., environment="dev") as client:
        db_url = client.secrets.get("DB_URL").value

`AsyncClient` (also in `infisical_kit.aio`) has the same API with ``await``.
"""

from infisical_kit._async import AsyncClient, AsyncSecrets
from infisical_kit._core.retry import RetryPolicy
from infisical_kit._core.scope import Scope
from infisical_kit._sync import Client, Secrets
from infisical_kit._version import __version__
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

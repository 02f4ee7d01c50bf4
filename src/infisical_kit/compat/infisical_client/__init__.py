"""Drop-in for the legacy Python SDK ``infisical-python`` 2.3.5 (``import infisical_client``).

Replace ``from infisical_client import ...`` with ``from infisical_kit.compat.infisical_client
import ...``: `InfisicalClient(ClientSettings(...))`, ``getSecret`` / ``listSecrets`` /
``createSecret`` / ``updateSecret`` / ``deleteSecret``, the ``*Options`` classes and the local
``createSymmetricKey`` / ``encryptSymmetric`` / ``decryptSymmetric``, without the compiled
Rust core.
"""

from __future__ import annotations

from infisical_kit.compat.infisical_client.client import InfisicalClient
from infisical_kit.compat.infisical_client.schemas import (
    AuthenticationOptions,
    AWSIamAuthMethod,
    AzureAuthMethod,
    ClientSettings,
    CreateSecretOptions,
    DecryptSymmetricOptions,
    DecryptSymmetricResponse,
    DeleteSecretOptions,
    EncryptSymmetricOptions,
    EncryptSymmetricResponse,
    GCPIamAuthMethod,
    GCPIDTokenAuthMethod,
    GetSecretOptions,
    KubernetesAuthMethod,
    ListSecretsOptions,
    SecretElement,
    UniversalAuthMethod,
    UpdateSecretOptions,
)

__version__ = "2.3.5"

__all__ = [
    "AWSIamAuthMethod",
    "AuthenticationOptions",
    "AzureAuthMethod",
    "ClientSettings",
    "CreateSecretOptions",
    "DecryptSymmetricOptions",
    "DecryptSymmetricResponse",
    "DeleteSecretOptions",
    "EncryptSymmetricOptions",
    "EncryptSymmetricResponse",
    "GCPIDTokenAuthMethod",
    "GCPIamAuthMethod",
    "GetSecretOptions",
    "InfisicalClient",
    "KubernetesAuthMethod",
    "ListSecretsOptions",
    "SecretElement",
    "UniversalAuthMethod",
    "UpdateSecretOptions",
]

"""Drop-in for the official Python SDK ``infisicalsdk`` 1.0.18 (``import infisical_sdk``).

Replace ``from infisical_sdk import InfisicalSDKClient`` with
``from infisical_kit.compat.infisicalsdk import InfisicalSDKClient``; the response types are in
`infisical_kit.compat.infisicalsdk.api_types` and the exceptions in
`infisical_kit.compat.infisicalsdk.infisical_requests`, as in the original.
"""

from __future__ import annotations

from infisical_kit.compat.infisicalsdk.api_types import (
    BaseSecret,
    DynamicSecretProviders,
    KmsKeysOrderBy,
    ListSecretsResponse,
    OrderDirection,
    SingleSecretResponse,
    SymmetricEncryption,
)
from infisical_kit.compat.infisicalsdk.client import InfisicalSDKClient
from infisical_kit.compat.infisicalsdk.infisical_requests import APIError, InfisicalError

__all__ = [
    "APIError",
    "BaseSecret",
    "DynamicSecretProviders",
    "InfisicalError",
    "InfisicalSDKClient",
    "KmsKeysOrderBy",
    "ListSecretsResponse",
    "OrderDirection",
    "SingleSecretResponse",
    "SymmetricEncryption",
]

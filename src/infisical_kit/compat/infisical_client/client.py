"""`InfisicalClient` of the legacy ``infisical-python`` 2.3.5, on infisical-kit's `Client`."""

from __future__ import annotations

import os
import threading
from types import TracebackType
from typing import cast

from infisical_kit import Client
from infisical_kit import crypto as local_crypto
from infisical_kit._core.kinds import SecretType
from infisical_kit.compat.infisical_client import schemas as s
from infisical_kit.config import Config
from infisical_kit.credentials import (
    AwsIamProvider,
    AzureProvider,
    CredentialChain,
    CredentialProvider,
    Credentials,
    ExplicitProvider,
    GcpIamProvider,
    GcpIdTokenProvider,
    KubernetesProvider,
)
from infisical_kit.errors import APIError, ConfigurationError
from infisical_kit.models import Secret

__all__ = ["InfisicalClient", "legacy_credentials"]

_DEFAULT_SITE = "https://app.infisical.com"
_DEFAULT_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token"


def _secret_type(value: str | None) -> SecretType:
    """The legacy options' free-form type; the SDK rejects one it does not know."""
    return cast(SecretType, value or "shared")


def _method(auth: s.AuthenticationOptions) -> CredentialProvider | None:
    """The provider for the first method set in `auth` (the Rust core's order)."""
    if auth.access_token is not None:
        if not auth.access_token:
            raise ConfigurationError("access_token is present but is empty")
        return ExplicitProvider(Credentials.from_token(auth.access_token))
    if auth.universal_auth is not None:
        ua = auth.universal_auth
        if not ua.client_id or not ua.client_secret:
            raise ConfigurationError("universal_auth is present but client_id or secret is empty")
        return ExplicitProvider(Credentials.universal_auth(ua.client_id, ua.client_secret))
    if auth.gcp_id_token is not None:
        return GcpIdTokenProvider(auth.gcp_id_token.identity_id, name="legacy-gcp-id-token")
    if auth.gcp_iam is not None:
        gcp = auth.gcp_iam
        return GcpIamProvider(
            gcp.identity_id, key_file=gcp.service_account_key_file_path, name="legacy-gcp-iam"
        )
    if auth.aws_iam is not None:
        return AwsIamProvider(auth.aws_iam.identity_id, name="legacy-aws-iam")
    if auth.kubernetes is not None:
        k8s = auth.kubernetes
        path = k8s.service_account_token_path or _DEFAULT_TOKEN_PATH
        return KubernetesProvider(k8s.identity_id, path, name="legacy-kubernetes")
    if auth.azure is not None:
        return AzureProvider(auth.azure.identity_id, name="legacy-azure")
    return None


def _from_environment() -> s.AuthenticationOptions:
    """The legacy SDK's environment variables, in its order."""
    env = os.environ.get
    gcp_identity = env("INFISICAL_GCP_AUTH_IDENTITY_ID")
    if env("INFISICAL_ACCESS_TOKEN"):
        return s.AuthenticationOptions(access_token=env("INFISICAL_ACCESS_TOKEN"))
    client_id = env("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID")
    client_secret = env("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET")
    if client_id and client_secret:
        return s.AuthenticationOptions(
            universal_auth=s.UniversalAuthMethod(client_id, client_secret)
        )
    aws_identity = env("INFISICAL_AWS_IAM_AUTH_IDENTITY_ID")
    if aws_identity:
        return s.AuthenticationOptions(aws_iam=s.AWSIamAuthMethod(aws_identity))
    key_file = env("INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH")
    if key_file and gcp_identity:
        return s.AuthenticationOptions(gcp_iam=s.GCPIamAuthMethod(gcp_identity, key_file))
    if gcp_identity:
        return s.AuthenticationOptions(gcp_id_token=s.GCPIDTokenAuthMethod(gcp_identity))
    k8s_identity = env("INFISICAL_KUBERNETES_IDENTITY_ID")
    if k8s_identity:
        path = env("INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH")
        return s.AuthenticationOptions(kubernetes=s.KubernetesAuthMethod(k8s_identity, path))
    azure_identity = env("INFISICAL_AZURE_AUTH_IDENTITY_ID")
    if azure_identity:
        return s.AuthenticationOptions(azure=s.AzureAuthMethod(azure_identity))
    return s.AuthenticationOptions()


def legacy_credentials(settings: s.ClientSettings) -> CredentialProvider:
    """The credential of `settings` as the legacy SDK picks it: ``auth`` (the deprecated
    top-level fields moved into it), else its environment variables."""
    # a copy: the caller's settings are never changed
    auth = s.AuthenticationOptions(**vars(settings.auth or s.AuthenticationOptions()))
    if auth.access_token is None:
        auth.access_token = settings.access_token
    if settings.client_id is not None and settings.client_secret is not None:
        auth.universal_auth = s.UniversalAuthMethod(settings.client_id, settings.client_secret)
    provider = _method(auth) or _method(_from_environment())
    if provider is None:
        raise ConfigurationError(
            "no credentials: set ClientSettings(auth=AuthenticationOptions(...)) or "
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET "
            "(or INFISICAL_ACCESS_TOKEN)"
        )
    return provider


def _element(secret: Secret) -> s.SecretElement:
    return s.SecretElement(
        environment=secret.environment,
        secret_comment=secret.comment,
        secret_key=secret.key,
        secret_value=secret.value,
        type=secret.type,
        version=secret.version or 0,
        workspace=secret.project_id or "",
        is_fallback=False,
        secret_path=secret.secret_path,
    )


class InfisicalClient:
    """The legacy client: ``getSecret``, ``listSecrets``, ``createSecret``, ``updateSecret``,
    ``deleteSecret`` and the local ``*Symmetric*`` crypto, with the same option classes.

    Logs in on the first secret call (the crypto methods need no credentials), then renews
    and logs in again by itself. Reads are cached `ClientSettings.cache_ttl` seconds (default
    300; a cached answer is never older; 0 disables it). Unlike the original it has ``close()``
    and is a context manager.
    """

    def __init__(self, settings: s.ClientSettings | None = None, debug: bool = False) -> None:
        self._settings = settings or s.ClientSettings()
        self._debug = debug
        self._client: Client | None = None
        self._lock = threading.Lock()

    def _sdk(self) -> Client:
        """The infisical-kit client, built (credentials resolved) on first use."""
        with self._lock:
            if self._client is None:
                settings = self._settings
                options = {
                    "site_url": settings.site_url or _DEFAULT_SITE,
                    "cache_ttl": 300 if settings.cache_ttl is None else settings.cache_ttl,
                    "verify": settings.ssl_certificate_path,
                    "user_agent": settings.user_agent,
                    "echo": self._debug or None,
                }
                # the environment too: INFISICAL_SSL_CERTIFICATE (PEM text) as in the original
                config = Config.from_env(**{k: v for k, v in options.items() if v is not None})
                chain = CredentialChain([legacy_credentials(settings)])
                self._client = Client(config=config, credentials=chain)
            return self._client

    def getSecret(self, options: s.GetSecretOptions) -> s.SecretElement:
        """One secret; if the server refuses, the environment variable of the same name
        (``is_fallback=True``), else the error."""
        try:
            secret = self._sdk().secrets.get(
                options.secret_name,
                project_id=options.project_id,
                environment=options.environment,
                secret_path=options.path or "/",
                type=_secret_type(options.type),
                expand_secret_references=options.expand_secret_references is not False,
                include_imports=bool(options.include_imports),
            )
        except APIError:
            fallback = os.environ.get(options.secret_name)
            if fallback is None:
                raise
            return s.SecretElement(
                environment="",
                secret_comment="",
                secret_key=options.secret_name,
                secret_value=fallback,
                type="",
                version=0,
                workspace="",
                is_fallback=True,
            )
        return _element(secret)

    def listSecrets(self, options: s.ListSecretsOptions) -> list[s.SecretElement]:
        """The folder's secrets (one per key); `attach_to_process_env` sets the variables
        that are not set yet."""
        secrets = self._sdk().secrets.list(
            project_id=options.project_id,
            environment=options.environment,
            secret_path=options.path or "/",
            recursive=bool(options.recursive),
            include_imports=bool(options.include_imports),
            expand_secret_references=options.expand_secret_references is not False,
        )
        if options.recursive:  # one secret per key: the last folder listed wins
            secrets = list({secret.key: secret for secret in secrets}.values())
        elements = [_element(secret) for secret in secrets]
        if options.attach_to_process_env:
            for element in elements:
                if os.environ.get(element.secret_key) is None:
                    os.environ[element.secret_key] = element.secret_value
        return elements

    def updateSecret(self, options: s.UpdateSecretOptions) -> s.SecretElement:
        """Change a secret's value."""
        secret = self._sdk().secrets.update(
            options.secret_name,
            options.secret_value,
            type=_secret_type(options.type),
            skip_multiline_encoding=options.skip_multiline_encoding,
            project_id=options.project_id,
            environment=options.environment,
            secret_path=options.path or "/",
        )
        return _element(secret)

    def deleteSecret(self, options: s.DeleteSecretOptions) -> s.SecretElement:
        """Delete a secret; returns it as it was."""
        secret = self._sdk().secrets.delete(
            options.secret_name,
            type=_secret_type(options.type),
            project_id=options.project_id,
            environment=options.environment,
            secret_path=options.path or "/",
        )
        return _element(secret)

    def createSecret(self, options: s.CreateSecretOptions) -> s.SecretElement:
        """Create a secret."""
        secret = self._sdk().secrets.create(
            options.secret_name,
            options.secret_value,
            comment=options.secret_comment,
            type=_secret_type(options.type),
            skip_multiline_encoding=options.skip_multiline_encoding,
            project_id=options.project_id,
            environment=options.environment,
            secret_path=options.path or "/",
        )
        return _element(secret)

    def createSymmetricKey(self) -> str:
        """A new random 256-bit key, base64."""
        return local_crypto.create_symmetric_key()

    def encryptSymmetric(self, options: s.EncryptSymmetricOptions) -> s.EncryptSymmetricResponse:
        """AES-256-GCM encryption of `options.plaintext` with `options.key`."""
        sealed = local_crypto.encrypt_symmetric(options.plaintext, options.key)
        return s.EncryptSymmetricResponse(sealed.ciphertext, sealed.iv, sealed.tag)

    def decryptSymmetric(self, options: s.DecryptSymmetricOptions) -> str:
        """The text `encryptSymmetric` encrypted (`DecryptionError` if anything is off)."""
        return local_crypto.decrypt_symmetric(
            options.ciphertext, options.iv, options.tag, options.key
        )

    def close(self) -> None:
        """Close the connection pool and drop the cache."""
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> InfisicalClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"InfisicalClient(site_url={self._settings.site_url or _DEFAULT_SITE!r})"

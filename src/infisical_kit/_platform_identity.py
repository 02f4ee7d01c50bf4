"""What the cloud login providers fetch: AWS keys, GCP and Azure identity tokens.

Each function does the I/O of one platform and raises `ConfigurationError` with a message
that says what to fix; none logs or echoes a key or a token. The providers in
`infisical_kit.credentials` call them at every login (and once when a client is built).

* AWS: the standard credential chain of ``botocore`` (environment, ``~/.aws``, SSO, web
  identity, container and instance metadata ...), extra ``[aws]``.
* GCP ID token: the metadata server, ``http://$GCE_METADATA_HOST`` (as google-auth; default
  ``metadata.google.internal``), ``.../service-accounts/default/identity?audience=<identity>``.
* GCP IAM: a JWT ``{sub: <service account>, aud: <identity>}`` signed with the service
  account's key file through ``google-auth`` (extra ``[gcp]``), no network.
* Azure: the managed identity's token from IMDS, ``$AZURE_POD_IDENTITY_AUTHORITY_HOST`` (as
  azure-identity; default ``http://169.254.169.254``) ``/metadata/identity/oauth2/token``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from infisical_kit.errors import ConfigurationError

__all__ = [
    "AZURE_DEFAULT_RESOURCE",
    "AwsKeys",
    "aws_ec2_region",
    "aws_keys",
    "azure_token",
    "gcp_iam_jwt",
    "gcp_id_token",
]

AZURE_DEFAULT_RESOURCE = "https://management.azure.com/"
GCE_METADATA_HOST = "metadata.google.internal"
METADATA_TIMEOUT = httpx.Timeout(5.0, connect=2.0)
GCP_IAM_JWT_LIFETIME = 900  # seconds; Infisical verifies the JWT right away


@dataclass(frozen=True, repr=False)
class AwsKeys:
    """A snapshot of AWS credentials and the region to sign for (never shown)."""

    access_key_id: str
    secret_access_key: str
    session_token: str | None
    region: str


def _extra_missing(method: str, package: str, extra: str) -> ConfigurationError:
    return ConfigurationError(
        f"{method} needs the {package} package: pip install 'infisical-kit[{extra}]'"
    )


def aws_keys() -> AwsKeys:
    """The current AWS credentials from botocore's standard chain (a new session each time,
    so that rotated keys and files are seen) and the region to sign for."""
    try:
        import botocore.session
    except ImportError:
        raise _extra_missing("AWS IAM auth", "botocore", "aws") from None
    session = botocore.session.get_session()
    credentials = session.get_credentials()
    if credentials is None:
        raise ConfigurationError(
            "AWS IAM auth: no AWS credentials found (botocore's chain: AWS_ACCESS_KEY_ID/"
            "AWS_SECRET_ACCESS_KEY, AWS_PROFILE and ~/.aws, web identity, container or "
            "instance metadata)"
        )
    frozen = credentials.get_frozen_credentials()
    region = session.get_config_variable("region") or "us-east-1"
    return AwsKeys(frozen.access_key, frozen.secret_key, frozen.token or None, str(region))


def aws_ec2_region(environ: Mapping[str, str] | None = None) -> str:
    """The region of this EC2 instance from its identity document (IMDSv2: a session token
    first); ``AWS_EC2_METADATA_SERVICE_ENDPOINT`` overrides ``http://169.254.169.254``, as
    botocore."""
    env = os.environ if environ is None else environ
    base = (env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") or "http://169.254.169.254").rstrip("/")
    what, url = "AWS region", f"{base}/latest/api/token"
    try:
        answer = httpx.put(
            url,
            headers={"X-aws-ec2-metadata-token-ttl-seconds": "21600"},
            timeout=METADATA_TIMEOUT,
            trust_env=False,
        )
    except httpx.HTTPError as exc:
        raise ConfigurationError(f"{what}: {url} did not answer ({exc})") from None
    if answer.status_code != 200:
        raise ConfigurationError(f"{what}: {url} answered HTTP {answer.status_code}")
    headers = {"X-aws-ec2-metadata-token": answer.text, "Accept": "application/json"}
    document = _get(f"{base}/latest/dynamic/instance-identity/document", headers, what)
    try:
        region = document.json().get("region")
    except (ValueError, AttributeError):
        region = None
    if not isinstance(region, str) or not region:
        raise ConfigurationError(f"{what}: the instance identity document names no region")
    return region


def _get(url: str, headers: Mapping[str, str], what: str) -> httpx.Response:
    try:
        response = httpx.get(url, headers=dict(headers), timeout=METADATA_TIMEOUT, trust_env=False)
    except httpx.HTTPError as exc:
        raise ConfigurationError(f"{what}: {url.split('?')[0]} did not answer ({exc})") from None
    if response.status_code != 200:
        raise ConfigurationError(
            f"{what}: {url.split('?')[0]} answered HTTP {response.status_code}"
        )
    return response


def gcp_id_token(identity_id: str, environ: Mapping[str, str] | None = None) -> str:
    """An identity token for audience `identity_id` from the GCE metadata server."""
    env = os.environ if environ is None else environ
    host = env.get("GCE_METADATA_HOST") or env.get("GCE_METADATA_ROOT") or GCE_METADATA_HOST
    query = httpx.QueryParams({"audience": identity_id, "format": "full"})
    url = f"http://{host}/computeMetadata/v1/instance/service-accounts/default/identity?{query}"
    response = _get(url, {"Metadata-Flavor": "Google"}, "GCP ID token auth")
    token = response.text.strip()
    if token.count(".") != 2:
        raise ConfigurationError("GCP ID token auth: the metadata server returned no JWT")
    return token


def gcp_iam_jwt(identity_id: str, key_file: str, *, now: float | None = None) -> str:
    """A JWT for `identity_id`, signed with the service-account key in `key_file`."""
    try:
        from google.auth import crypt
        from google.auth import jwt as google_jwt
    except ImportError:
        raise _extra_missing("GCP IAM auth", "google-auth", "gcp") from None
    try:
        info = json.loads(Path(key_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ConfigurationError(
            f"GCP IAM auth: cannot read a JSON service-account key from {key_file}"
        ) from None
    email = info.get("client_email") if isinstance(info, dict) else None
    if not isinstance(email, str) or not email:
        raise ConfigurationError(f"GCP IAM auth: {key_file} is not a service-account key")
    try:
        signer = crypt.RSASigner.from_service_account_info(info)  # type: ignore[no-untyped-call]
    except (ValueError, KeyError):
        raise ConfigurationError(f"GCP IAM auth: {key_file} holds no usable private key") from None
    issued = int(time.time() if now is None else now)
    expires = issued + GCP_IAM_JWT_LIFETIME
    payload = {"sub": email, "aud": identity_id, "iat": issued, "exp": expires}
    token: bytes = google_jwt.encode(signer, payload)  # type: ignore[no-untyped-call]
    return token.decode("ascii")


def azure_token(
    resource: str = AZURE_DEFAULT_RESOURCE,
    client_id: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The managed identity's access token for `resource` from IMDS (`client_id`: a
    user-assigned identity)."""
    env = os.environ if environ is None else environ
    base = (env.get("AZURE_POD_IDENTITY_AUTHORITY_HOST") or "http://169.254.169.254").rstrip("/")
    params = {"api-version": "2018-02-01", "resource": resource}
    if client_id:
        params["client_id"] = client_id
    url = f"{base}/metadata/identity/oauth2/token?{httpx.QueryParams(params)}"
    response = _get(url, {"Metadata": "true", "Accept": "application/json"}, "Azure auth")
    try:
        token = response.json().get("access_token")
    except ValueError:
        token = None
    if not isinstance(token, str) or token.count(".") != 2:
        raise ConfigurationError("Azure auth: the managed identity endpoint returned no token")
    return token

"""AWS IAM auth: send the machine's signed ``sts:GetCallerIdentity`` to STS and read who it is.

The machine signs the request with its AWS keys; this server never sees them. As Infisical,
the request goes to ``https://sts.<region>.amazonaws.com`` (the region of the signature's
credential scope) or, without one, to the identity's ``stsEndpoint``. The server's
``INFISICAL_KIT_AWS_STS_ENDPOINT`` (a LOCAL-SERVER EXTENSION) sends every such request to one
endpoint instead, e.g. a ``moto`` server in tests: the signed ``Host`` header goes with it,
so the signature still verifies there.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import httpx

from ..errors import bad_request, unauthorized

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_REGION = re.compile(r"^[a-z0-9-]{1,20}$")
_HOP_BY_HOP = {"content-length", "connection", "transfer-encoding", "keep-alive"}


@dataclass(frozen=True)
class Caller:
    """What STS says about the signer."""

    account: str
    arn: str
    user_id: str


def _decode(text: str, what: str) -> str:
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise bad_request(f"{what} is not base64") from None


def _region(headers: dict[str, str]) -> str | None:
    auth = next((v for k, v in headers.items() if k.lower() == "authorization"), "")
    for field in auth.replace(",", " ").split():
        if field.startswith("Credential="):
            parts = field.split("/")
            return parts[2] if len(parts) >= 3 else None
    return None


def _parse(response: httpx.Response) -> Caller:
    try:
        result = response.json()["GetCallerIdentityResponse"]["GetCallerIdentityResult"]
        return Caller(str(result["Account"]), str(result["Arn"]), str(result.get("UserId", "")))
    except (ValueError, KeyError, TypeError):
        pass
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        raise unauthorized("Access denied: AWS STS answered neither JSON nor XML") from None
    values = {el.tag.rsplit("}", 1)[-1]: (el.text or "").strip() for el in root.iter()}
    if not values.get("Arn") or not values.get("Account"):
        raise unauthorized("Access denied: AWS STS did not name the caller")
    return Caller(values["Account"], values["Arn"], values.get("UserId", ""))


def _error_code(response: httpx.Response) -> str:
    match = re.search(rb"<Code>([A-Za-z.]{1,64})</Code>", response.content)
    return match.group(1).decode() if match else f"HTTP {response.status_code}"


def get_caller_identity(
    method: str,
    body_b64: str,
    headers_b64: str,
    default_endpoint: str,
    endpoint_override: str | None = None,
) -> Caller:
    """Send the signed request to STS; 401 when STS refuses it, 400 when it is malformed."""
    if method.upper() not in ("POST", "GET"):
        raise bad_request("iamHttpRequestMethod must be POST")
    try:
        decoded: Any = json.loads(_decode(headers_b64, "iamRequestHeaders"))
    except ValueError:
        raise bad_request("iamRequestHeaders is not base64 of a JSON object") from None
    if not isinstance(decoded, dict) or not all(isinstance(v, str) for v in decoded.values()):
        raise bad_request("iamRequestHeaders is not base64 of a JSON object of strings")
    body = _decode(body_b64, "iamRequestBody")
    headers = {k: v for k, v in decoded.items() if k.lower() not in _HOP_BY_HOP}
    region = _region(headers)
    if region is not None and not _REGION.match(region):
        raise bad_request("Invalid AWS region")
    url = endpoint_override or (
        f"https://sts.{region}.amazonaws.com/" if region else default_endpoint
    )
    headers.setdefault("Accept", "application/json")
    try:
        response = httpx.request(
            method.upper(), url, headers=headers, content=body.encode("utf-8"),
            timeout=TIMEOUT, trust_env=False,
        )  # fmt: skip
    except httpx.HTTPError as exc:
        raise unauthorized(f"Access denied: AWS STS at {url} did not answer ({exc})") from None
    if response.status_code != 200:
        code = _error_code(response)
        raise unauthorized(f"Access denied: AWS STS refused the signed request ({code})")
    return _parse(response)


def principal_arn(arn: str) -> str:
    """Infisical's ``extractPrincipalArn``: ``arn:aws:iam::<account>:<type>/<name>`` for a
    user, role (an assumed role's session dropped) or instance profile; 401 otherwise."""
    parts = arn.split(":")
    if len(parts) != 6 or parts[0] != "arn" or parts[2] not in ("iam", "sts"):
        raise unauthorized("Access denied: unrecognized AWS ARN")
    account, resource = parts[4], parts[5]
    pieces = resource.split("/")
    kind = pieces[0]
    if len(pieces) < 2 or kind not in ("assumed-role", "user", "role", "instance-profile"):
        raise unauthorized("Access denied: unrecognized AWS principal type")
    if kind == "assumed-role":
        if len(pieces) < 3:
            raise unauthorized("Access denied: unrecognized AWS ARN")
        return f"arn:aws:iam::{account}:role/{pieces[1]}"
    return f"arn:aws:iam::{account}:{kind}/{pieces[-1]}"


def arn_allowed(arn: str, allowed: list[str]) -> bool:
    """Whether the principal of `arn` matches one of `allowed` (``*`` matches anything)."""
    principal = principal_arn(arn)
    for pattern in allowed:
        regex = "^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$"
        if re.match(regex, principal) or re.match(regex, arn):
            return True
    return False

"""AWS Signature Version 4 of the one request AWS IAM auth needs: ``sts:GetCallerIdentity``.

Infisical verifies a machine's AWS identity by sending the request the machine signed to AWS
STS (the server never sees the secret key). The signature is computed here in plain Python
(``hmac`` + ``hashlib``), exactly as botocore's ``SigV4Auth`` computes it for the same headers
(a unit test compares the two), so the SDK needs botocore only to FIND the keys. No I/O.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timezone

__all__ = ["STS_BODY", "SignedRequest", "sign_get_caller_identity"]

STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15"
CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8"
ALGORITHM = "AWS4-HMAC-SHA256"


@dataclass(frozen=True, repr=False)
class SignedRequest:
    """The signed request: method, URL, body and headers (``Authorization`` included)."""

    method: str
    url: str
    body: str
    headers: dict[str, str]


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign_get_caller_identity(
    access_key_id: str,
    secret_access_key: str,
    session_token: str | None,
    region: str,
    now: datetime,
) -> SignedRequest:
    """``POST https://sts.<region>.amazonaws.com/`` with the GetCallerIdentity form body,
    signed at `now` (UTC) for service ``sts`` in `region`."""
    when = now.astimezone(timezone.utc)
    amz_date = when.strftime("%Y%m%dT%H%M%SZ")
    day = when.strftime("%Y%m%d")
    host = f"sts.{region}.amazonaws.com"
    headers = {"Content-Type": CONTENT_TYPE, "Host": host, "X-Amz-Date": amz_date}
    if session_token:
        headers["X-Amz-Security-Token"] = session_token
    canonical = sorted((name.lower(), " ".join(value.split())) for name, value in headers.items())
    signed_headers = ";".join(name for name, _ in canonical)
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            "".join(f"{name}:{value}\n" for name, value in canonical),
            signed_headers,
            _sha256(STS_BODY),
        ]
    )
    scope = f"{day}/{region}/sts/aws4_request"
    string_to_sign = "\n".join([ALGORITHM, amz_date, scope, _sha256(canonical_request)])
    key = _hmac(f"AWS4{secret_access_key}".encode(), day)
    for part in (region, "sts", "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["Authorization"] = (
        f"{ALGORITHM} Credential={access_key_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )
    return SignedRequest("POST", f"https://{host}/", STS_BODY, headers)

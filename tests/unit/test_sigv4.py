"""Our SigV4 of ``sts:GetCallerIdentity`` is byte for byte botocore's (``SigV4Auth``)."""

from __future__ import annotations

import base64
import datetime
import json

import pytest

from infisical_kit._core.auth import aws_iam_login
from infisical_kit._core.sigv4 import STS_BODY, sign_get_caller_identity

botocore_auth = pytest.importorskip("botocore.auth")
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402

NOW = datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("token", [None, "FwoGZXIvYXdzEXAMPLETOKEN"])
@pytest.mark.parametrize("region", ["us-east-1", "eu-central-1"])
def test_signature_matches_botocore(
    token: str | None, region: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(botocore_auth, "get_current_datetime", lambda: NOW.replace(tzinfo=None))
    ours = sign_get_caller_identity("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", token, region, NOW)
    request = AWSRequest(method="POST", url=ours.url, data=STS_BODY)
    for name in ("Content-Type", "Host", "X-Amz-Date"):
        request.headers[name] = ours.headers[name]
    signer = botocore_auth.SigV4Auth(
        Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", token), "sts", region
    )
    signer.add_auth(request)
    assert ours.headers["Authorization"] == request.headers["Authorization"]
    assert ours.headers.get("X-Amz-Security-Token") == request.headers.get("X-Amz-Security-Token")
    assert ours.url == f"https://sts.{region}.amazonaws.com/"


def test_login_body_is_what_infisical_forwards() -> None:
    request = aws_iam_login("identity-1", "AKIDEXAMPLE", "secret", None, "us-west-2", NOW)
    body = request.json
    assert body["identityId"] == "identity-1" and body["iamHttpRequestMethod"] == "POST"
    assert base64.b64decode(body["iamRequestBody"]).decode() == STS_BODY
    assert (
        base64.b64decode(body["iamRequestUrl"]).decode() == "https://sts.us-west-2.amazonaws.com/"
    )
    headers = json.loads(base64.b64decode(body["iamRequestHeaders"]))
    assert headers["Host"] == "sts.us-west-2.amazonaws.com"
    assert "Credential=AKIDEXAMPLE/20260304/us-west-2/sts/aws4_request" in headers["Authorization"]
    assert "secret" not in json.dumps(body)
    assert request.authenticated is False

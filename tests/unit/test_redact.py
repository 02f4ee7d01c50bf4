"""Redaction of headers and JSON bodies for logs."""

from __future__ import annotations

import json

from infisical_kit._core.redact import MASK, redact_body, redact_headers, redact_json


def test_headers() -> None:
    out = redact_headers({"Authorization": "Bearer abc.def", "Accept": "application/json"})
    assert out == {"Authorization": f"Bearer {MASK}", "Accept": "application/json"}
    assert redact_headers([("x-api-key", "k"), ("Cookie", "jid=1")]) == {
        "x-api-key": MASK,
        "Cookie": MASK,
    }


def test_json_at_any_depth() -> None:
    body = {
        "clientId": "id",
        "clientSecret": "s3cret",
        "accessToken": "tok",
        "secrets": [{"secretKey": "K", "secretValue": "v"}],
        "nested": {"password": "pw", "client_secret": "x"},
    }
    out = redact_json(body)
    assert out["clientId"] == "id" and out["secrets"][0]["secretKey"] == "K"
    assert out["clientSecret"] == out["accessToken"] == MASK
    assert out["secrets"][0]["secretValue"] == MASK
    assert out["nested"] == {"password": MASK, "client_secret": MASK}
    assert body["clientSecret"] == "s3cret"  # the input is not modified


def test_body_rendering() -> None:
    raw = json.dumps({"secretValue": "hunter2", "environment": "dev"}).encode()
    rendered = redact_body(raw, "application/json")
    assert "hunter2" not in rendered and "dev" in rendered
    assert redact_body(b"secret=hunter2", "application/x-www-form-urlencoded") == "<14 bytes>"
    assert redact_body(b"") == ""


def test_query_strings_and_more_keys() -> None:
    from infisical_kit._core.redact import redact_url

    url = "/api/v4/secrets/DB?projectId=p&token=abc&access_token=xyz&environment=dev"
    out = redact_url(url)
    assert "abc" not in out and "xyz" not in out
    assert (
        "projectId=p" in out and "environment=dev" in out and out.startswith("/api/v4/secrets/DB?")
    )
    assert redact_url("/api/status") == "/api/status"
    body = {"plaintext": "p", "ciphertext": "c", "secretMetadata": [{"key": "k", "value": "v"}]}
    out_json = redact_json(body)
    assert out_json["plaintext"] == out_json["ciphertext"] == MASK
    assert out_json["secretMetadata"] == [{"key": "k", "value": MASK}]

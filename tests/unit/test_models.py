"""Models parse real server bodies, tolerate unknown/missing fields, and hide values in repr."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError as PydanticValidationError

from infisical_kit import LoginResponse, Secret, SecretList

# Recorded from a real Infisical server (a copy of shared/reference/captures, kept with the tests).
CAPTURES = Path(__file__).resolve().parents[1] / "compat" / "captures"
RESPONSES = CAPTURES / "real-infisical-2024-10-responses.json"


def _captures() -> dict[str, dict[str, Any]]:
    return {item["label"]: item for item in json.loads(RESPONSES.read_text())}


def test_secret_from_real_create_response() -> None:
    body = _captures()["create"]["response"]["secret"]
    secret = Secret.model_validate(body)
    assert secret.key == "DB_URL" and secret.value == "postgres://x" and secret.comment == "db"
    assert secret.id == body["id"] and secret.project_id == body["workspace"]
    assert secret.version == 1 and secret.type == "shared" and secret.environment == "dev"


def test_every_captured_secret_parses() -> None:
    count = 0
    for item in _captures().values():
        response = item["response"]
        if isinstance(response, dict) and isinstance(response.get("secret"), dict):
            Secret.model_validate(response["secret"])
            count += 1
        if isinstance(response, dict) and isinstance(response.get("secrets"), list):
            SecretList.model_validate(response)
            count += 1
    assert count >= 10


def test_login_from_real_response() -> None:
    login = LoginResponse.model_validate(_captures()["ua-login"]["response"])
    assert login.access_token.startswith("eyJ") and login.expires_in > 0
    assert login.token_type == "Bearer"
    assert login.access_token not in repr(login) and login.access_token not in str(login)


def test_unknown_fields_are_ignored_and_missing_ones_defaulted() -> None:
    secret = Secret.model_validate({"secretKey": "K", "brandNewField": {"x": 1}})
    assert secret.key == "K" and secret.value == "" and secret.tags == ()
    assert secret.created_at is None and secret.updated_at is None and secret.version is None


def test_nulls_fall_back_to_defaults() -> None:
    secret = Secret.model_validate(
        {
            "secretKey": "K",
            "secretComment": None,
            "skipMultilineEncoding": None,
            "secretMetadata": None,
            "tags": None,
        }
    )
    assert secret.comment == "" and secret.skip_multiline_encoding is False
    assert secret.secret_metadata == () and secret.tags == ()


def test_aliases_and_timestamps() -> None:
    secret = Secret.model_validate(
        {
            "_id": "abc",
            "projectId": "p",
            "workspace": "w",
            "secretKey": "K",
            "secretValue": "<hidden-by-infisical>",
            "secretValueHidden": True,
            "secretPath": "/app",
            "tags": [{"id": "t", "slug": "prod", "name": "prod", "extra": 1}],
            "secretMetadata": [{"key": "k", "value": "v", "isEncrypted": False}],
            "createdAt": "2023-11-07T05:31:56.000Z",
        }
    )
    assert secret.id == "abc" and secret.project_id == "p" and secret.value_hidden
    assert secret.secret_path == "/app" and secret.tags[0].slug == "prod"
    assert secret.secret_metadata[0].key == "k"
    assert isinstance(secret.created_at, datetime) and secret.created_at.year == 2023
    assert Secret(key="K", value="v").key == "K"  # snake_case names work too


def test_repr_and_str_never_show_the_value() -> None:
    secret = Secret.model_validate({"secretKey": "DB_PASSWORD", "secretValue": "hunter2-xyz"})
    for text in (repr(secret), str(secret), repr([secret]), f"{secret}"):
        assert "hunter2-xyz" not in text
    assert "DB_PASSWORD" in repr(secret)


def test_legacy_sdk_attribute_names_are_read_only_aliases() -> None:
    """Code written for the legacy official SDK / infisical-httpx-sdk reads these names."""
    secret = Secret.model_validate(
        {
            "secretKey": "DB_PASSWORD",
            "secretValue": "s3cr3t-value",
            "secretComment": "rotated monthly",
            "secretPath": "/app",
        }
    )
    assert secret.secret_key == "DB_PASSWORD" == secret.key
    assert secret.secret_value == "s3cr3t-value" == secret.value
    assert secret.secret_comment == "rotated monthly" == secret.comment
    assert secret.secret_path == "/app"
    text = repr(secret) + str(secret)
    assert "s3cr3t-value" not in text
    assert "secret_key" not in text and "secret_value" not in text
    assert "secret_comment" not in text
    dumped = secret.model_dump()
    assert "secret_key" not in dumped and "secret_value" not in dumped
    for name in ("secret_key", "secret_value", "secret_comment"):
        with pytest.raises((AttributeError, PydanticValidationError)):
            setattr(secret, name, "changed")
    assert secret.secret_value == "s3cr3t-value"

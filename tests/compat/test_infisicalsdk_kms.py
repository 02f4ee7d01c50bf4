"""The official ``infisicalsdk`` KMS client (``client.kms``) works against our server unchanged."""

from __future__ import annotations

import base64
import uuid

import pytest
from infisical_sdk import InfisicalSDKClient
from infisical_sdk.api_types import SymmetricEncryption
from infisical_sdk.infisical_requests import APIError

from infisical_kit.testing import LocalServer


def test_kms_key_lifecycle(sdk: InfisicalSDKClient, infisical_server: LocalServer) -> None:
    project = infisical_server.bootstrap["project_id"]
    name = f"sdk-{uuid.uuid4().hex[:8]}"

    key = sdk.kms.create_key(
        name=name,
        project_id=project,
        encryption_algorithm=SymmetricEncryption.AES_GCM_256,
        description="made by infisicalsdk",
    )
    assert (key.name, key.projectId, key.isDisabled) == (name, project, False)
    assert key.description == "made by infisicalsdk"

    listed = sdk.kms.list_keys(project_id=project)
    assert key.id in [k.id for k in listed.keys]
    assert listed.totalCount >= 1
    searched = sdk.kms.list_keys(project_id=project, search=name)
    assert [k.id for k in searched.keys] == [key.id]

    assert sdk.kms.get_key_by_id(key_id=key.id).name == name
    assert sdk.kms.get_key_by_name(key_name=name, project_id=project).id == key.id

    renamed = sdk.kms.update_key(key_id=key.id, name=name + "-2", description="updated")
    assert (renamed.name, renamed.description, renamed.isDisabled) == (
        name + "-2",
        "updated",
        False,
    )

    plaintext = base64.b64encode(b"hello from the official sdk").decode()
    ciphertext = sdk.kms.encrypt_data(key_id=key.id, base64EncodedPlaintext=plaintext)
    assert ciphertext != plaintext
    assert sdk.kms.decrypt_data(key_id=key.id, ciphertext=ciphertext) == plaintext

    disabled = sdk.kms.update_key(key_id=key.id, is_disabled=True)
    assert disabled.isDisabled is True and disabled.name == name + "-2"
    with pytest.raises(APIError):
        sdk.kms.encrypt_data(key_id=key.id, base64EncodedPlaintext=plaintext)

    deleted = sdk.kms.delete_key(key_id=key.id)
    assert deleted.id == key.id
    with pytest.raises(APIError) as info:
        sdk.kms.get_key_by_id(key_id=key.id)
    assert info.value.status_code == 404


def test_aes_128_key(sdk: InfisicalSDKClient, infisical_server: LocalServer) -> None:
    project = infisical_server.bootstrap["project_id"]
    key = sdk.kms.create_key(
        name=f"sdk128-{uuid.uuid4().hex[:6]}",
        project_id=project,
        encryption_algorithm=SymmetricEncryption.AES_GCM_128,
    )
    assert key.encryptionAlgorithm in (SymmetricEncryption.AES_GCM_128, "aes-128-gcm")
    plaintext = base64.b64encode(b"\x00\x01\x02").decode()
    ciphertext = sdk.kms.encrypt_data(key_id=key.id, base64EncodedPlaintext=plaintext)
    assert sdk.kms.decrypt_data(key_id=key.id, ciphertext=ciphertext) == plaintext
    sdk.kms.delete_key(key_id=key.id)

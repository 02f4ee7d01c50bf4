"""Local AES-256-GCM helpers: round trip, format, a known vector, failure modes."""

from __future__ import annotations

import base64

import pytest

from infisical_kit import (
    DecryptionError,
    create_symmetric_key,
    decrypt_symmetric,
    encrypt_symmetric,
)


def test_round_trip_and_format() -> None:
    key = create_symmetric_key()
    assert len(key) == 44 and len(base64.b64decode(key)) == 32
    data = encrypt_symmetric("héllo wörld", key)
    assert len(base64.b64decode(data.iv)) == 12 and len(base64.b64decode(data.tag)) == 16
    assert len(base64.b64decode(data.ciphertext)) == len("héllo wörld".encode())
    assert decrypt_symmetric(data.ciphertext, data.iv, data.tag, key) == "héllo wörld"
    assert data.ciphertext not in repr(data)


def test_known_vector_gcm_spec_test_case_14() -> None:
    # McGrew & Viega GCM spec, test case 14: AES-256, zero key, zero 96-bit IV, 16 zero bytes.
    b64 = base64.b64encode
    key = b64(bytes(32)).decode()
    ciphertext = b64(bytes.fromhex("cea7403d4d606b6e074ec5d3baf39d18")).decode()
    tag = b64(bytes.fromhex("d0d1c8a799996bf0265b98b5d48ab919")).decode()
    iv = b64(bytes(12)).decode()
    assert decrypt_symmetric(ciphertext, iv, tag, key) == "\x00" * 16


def test_empty_plaintext_gives_spec_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    # Test case 13: empty plaintext -> tag 530f8afb...; the IV is forced to zeros.
    monkeypatch.setattr("infisical_kit.crypto.os.urandom", lambda n: bytes(n))
    data = encrypt_symmetric("", base64.b64encode(bytes(32)).decode())
    assert data.ciphertext == ""
    assert base64.b64decode(data.tag).hex() == "530f8afbc74536b9a963b4f1c4cb738b"


def test_tampering_and_bad_input_raise_decryption_error() -> None:
    key = create_symmetric_key()
    data = encrypt_symmetric("x", key)
    with pytest.raises(DecryptionError, match="authentication failed"):
        decrypt_symmetric(data.ciphertext, data.iv, data.tag, create_symmetric_key())
    with pytest.raises(DecryptionError, match="base64"):
        decrypt_symmetric("!!", data.iv, data.tag, key)
    with pytest.raises(DecryptionError, match="32 bytes"):
        encrypt_symmetric("x", base64.b64encode(b"short").decode())

"""Pure KMS cryptography (no database): key generation, AES-GCM, RSA/ECDSA sign and verify.

Symmetric ciphertexts are ``nonce (12) || ciphertext || tag (16)`` bound to the key id as
associated data. Asymmetric key material is the PKCS#8 DER private key.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ENCRYPT_DECRYPT = "encrypt-decrypt"
SIGN_VERIFY = "sign-verify"
SYMMETRIC_KEY_BYTES = {"aes-256-gcm": 32, "aes-128-gcm": 16}
SIGNING_ALGORITHMS: dict[str, tuple[str, ...]] = {
    "RSA_4096": (
        "RSASSA_PSS_SHA_256",
        "RSASSA_PSS_SHA_384",
        "RSASSA_PSS_SHA_512",
        "RSASSA_PKCS1_V1_5_SHA_256",
        "RSASSA_PKCS1_V1_5_SHA_384",
        "RSASSA_PKCS1_V1_5_SHA_512",
    ),
    "ECC_NIST_P256": ("ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512"),
}
NONCE_SIZE = 12
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "256": hashes.SHA256,
    "384": hashes.SHA384,
    "512": hashes.SHA512,
}


class KmsCryptoError(Exception):
    """A KMS operation failed for a reason the caller caused (bad ciphertext, bad digest)."""


def generate_material(algorithm: str) -> bytes:
    """New key material for ``algorithm`` (raw AES key, or PKCS#8 DER private key)."""
    if algorithm in SYMMETRIC_KEY_BYTES:
        return secrets.token_bytes(SYMMETRIC_KEY_BYTES[algorithm])
    private: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if algorithm == "RSA_4096":
        private = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    elif algorithm == "ECC_NIST_P256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        raise KmsCryptoError(f"Unsupported key algorithm '{algorithm}'")
    return private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def encrypt(material: bytes, plaintext: bytes, key_id: str) -> bytes:
    """AES-GCM encrypt ``plaintext`` under a symmetric key; bound to ``key_id``."""
    nonce = secrets.token_bytes(NONCE_SIZE)
    return nonce + AESGCM(material).encrypt(nonce, plaintext, key_id.encode())


def decrypt(material: bytes, blob: bytes, key_id: str) -> bytes:
    """Open a blob made by :func:`encrypt` with the same key."""
    if len(blob) < NONCE_SIZE + 16:
        raise KmsCryptoError("The ciphertext is too short to have been made by this key")
    try:
        return AESGCM(material).decrypt(blob[:NONCE_SIZE], blob[NONCE_SIZE:], key_id.encode())
    except InvalidTag:
        raise KmsCryptoError("Failed to decrypt: the ciphertext was not made by this key") from None


def _private_key(material: bytes) -> rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey:
    key = serialization.load_der_private_key(material, password=None)
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise KmsCryptoError("Stored key is not an RSA or EC private key")
    return key


def public_key_der(material: bytes) -> bytes:
    """The SubjectPublicKeyInfo DER of an asymmetric key."""
    return (
        _private_key(material)
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


def _hash_for(signing_algorithm: str, data: bytes, is_digest: bool) -> hashes.HashAlgorithm:
    algo = _HASHES[signing_algorithm.rsplit("_", 1)[1]]()
    if is_digest and len(data) != algo.digest_size:
        raise KmsCryptoError(
            f"A {algo.name} digest is {algo.digest_size} bytes; got {len(data)} bytes"
        )
    return algo


def sign(material: bytes, signing_algorithm: str, data: bytes, is_digest: bool) -> bytes:
    """Sign ``data`` (or a precomputed digest when ``is_digest``)."""
    key = _private_key(material)
    algo = _hash_for(signing_algorithm, data, is_digest)
    chosen: hashes.HashAlgorithm | utils.Prehashed = utils.Prehashed(algo) if is_digest else algo
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(chosen))
    return key.sign(data, _rsa_padding(signing_algorithm, algo), chosen)


def verify(
    material: bytes, signing_algorithm: str, data: bytes, signature: bytes, is_digest: bool
) -> bool:
    """True when ``signature`` is valid for ``data`` under this key and algorithm."""
    public = _private_key(material).public_key()
    algo = _hash_for(signing_algorithm, data, is_digest)
    chosen: hashes.HashAlgorithm | utils.Prehashed = utils.Prehashed(algo) if is_digest else algo
    try:
        if isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signature, data, ec.ECDSA(chosen))
        else:
            assert isinstance(public, rsa.RSAPublicKey)
            public.verify(signature, data, _rsa_padding(signing_algorithm, algo), chosen)
    except InvalidSignature:
        return False
    return True


def _rsa_padding(signing_algorithm: str, algo: hashes.HashAlgorithm) -> padding.AsymmetricPadding:
    if signing_algorithm.startswith("RSASSA_PSS"):
        return padding.PSS(mgf=padding.MGF1(algo), salt_length=padding.PSS.DIGEST_LENGTH)
    return padding.PKCS1v15()

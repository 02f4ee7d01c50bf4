"""Local AES-256-GCM helpers (no server involved) and their wire format.

Run by tests/docs/test_examples.py. The last part shows that the format is the legacy
Infisical SDKs' one: plain AES-256-GCM, 12-byte IV, 16-byte tag split off, no associated data.
"""

import base64

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from infisical_kit import (
    DecryptionError,
    create_symmetric_key,
    decrypt_symmetric,
    encrypt_symmetric,
)

# --8<-- [start:basic]
key = create_symmetric_key()  # base64 of 32 random bytes; store it like a secret
sealed = encrypt_symmetric("the launch code", key)  # EncryptedData(ciphertext, iv, tag)
assert decrypt_symmetric(sealed.ciphertext, sealed.iv, sealed.tag, key) == "the launch code"

try:
    decrypt_symmetric(sealed.ciphertext, sealed.iv, sealed.tag, create_symmetric_key())
except DecryptionError as exc:
    print("wrong key:", exc)  # the message never contains key or plaintext
# --8<-- [end:basic]

# --8<-- [start:interop]
# What the legacy infisical-python SDK's decryptSymmetric does, with the cryptography package:
raw = AESGCM(base64.b64decode(key)).decrypt(
    base64.b64decode(sealed.iv),
    base64.b64decode(sealed.ciphertext) + base64.b64decode(sealed.tag),
    None,
)
assert raw.decode() == "the launch code"
assert len(base64.b64decode(sealed.iv)) == 12 and len(base64.b64decode(sealed.tag)) == 16
# --8<-- [end:interop]

print("crypto example: ok")

"""``totp``: a time-based one-time password (RFC 6238) from a stored secret, per lease.

Inputs are an ``otpauth://`` URL (``configType: url``) or the secret and its parameters
(``configType: manual``). A lease's data is ``{TOTP, TIME_REMAINING}``; revoking or renewing
one changes nothing outside.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
import time
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlparse

from pydantic import Field, TypeAdapter, field_validator

from .base import LeaseSpec, Minted, ProviderError, ProviderInputs

_DIGESTS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512}


class TotpUrlInputs(ProviderInputs):
    """``{configType: "url", url: "otpauth://totp/...?secret=..."}``."""

    configType: Literal["url"]
    url: str = Field(min_length=1, max_length=2048)

    @field_validator("url")
    @classmethod
    def _has_secret(cls, value: str) -> str:
        value = value.strip()
        parsed = urlparse(value)
        if not parsed.scheme or not parse_qs(parsed.query).get("secret"):
            raise ValueError("OTP URL must contain secret field")
        return value


class TotpManualInputs(ProviderInputs):
    """``{configType: "manual", secret, period?, algorithm?, digits?}``."""

    configType: Literal["manual"]
    secret: str = Field(min_length=1, max_length=1024)
    period: int | None = Field(default=None, ge=1, le=3600)
    algorithm: Literal["sha1", "sha256", "sha512"] | None = None
    digits: int | None = Field(default=None, ge=1, le=10)

    @field_validator("secret")
    @classmethod
    def _compact(cls, value: str) -> str:
        value = "".join(value.split())
        if not value:
            raise ValueError("String must contain at least 1 character(s)")
        return value


TotpInputs = Annotated[TotpUrlInputs | TotpManualInputs, Field(discriminator="configType")]
_ADAPTER: TypeAdapter[TotpUrlInputs | TotpManualInputs] = TypeAdapter(TotpInputs)


def totp_code(
    key: bytes, at: float, *, digits: int = 6, period: int = 30, algorithm: str = "sha1"
) -> str:
    """The RFC 6238 code of ``key`` at Unix time ``at`` (RFC 4226 dynamic truncation)."""
    counter = int(at) // period
    mac = hmac.new(key, struct.pack(">Q", counter), _DIGESTS[algorithm]).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def decode_secret(secret: str) -> bytes:
    """A base32 secret as authenticator apps take it (any case, padding optional)."""
    text = secret.strip().replace(" ", "").upper()
    try:
        return base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise ProviderError("The TOTP secret is not valid base32") from None


@dataclass(frozen=True)
class _Generator:
    key: bytes = field(repr=False)
    digits: int
    period: int
    algorithm: str


def _generator(inputs: ProviderInputs) -> _Generator:
    if isinstance(inputs, TotpUrlInputs):
        query = {k: v[0] for k, v in parse_qs(urlparse(inputs.url).query).items()}
        secret = query["secret"]
        period = int(query["period"]) if query.get("period", "").isdigit() else None
        digits = int(query["digits"]) if query.get("digits", "").isdigit() else None
        algorithm: str | None = query.get("algorithm", "").lower() or None
    else:
        assert isinstance(inputs, TotpManualInputs)
        secret, period, digits, algorithm = (
            inputs.secret,
            inputs.period,
            inputs.digits,
            inputs.algorithm,
        )
    algorithm = algorithm or "sha1"
    if algorithm not in _DIGESTS:
        raise ProviderError(f"Unsupported TOTP algorithm '{algorithm}'")
    if digits is not None and not 1 <= digits <= 10:
        raise ProviderError("TOTP digits must be between 1 and 10")
    return _Generator(decode_secret(secret), digits or 6, period or 30, algorithm)


class TotpProvider:
    """One-time passwords computed here; nothing external is created or removed."""

    type = "totp"
    makes_users = False

    def parse(self, inputs: Any) -> TotpUrlInputs | TotpManualInputs:
        """Validate the inputs (pydantic's ``ValidationError`` on bad ones)."""
        return _ADAPTER.validate_python(inputs)

    def check(self, inputs: ProviderInputs) -> None:
        """Compute a code once: the secret must be base32."""
        self._code(inputs)

    def create(self, inputs: ProviderInputs, lease: LeaseSpec) -> Minted:
        """The current code and the seconds it stays valid."""
        code, remaining = self._code(inputs)
        return Minted({"TOTP": code, "TIME_REMAINING": remaining})

    def renew(self, inputs: ProviderInputs, lease: LeaseSpec) -> None:
        """Nothing to extend."""

    def revoke(self, inputs: ProviderInputs, entity_id: str) -> None:
        """Nothing to remove."""

    def _code(self, inputs: ProviderInputs) -> tuple[str, int]:
        gen = _generator(inputs)
        now = time.time()
        code = totp_code(
            gen.key, now, digits=gen.digits, period=gen.period, algorithm=gen.algorithm
        )
        return code, gen.period - int(now) % gen.period

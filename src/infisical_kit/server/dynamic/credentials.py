"""User names and passwords for leases, generated as Infisical does (``secrets``-strong)."""

from __future__ import annotations

import secrets
import string

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

ALPHANUMERIC = string.digits + string.ascii_uppercase + string.ascii_lowercase
#: Infisical's password alphabet: no quote or backslash, so it fits in a SQL string literal.
PASSWORD_ALPHABET = string.ascii_letters + string.digits + "-_.~!*$#"
DEFAULT_SYMBOLS = "-_.~!*"
USERNAME_LENGTH = 32
PASSWORD_LENGTH = 48


class RequiredCharacters(BaseModel):
    """How many characters of each class a password needs (``minUppercase`` … also read)."""

    model_config = ConfigDict(extra="ignore")

    lowercase: int = Field(
        default=0, ge=0, validation_alias=AliasChoices("lowercase", "minLowercase")
    )
    uppercase: int = Field(
        default=0, ge=0, validation_alias=AliasChoices("uppercase", "minUppercase")
    )
    digits: int = Field(default=0, ge=0, validation_alias=AliasChoices("digits", "minDigits"))
    symbols: int = Field(default=0, ge=0, validation_alias=AliasChoices("symbols", "minSymbols"))


class PasswordRequirements(BaseModel):
    """Infisical's ``passwordRequirements`` of a SQL provider."""

    model_config = ConfigDict(extra="ignore")

    length: int = Field(ge=1, le=250)
    required: RequiredCharacters = Field(default_factory=RequiredCharacters)
    allowedSymbols: str | None = Field(default=None, max_length=64)

    @model_validator(mode="after")
    def _fits(self) -> PasswordRequirements:
        req = self.required
        if req.lowercase + req.uppercase + req.digits + req.symbols > self.length:
            raise ValueError("Sum of required characters cannot exceed the total length")
        if "'" in (self.allowedSymbols or "") or "\\" in (self.allowedSymbols or ""):
            raise ValueError("allowedSymbols cannot contain a quote or a backslash")
        return self


def random_username() -> str:
    """32 random letters and digits (Infisical's ``alphaNumericNanoId(32)``)."""
    return "".join(secrets.choice(ALPHANUMERIC) for _ in range(USERNAME_LENGTH))


def random_password(requirements: PasswordRequirements | None = None) -> str:
    """A password: 48 characters of Infisical's alphabet, or what ``requirements`` ask for."""
    if requirements is None:
        return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
    symbols = requirements.allowedSymbols or DEFAULT_SYMBOLS
    req = requirements.required
    chars = [secrets.choice(string.ascii_lowercase) for _ in range(req.lowercase)]
    chars += [secrets.choice(string.ascii_uppercase) for _ in range(req.uppercase)]
    chars += [secrets.choice(string.digits) for _ in range(req.digits)]
    chars += [secrets.choice(symbols) for _ in range(req.symbols)]
    pool = string.ascii_letters + string.digits + symbols
    chars += [secrets.choice(pool) for _ in range(requirements.length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)

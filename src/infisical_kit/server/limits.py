"""Input limits, declared once: the column lengths of ``schema.py`` and the request models'
``max_length`` are these numbers, so text that fits a model always fits its column (on
PostgreSQL an over-long value would otherwise fail the INSERT).

The annotated string types here add the checks every stored text needs: no NUL character
(PostgreSQL text cannot hold one) and no lone UTF-16 surrogate (it cannot be encoded).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

#: A secret's name (``secrets.key``).
SECRET_NAME = 1024
#: A folder path (``folders.path``, ``secret_imports.import_path``).
PATH = 1024
#: A display name: identity, project, environment, folder, tag, token, client secret
#: description, ``secretMetadata`` key.
NAME = 255
#: A slug: project, environment, tag, organization, dynamic secret name.
SLUG = 64
#: An e-mail address (``users.email``).
EMAIL = 320
#: An id (UUID string) or a universal-auth client id.
ID = 36
#: A KMS key's name.
KMS_KEY_NAME = 32
#: A short enumeration-like value: role, type, algorithm, auth method.
SHORT = 32
#: A tiny enumeration-like value: secret type, key usage, lease state.
TINY = 16
#: A hash or token digest.
DIGEST = 128

#: Items of one batch create, update or delete of secrets.
MAX_BATCH = 3000
#: Nesting of JSON arrays and objects in a request body.
MAX_JSON_DEPTH = 64


def reject_bad_text(value: str) -> str:
    """``value`` unchanged, or ``ValueError`` when it holds a NUL or a lone surrogate."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode (no lone surrogates)") from None
    return value


Clean = AfterValidator(reject_bad_text)
#: A secret name as a request carries it (at least one character, at most `SECRET_NAME`).
SecretName = Annotated[str, Field(min_length=1, max_length=SECRET_NAME), Clean]
#: A display name (at most `NAME`; may be empty unless the model says otherwise).
NameText = Annotated[str, Field(max_length=NAME), Clean]
#: A non-empty display name.
RequiredName = Annotated[str, Field(min_length=1, max_length=NAME), Clean]
#: An e-mail address.
EmailText = Annotated[str, Field(max_length=EMAIL), Clean]
#: A client id, identity id, tag id or other id a request names to look something up (at
#: most `NAME`, generous: a longer one can match nothing, and none is stored unmatched).
IdText = Annotated[str, Field(max_length=NAME), Clean]

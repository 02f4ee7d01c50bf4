"""What the compatibility checks expect of errors that issue 10 adds to the SDK.

`UnsupportedByServerError` (item 2) and `AlreadyExistsError` (item 5) do not exist yet; until
they do, `unsupported()` and `already_exists()` return a class that nothing raises, so a check
written as "works, or refuses with that error" fails instead of passing by accident.
"""

from __future__ import annotations

from infisical_kit import errors


class _NotYetDefined(Exception):
    """Stands in for an error class the SDK does not define yet (never raised)."""


def unsupported() -> type[Exception]:
    """``infisical_kit.errors.UnsupportedByServerError`` (issue 10 item 2)."""
    found: type[Exception] = getattr(errors, "UnsupportedByServerError", _NotYetDefined)
    return found


def already_exists() -> type[Exception]:
    """``infisical_kit.errors.AlreadyExistsError`` (issue 10 item 5)."""
    found: type[Exception] = getattr(errors, "AlreadyExistsError", _NotYetDefined)
    return found

"""The exceptions ``infisicalsdk`` exports from ``infisical_sdk.infisical_requests``: here they
are infisical-kit's own, so one ``except`` catches everything the client raises.

`APIError` has ``status_code``, ``message`` and ``response`` (the error envelope as a dict)
like the original, and its subclasses (`infisical_kit.errors.NotFoundError` ...) name the case.
"""

from __future__ import annotations

from infisical_kit.errors import APIError, InfisicalError

__all__ = ["APIError", "InfisicalError"]

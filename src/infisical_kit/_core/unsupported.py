"""`refuse`: the `UnsupportedByServerError` for what an (older) server would silently get wrong.

A call is refused, rather than sent, when the route the server offers would ignore or drop one
of its arguments (a field an older API does not store, a filter it does not apply). The message
names the argument, what the server would do with it, and that nothing was changed.
"""

from __future__ import annotations

from infisical_kit._core.request import ApiRequest
from infisical_kit.errors import UnsupportedByServerError

__all__ = ["refuse"]


def refuse(
    parameter: str, request: ApiRequest, what_the_server_does: str
) -> UnsupportedByServerError:
    """The error for `parameter` of a call that `request` (the route the server offers) would
    get wrong: `what_the_server_does` says how, e.g. "does not store secret metadata"."""
    return UnsupportedByServerError(
        f"{parameter} is not supported by this server: {request.method} {request.path} "
        f"(the older Infisical API it offers) {what_the_server_does}; nothing was changed",
        parameter=parameter,
        method=request.method,
        path=request.path,
    )

"""Pages: the Jinja2 templates (autoescaped: every name, value, comment and tag is text),
the security headers every console response carries, flash messages, and the route class
that turns a refused action into an error page and a missing session into the login form."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

import jinja2
from fastapi import Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.routing import APIRoute

from ..errors import ApiError
from .session import FLASH_COOKIE, LoginRequired, set_cookie

#: No inline script or style, nothing from another origin, never in a frame.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("infisical_kit.server.console", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def link(target: str, /, **query: str | int | None) -> str:
    """A console URL with its query string (``None`` values left out)."""
    items = {k: v for k, v in query.items() if v is not None}
    return f"{target}?{urlencode(items)}" if items else target


_env.filters["when"] = _when
_env.globals["link"] = link


def secure(response: Response) -> Response:
    """Add the console's security headers to ``response``."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def page(
    request: Request, template: str, context: Mapping[str, Any], *, status: int = 200
) -> HTMLResponse:
    """Render ``template`` (with the pending flash message) as a secured HTML response."""
    flash = unquote(request.cookies.get(FLASH_COOKIE, ""))
    html = _env.get_template(template).render(
        {"flash": flash[:300], "path": request.url.path, **context}
    )
    response = HTMLResponse(html, status_code=status)
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return secure(response)  # type: ignore[return-value]


def done(request: Request, to: str, message: str) -> Response:
    """After a successful POST: back to the page ``to`` with ``message`` shown once."""
    response = RedirectResponse(to, status_code=303)
    set_cookie(response, request, FLASH_COOKIE, quote(message[:300]), 60)
    return secure(response)


def error_page(request: Request, exc: ApiError) -> Response:
    """A refused or failed action: the service's message on a page with its status."""
    message = exc.message if isinstance(exc.message, str) else _issues(exc.message)
    back = _same_site_path(request, request.headers.get("referer", ""))
    context = {"status": exc.status_code, "message": message, "back": back, "user": None}
    if request.headers.get("accept", "").startswith("application/json"):
        response = secure(JSONResponse({"message": message}, status_code=exc.status_code))
    else:
        response = page(request, "error.html", context, status=exc.status_code)
    response.headers.update(exc.headers)
    return response


def _same_site_path(request: Request, referer: str) -> str:
    """The path (and query) of ``referer`` when it is a page of this server, else ``/``."""
    parts = urlsplit(referer)
    if parts.netloc != request.headers.get("host", "") or not parts.path.startswith("/"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _issues(issues: list[dict[str, Any]]) -> str:
    """A parameter model's validation issues as one sentence per field."""
    parts = []
    for issue in issues:
        field = ".".join(str(p) for p in issue.get("path", ())) or "form"
        parts.append(f"{field}: {issue.get('message', 'invalid')}")
    return "; ".join(parts) or "The form has invalid fields"


def login_redirect(request: Request) -> Response:
    """To the login form, coming back to this page afterwards (a GET's own path only)."""
    if request.method != "GET":
        return error_page(
            request, ApiError(401, "Your session ended; log in again", "Unauthorized")
        )
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return secure(RedirectResponse(link("/login", next=target), status_code=303))


class ConsoleRoute(APIRoute):
    """A console route: a missing session goes to the login form, a refused action (any
    :class:`~infisical_kit.server.errors.ApiError`) becomes an error page with its status."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The handler, wrapped."""
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                return login_redirect(request)
            except ApiError as exc:
                return error_page(request, exc)

        return guarded

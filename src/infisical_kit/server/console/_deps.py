"""The console's request dependencies, declared once: ``Db`` and ``Ctx`` (as the API's),
``Me`` (the logged-in user, or a redirect to the login form) and ``Form`` (a POSTed form that
passed the same-origin and CSRF checks)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ..errors import ApiError
from ..input_guard import check_texts
from ..state import ServerContext, get_context, get_session
from ..write_gate import end_transaction
from .session import CSRF_FIELD, CSRF_HEADER, ConsoleUser, check_csrf, check_same_origin
from .session import current_user as _current_user

Ctx = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_session)]
MAX_FORM_BYTES = 1 << 20


def current_user(request: Request, ctx: Ctx, session: Db) -> ConsoleUser:
    """The logged-in user (:class:`~.session.LoginRequired` when there is none)."""
    user = _current_user(request, ctx, session)
    end_transaction(session)  # the page runs in another thread: see write_gate.py
    return user


Me = Annotated[ConsoleUser, Depends(current_user)]


class Fields:
    """The fields of a posted form (urlencoded)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def get(self, name: str, default: str = "") -> str:
        """The last value of ``name`` (``default`` when absent)."""
        values = self.all(name)
        return values[-1] if values else default

    def __contains__(self, name: object) -> bool:
        return any(k == name for k, _ in self._pairs)

    def all(self, name: str) -> list[str]:
        """Every value of ``name`` (checkboxes, multiple selects)."""
        return [v for k, v in self._pairs if k == name]

    def number(self, name: str, default: int = 0) -> int:
        """``name`` as a whole number (``default`` when empty; 400 when not a number)."""
        text = self.get(name).strip()
        if not text:
            return default
        try:
            return int(text)
        except ValueError:
            raise ApiError(400, f"{name} must be a whole number", "BadRequest") from None


async def read_form(request: Request) -> Fields:
    """The urlencoded body of a form post, same-origin checked."""
    check_same_origin(request)
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise ApiError(413, "The form is too large", "PayloadTooLarge")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "The form is not UTF-8", "BadRequest") from None
    pairs = parse_qsl(text, keep_blank_values=True)
    check_texts((t for pair in pairs for t in pair), "The form")
    return Fields(pairs)


async def posted_form(request: Request, user: Me) -> Fields:
    """A form the logged-in user posted: same origin and the session's CSRF token."""
    form = await read_form(request)
    check_csrf(user.csrf, form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, ""))
    return form


Form = Annotated[Fields, Depends(posted_form)]

"""The one-row lookup every service makes: the first match, or a 404 that says what is missing."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

from ..errors import not_found

T = TypeVar("T")


def first_or_404(session: Session, stmt: Select[T], missing: str) -> T:
    """The first row ``stmt`` selects, or 404 NotFound with the message ``missing``."""
    row: T | None = session.scalars(stmt).first()
    if row is None:
        raise not_found(missing)
    return row

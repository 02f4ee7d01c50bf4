"""Untrusted request text, checked before anything uses it: JSON bodies (bounded nesting,
strict UTF-8, no NUL, no lone surrogate), form fields, query parameters and path parameters.

Each failure is a 400 in the Infisical envelope. Neither a NUL character (PostgreSQL text
cannot store one) nor a lone surrogate (it cannot be encoded, so it could not be stored or
answered) has any meaning in a name, a value or an id, so they are refused wherever they
appear. In JSON both can only arrive as ``\\u`` escapes (a raw control character or a
surrogate's UTF-8 bytes are already invalid), so the decoded body is walked only when the
raw text holds one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .errors import ApiError, bad_request
from .limits import MAX_JSON_DEPTH, reject_bad_text

#: A JSON string token (escapes included), removed before brackets are counted.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON ``text`` nests arrays and objects more than ``limit`` levels deep."""
    if text.count("[") + text.count("{") <= limit:
        return False  # cannot nest deeper than it has brackets
    depth = 0
    for char in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


def load_json(raw: bytes) -> Any:
    """Decode a JSON body; 400 for invalid UTF-8 or JSON, nesting deeper than
    `MAX_JSON_DEPTH`, and text holding a NUL or a lone surrogate."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request("Request body is not valid JSON (it is not UTF-8)") from None
    if too_deep(text):
        raise bad_request(f"Request body nests JSON deeper than {MAX_JSON_DEPTH} levels")
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        raise bad_request("Request body is not valid JSON") from None
    if "\\u" in text:
        check_tree(body)
    return body


def check_tree(value: Any) -> None:
    """400 when any string (key or value) in a decoded JSON document is bad text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            _check(item, "Request body")
        elif isinstance(item, dict):
            for key, child in item.items():
                _check(key, "Request body")
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)


def check_texts(texts: Iterable[str], where: str) -> None:
    """400 when any of ``texts`` (form fields, query or path parameters) is bad text."""
    for text in texts:
        _check(text, where)


def _check(text: str, where: str) -> None:
    try:
        reject_bad_text(text)
    except ValueError as exc:
        raise ApiError(400, f"{where} {exc}", "BadRequest") from None

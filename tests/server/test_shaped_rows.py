"""The fast list's memo (``services/shaped_rows.py``) and its JSON encoder: bounded, keyed by
the whole stored row, never keeping big rows; orjson's bytes are Starlette's bytes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.responses import JSONResponse

from infisical_kit.server.api.json_response import FastJSONResponse
from infisical_kit.server.services import shaped_rows
from infisical_kit.server.settings import ServerSettings, SettingsError


@pytest.fixture(autouse=True)
def empty_memo() -> Iterator[None]:
    shaped_rows.clear()
    yield
    shaped_rows.clear()


def _counting() -> tuple[list[int], Any]:
    calls: list[int] = []

    def shape() -> tuple[Any, bool]:
        calls.append(1)
        return {"n": len(calls)}, False

    return calls, shape


def test_a_row_is_shaped_once_and_a_changed_row_again() -> None:
    calls, shape = _counting()
    row = ("id-1", "KEY", b"ciphertext-1")
    first = shaped_rows.shaped(("scope", row), 12, shape)
    assert shaped_rows.shaped(("scope", row), 12, shape) is first
    changed = shaped_rows.shaped(("scope", ("id-1", "KEY", b"ciphertext-2")), 12, shape)
    assert changed != first and len(calls) == 2


def test_big_rows_and_unhashable_rows_are_shaped_every_time() -> None:
    calls, shape = _counting()
    big = shaped_rows.ROW_BYTES + 1
    for _ in range(2):
        shaped_rows.shaped(("scope", ("big",)), big, shape)
        shaped_rows.shaped(("scope", ("meta", {"parsed": "json"})), 10, shape)
    assert len(calls) == 4


def test_the_memo_is_cleared_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shaped_rows, "MEMO_BYTES", 3 * (100 + shaped_rows.ENTRY_OVERHEAD))
    calls, shape = _counting()
    for i in range(4):  # the fourth entry does not fit: the memo starts again
        shaped_rows.shaped(("scope", i), 100, shape)
    shaped_rows.shaped(("scope", 3), 100, shape)
    assert len(calls) == 4
    shaped_rows.shaped(("scope", 0), 100, shape)
    assert len(calls) == 5


@pytest.mark.parametrize(
    "content",
    [
        {"secrets": [{"secretValue": "é ü 日本 🔑", "n": 1, "ok": True, "none": None}]},
        {"control": 'tab\there\nnew \x01 \x1f " \\ / <script>', "list": [1, 2.5, -3]},
    ],
)
def test_fast_json_bytes_equal_starlette_json_bytes(content: dict[str, Any]) -> None:
    assert FastJSONResponse(content).body == JSONResponse(content).body


def test_a_memo_of_zero_bytes_remembers_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shaped_rows, "MEMO_BYTES", shaped_rows.MEMO_BYTES)  # restored after
    shaped_rows.configure(0)
    calls, shape = _counting()
    for _ in range(3):
        shaped_rows.shaped(("scope", ("row",)), 10, shape)
    assert len(calls) == 3


def test_the_memo_size_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFISICAL_KIT_LIST_MEMO_MB", "0")
    assert ServerSettings.from_env(data_dir="/tmp/x").list_memo_mb == 0
    assert (
        ServerSettings.from_env(data_dir="/tmp/x").to_env()["INFISICAL_KIT_LIST_MEMO_MB"] == "0.0"
    )
    monkeypatch.setenv("INFISICAL_KIT_LIST_MEMO_MB", "-1")
    with pytest.raises(SettingsError, match="list_memo_mb must be >= 0"):
        ServerSettings.from_env(data_dir="/tmp/x")

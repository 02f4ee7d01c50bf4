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


def _counting() -> tuple[list[Any], Any]:
    calls: list[Any] = []

    def shape(row: Any) -> tuple[Any, bool]:
        calls.append(row)
        return {"n": len(calls)}, "${" in str(row)

    return calls, shape


def _items(scope: str, rows: list[Any], shape: Any, size: int = 12, skip: Any = ()) -> Any:
    entries = shaped_rows.entries_for(scope)
    return shaped_rows.shaped_all(
        entries, rows, id_at=0, skip=skip, size=lambda row: size, shape=shape
    )


def test_a_row_is_shaped_once_and_a_changed_row_again() -> None:
    calls, shape = _counting()
    row = ("id-1", "KEY", b"ciphertext-1")
    first, refs = _items("scope", [row], shape)
    again, _ = _items("scope", [tuple(row)], shape)
    assert again[0] is first[0] and len(calls) == 1 and refs is False  # an equal row
    changed, _ = _items("scope", [("id-1", "KEY", b"ciphertext-2")], shape)
    assert changed != first and len(calls) == 2
    _items("other scope", [("id-1", "KEY", b"ciphertext-2")], shape)
    assert len(calls) == 3  # the same row in another scope (masking, path...) is its own item


def test_references_are_remembered_and_skipped_rows_left_to_the_caller() -> None:
    calls, shape = _counting()
    rows = [("a", "x"), ("b", "${REF}"), ("c", "y")]
    for _ in range(2):
        items, refs = _items("scope", rows, shape, skip={"c"})
        assert refs is True and items[2] is None and items[0] is not None
    assert [row[0] for row in calls] == ["a", "b"]


def test_big_rows_are_shaped_every_time_and_parsed_json_compares() -> None:
    calls, shape = _counting()
    for _ in range(2):
        _items("scope", [("big",)], shape, size=shaped_rows.ROW_BYTES + 1)
        _items("scope", [("meta", {"parsed": "json"})], shape)
    assert len(calls) == 3  # the big row twice, the row with a JSON object once


def test_the_memo_is_cleared_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shaped_rows, "MEMO_BYTES", 3 * (100 + shaped_rows.ENTRY_OVERHEAD))
    calls, shape = _counting()
    _items("scope", [(str(i),) for i in range(5)], shape, size=100)  # the 4th does not fit
    assert len(calls) == 5 and shaped_rows._held == 0  # nothing kept after the clear
    _items("scope", [("0",)], shape, size=100)
    assert len(calls) == 6  # forgotten
    _items("scope", [("0",)], shape, size=100)
    assert len(calls) == 6  # and remembered again


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
        _items("scope", [("row",)], shape)
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

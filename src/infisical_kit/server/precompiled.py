"""Core SELECTs compiled once and run on a pooled DBAPI connection, for the hot read path.

Executing a statement through a SQLAlchemy ``Connection`` costs several times what the query
itself costs on SQLite (connection and transaction objects, event dispatch, the compiled-cache
lookup, result metadata). A `Precompiled` statement is compiled once per dialect; `reading`
checks a DBAPI connection out of the engine's own pool and runs statements on it directly.
Rows come back as named tuples holding the values a ``Connection`` would have returned: the
columns' result processors applied, with SQLite's stored datetimes parsed by
``datetime.fromisoformat`` and JSON by orjson (C, a fraction of the dialect's regex and
``json.loads``; the same values).
Each statement runs on its own (autocommit): on PostgreSQL like the read-only engine's
statements, on SQLite as Python's sqlite3 runs a SELECT outside a transaction (one snapshot
per statement: a get checks the token, the membership and the folder in the statement that
reads the secret, a list in the statement before it reads the folder).
"""

from __future__ import annotations

import contextlib
from collections import namedtuple
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import JSON, CompoundSelect, Connection, DateTime, Engine, Select
from sqlalchemy.engine import Dialect

Statement = Select[Any] | CompoundSelect[Any]
"""What can be precompiled: a SELECT, or a UNION of SELECTs."""


def _processor(column: Any, dialect: Dialect) -> Any:
    """The function turning `column`'s raw driver value into its Python value, or ``None``."""
    if dialect.name == "sqlite" and isinstance(column.type, DateTime):
        return datetime.fromisoformat  # SQLAlchemy stores ``YYYY-MM-DD HH:MM:SS.ffffff``
    if isinstance(column.type, JSON) and dialect.driver in _JSON_AS_TEXT:
        return orjson.loads
    return column.type.dialect_impl(dialect).result_processor(dialect, None)


# Drivers that return a JSON column as its text (psycopg parses it itself; asyncpg does when
# SQLAlchemy registers a codec, which the hot reads' plain connections do not have).
_JSON_AS_TEXT = frozenset({"pysqlite", "asyncpg"})


class Precompiled:
    """One SELECT, compiled for one dialect, with its row type and result processors."""

    def __init__(self, statement: Statement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.order: Sequence[str] | None = compiled.positiontup  # None for named styles
        # the statement's own literal values (``Secret.type == "shared"``) are bind parameters
        self.literals = {k: v for k, v in compiled.params.items() if v is not None}
        columns = list(statement.selected_columns)
        self.row_type: Any = namedtuple("PrecompiledRow", [c.key for c in columns])  # type: ignore[misc]
        processors = [_processor(c, dialect) for c in columns]
        self.processors = [(i, p) for i, p in enumerate(processors) if p is not None]

    def params(self, values: dict[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """`values` in the driver's parameter style."""
        merged = {**self.literals, **values} if self.literals else values
        return merged if self.order is None else [merged[name] for name in self.order]

    def row(self, raw: Sequence[Any]) -> Any:
        """A named tuple of `raw` with the columns' result processors applied."""
        if not self.processors:
            return self.row_type._make(raw)
        values = list(raw)
        for i, process in self.processors:
            if values[i] is not None:
                values[i] = process(values[i])
        return self.row_type._make(values)


class Reader:
    """Statements on one checked-out DBAPI connection (see `reading`)."""

    def __init__(self, engine: Engine, dbapi_conn: Any) -> None:
        self.engine = engine
        self.dbapi_conn = dbapi_conn
        self._conn: Connection | None = None

    def first(self, statement: Statement, values: dict[str, Any]) -> Any | None:
        """The first row of `statement` with bind `values`, or ``None``."""
        prepared = precompiled(statement, self.engine.dialect)
        cursor = self.dbapi_conn.cursor()
        try:
            cursor.execute(prepared.sql, prepared.params(values))
            raw = cursor.fetchone()
        finally:
            cursor.close()
        return None if raw is None else prepared.row(raw)

    def raw_all(
        self, statement: Statement, values: dict[str, Any]
    ) -> tuple[Precompiled, list[Sequence[Any]]]:
        """Every row of `statement` as the driver returned it (``prepared.row(raw)`` turns
        one into the named tuple :meth:`first` returns)."""
        prepared = precompiled(statement, self.engine.dialect)
        cursor = self.dbapi_conn.cursor()
        try:
            cursor.execute(prepared.sql, prepared.params(values))
            raws: list[Sequence[Any]] = cursor.fetchall()
        finally:
            cursor.close()
        return prepared, raws

    @property
    def connection(self) -> Connection:
        """A SQLAlchemy connection of the same engine, for statements not precompiled
        (opened on first use, closed with the block)."""
        if self._conn is None:
            self._conn = self.engine.connect()
        return self._conn


# Statements are module-level constants built once, so their id() is a stable key.
_CACHE: dict[tuple[str, str, int], Precompiled] = {}


def precompiled(statement: Statement, dialect: Dialect) -> Precompiled:
    """`statement` compiled for `dialect` (and its driver's parameter style), once."""
    key = (dialect.name, dialect.driver, id(statement))
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = Precompiled(statement, dialect)
    return found


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Reader]:
    """A `Reader` on a DBAPI connection from `engine`'s pool (returned to it afterwards)."""
    fairy = engine.raw_connection()
    try:
        with reading_on(engine, fairy.driver_connection) as reader:
            yield reader
    finally:
        fairy.close()  # back to the pool


@contextlib.contextmanager
def reading_on(engine: Engine, dbapi_conn: Any) -> Iterator[Reader]:
    """A `Reader` on `dbapi_conn`, a DBAPI connection of `engine` the caller holds."""
    postgres = engine.dialect.name != "sqlite"
    if postgres:  # no transaction to open, nor to roll back on return to the pool
        dbapi_conn.autocommit = True
    reader = Reader(engine, dbapi_conn)
    try:
        yield reader
    finally:
        try:
            if postgres:
                dbapi_conn.autocommit = False
        finally:
            if reader._conn is not None:
                reader._conn.close()

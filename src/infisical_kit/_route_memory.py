"""`ROUTES`: which route families each site lacks, remembered for the whole process.

A client learns on its first request of a family whether its site lacks the current routes
(see `infisical_kit._core.routing`); every later client of the same site (the normalized
site URL) starts with that knowledge instead of paying the probe again. Knowledge expires
after `MEMORY_MAX_AGE` seconds (a server may be upgraded), and is also forgotten as soon as
the older route answers "route not found" itself.

A process that starts often (the ``infisical-kit`` command) also keeps it in a small JSON file
(`use_file`; `default_route_file`: ``$XDG_CACHE_HOME/infisical-kit/routes.json``), per site,
for `FILE_MAX_AGE` seconds. The file is written atomically (a temporary file renamed over it)
and ignored when it is missing, unreadable or malformed; it holds only site URLs, family names
and times. `first_warning` keeps the deprecation warnings to one per route prefix per process.
Shared by the sync and async clients, hence outside ``_async``/``_sync``.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "FILE_MAX_AGE",
    "MEMORY_MAX_AGE",
    "ROUTES",
    "RouteMemory",
    "default_route_file",
]

#: seconds a site's missing routes are remembered in the process
MEMORY_MAX_AGE = 3600.0
#: seconds they are remembered in the route file (`use_file`)
FILE_MAX_AGE = 86400.0
_FORMAT = 1


def default_route_file() -> Path:
    """``$XDG_CACHE_HOME/infisical-kit/routes.json`` (``~/.cache`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "infisical-kit" / "routes.json"


class RouteMemory:
    """Per site: the families it lacks and when that was learned (thread-safe)."""

    def __init__(
        self, *, max_age: float = MEMORY_MAX_AGE, clock: Callable[[], float] = time.time
    ) -> None:
        self._max_age = max_age
        self._clock = clock
        self._lock = threading.Lock()
        self._sites: dict[str, dict[str, float]] = {}
        self._warned: set[str] = set()
        self._file: Path | None = None
        self._file_max_age = FILE_MAX_AGE

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sites={len(self._sites)}, file={self._file})"

    def use_file(self, path: Path | None, *, max_age: float = FILE_MAX_AGE) -> None:
        """Also remember in (and recall from) the JSON file `path`; None stops using one."""
        with self._lock:
            self._file = path
            self._file_max_age = max_age

    def lacking(self, site: str) -> set[str]:
        """The families `site` is known to lack (learned within the maximum age)."""
        now = self._clock()
        with self._lock:
            known = dict(self._sites.get(site, {}))
            if self._file is not None:
                for family, when in self._read().get(site, {}).items():
                    if now - when < self._file_max_age and when > known.get(family, 0.0):
                        known[family] = when
                        self._sites.setdefault(site, {})[family] = when
        return {family for family, when in known.items() if now - when < self._max_age_of()}

    def learn(self, site: str, family: str, *, lacking: bool) -> None:
        """Record whether `site` lacks `family` (now), in the process and the file."""
        now = self._clock()
        with self._lock:
            families = self._sites.setdefault(site, {})
            if lacking:
                families[family] = now
            else:
                families.pop(family, None)
            if self._file is not None:
                stored = self._read()
                entry = stored.setdefault(site, {})
                if lacking:
                    entry[family] = now
                else:
                    entry.pop(family, None)
                self._write(stored, now)

    def first_warning(self, key: str) -> bool:
        """True the first time `key` (a deprecated route prefix) is asked about here."""
        with self._lock:
            if key in self._warned:
                return False
            self._warned.add(key)
            return True

    def forget(self) -> None:
        """Forget every site and warning of this process (the file is left as it is)."""
        with self._lock:
            self._sites.clear()
            self._warned.clear()

    def _max_age_of(self) -> float:
        return max(self._max_age, self._file_max_age if self._file is not None else 0.0)

    def _read(self) -> dict[str, dict[str, float]]:
        """The file's sites (empty when it is missing, unreadable or malformed)."""
        assert self._file is not None
        try:
            data: Any = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        sites = data.get("sites") if isinstance(data, dict) else None
        if not isinstance(sites, dict) or data.get("format") != _FORMAT:
            return {}
        found: dict[str, dict[str, float]] = {}
        for site, families in sites.items():
            if isinstance(site, str) and isinstance(families, dict):
                found[site] = {
                    str(name): float(when)
                    for name, when in families.items()
                    if isinstance(when, (int, float)) and not isinstance(when, bool)
                }
        return found

    def _write(self, sites: dict[str, dict[str, float]], now: float) -> None:
        """Write `sites` (less what expired) atomically; a failure to write is ignored."""
        assert self._file is not None
        fresh = {
            site: {name: when for name, when in families.items() if now - when < self._file_max_age}
            for site, families in sites.items()
        }
        document = {"format": _FORMAT, "sites": {site: f for site, f in fresh.items() if f}}
        with contextlib.suppress(OSError):
            self._file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=".routes-", suffix=".json", dir=self._file.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(document, out, indent=1, sort_keys=True)
                os.replace(temporary, self._file)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


#: the process-wide memory every client reads and reports to
ROUTES = RouteMemory()

"""Files at rest: the SQLite database (and its ``-wal``/``-shm``/``-journal`` companions) is
private to the server's user, whatever the umask or the data directory's mode; a data
directory that group or others can enter or read is reported once at start-up.

SQLite creates the ``-wal``, ``-shm`` and ``-journal`` files with the database file's own
mode, so creating the database file 0600 before SQLite opens it covers them too; files left
from an earlier run with wider modes lose their group/other bits.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

logger = logging.getLogger("infisical_kit.server")

#: Companion files SQLite keeps next to a database (they hold recent writes).
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_sqlite_file(database: str) -> None:
    """Create ``database`` (and its directory) private to this user, before SQLite does;
    take group/other bits off it and its companions when they already exist."""
    path = Path(database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))  # an empty file is an empty DB
    for file in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)


def shared_mode(directory: Path) -> int | None:
    """The permission bits of ``directory`` when group or others have any access to it."""
    try:
        mode = stat.S_IMODE(directory.stat().st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def warn_if_shared(directory: Path) -> None:
    """Log one warning when group or others may access the data directory."""
    mode = shared_mode(directory)
    if mode is not None and os.name == "posix":
        logger.warning(
            "data directory %s is accessible to group/others (mode %04o); run: chmod 700 %s",
            directory,
            mode,
            directory,
        )

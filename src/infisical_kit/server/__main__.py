"""``python -m infisical_kit.server --data-dir DIR --port N [--dev]``."""

from __future__ import annotations

import argparse
import sys

from .runner import DEFAULT_DATA_DIR, serve
from .settings import SettingsError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the server."""
    parser = argparse.ArgumentParser(prog="python -m infisical_kit.server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--dev", action="store_true", help="generate a root key and bootstrap")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    try:
        serve(
            host=args.host,
            port=args.port,
            data_dir=args.data_dir,
            database_url=args.database_url,
            dev=args.dev,
            workers=args.workers,
            log_level=args.log_level,
        )
    except SettingsError as exc:
        print(f"infisical-kit server: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

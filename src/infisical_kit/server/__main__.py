"""``python -m infisical_kit.server --data-dir DIR --port N [--dev]``."""

from __future__ import annotations

import argparse
import sys

from .runner import DEFAULT_DATA_DIR, LOG_LEVELS, AddressInUseError, serve
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
    parser.add_argument("--log-level", default="info", choices=LOG_LEVELS)
    for bucket in ("read", "write", "secrets"):
        parser.add_argument(
            f"--rate-limit-{bucket}",
            type=int,
            default=None,
            metavar="N",
            help=f"{bucket} requests per minute per client IP (0 = unlimited)",
        )
    parser.add_argument("--max-body-bytes", type=int, default=None, metavar="N")
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument("--forwarded-allow-ips", default=None, metavar="IPS")
    parser.add_argument("--header-timeout", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--max-connections", type=int, default=None, metavar="N")
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
            rate_limit_read=args.rate_limit_read,
            rate_limit_write=args.rate_limit_write,
            rate_limit_secrets=args.rate_limit_secrets,
            max_body_bytes=args.max_body_bytes,
            access_log=not args.no_access_log,
            forwarded_allow_ips=args.forwarded_allow_ips,
            header_timeout=args.header_timeout,
            max_connections=args.max_connections,
        )
    except AddressInUseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except (SettingsError, ValueError) as exc:
        print(f"infisical-kit server: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A long-running worker: one `Client` for the whole run, across token renewals and re-logins.

    INFISICAL_... python examples/worker.py --iterations 10 --interval 1

Each iteration reads the secret ``WORKER_API_KEY`` (a rotation is picked up on the next
iteration, since this client does not cache) and does its job with it. The client renews its
access token before it expires and logs in again after the token's max TTL or a revocation,
so the loop never has to handle tokens. Values are never printed.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import time
from collections.abc import Callable

from infisical_kit import Client

logger = logging.getLogger("worker")


def do_job(api_key: str) -> str:
    """Stand-in for real work: a fingerprint of the key in use."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:12]


def run(
    client: Client,
    iterations: int,
    interval: float = 1.0,
    after_iteration: Callable[[int], None] | None = None,
) -> list[str]:
    """Run `iterations` jobs, `interval` seconds apart; the fingerprint of each job's key."""
    results: list[str] = []
    for i in range(iterations):
        api_key = client.secrets.get("WORKER_API_KEY").value
        results.append(do_job(api_key))
        logger.info("iteration %d done (key %s)", i, results[-1])
        if after_iteration is not None:
            after_iteration(i)
        if i + 1 < iterations and interval > 0:
            time.sleep(interval)
    return results


def main() -> None:
    """Command line: ``--iterations N --interval SECONDS``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--interval", type=float, default=5.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    with Client.from_env(cache_ttl=0) as client:
        run(client, args.iterations, args.interval)


if __name__ == "__main__":
    main()

"""Time infisical-httpx-sdk (run by bench/client_calls.py with the bench/.peers interpreter).

Separate because infisical-httpx-sdk pins exact versions of pydantic, keyring and httpx that
conflict with the project's environment. Argument: a JSON object (url, token, project_id,
environment, get_name, list_path). Prints one JSON line: ms per call for "get" and "list".
Its ``list`` always sends ``viewSecretValue=false`` (values are not returned), by design.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from infisical import InfisicalClient


def main() -> None:
    """Measure and print the result line."""
    args = json.loads(sys.argv[1])
    scope = {"workspaceId": args["project_id"], "environment": args["environment"]}
    with InfisicalClient(endpoint=args["url"], token=args["token"]) as client:
        secrets = client.secrets.v3

        def get() -> object:
            return secrets.retrieve(name=args["get_name"], secretPath="/", **scope)

        def listing() -> object:
            return secrets.list(secretPath=args["list_path"], **scope)

        result = {}
        for key, fn, calls in (("get", get, 50), ("list", listing, 10)):
            for _ in range(10):
                fn()
            rounds = []
            for _ in range(7):
                started = time.perf_counter()
                for _ in range(calls):
                    fn()
                rounds.append((time.perf_counter() - started) / calls * 1e3)
            result[key] = statistics.median(rounds)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""The web console's folder page with 1000 secrets: how long the server takes to answer it.

Run: ``.venv/bin/python bench/console_render.py [--secrets 1000] [--rounds 30]``. Starts a
server with ``infisical_kit.testing.LocalServer``, creates the secrets (each with a comment)
in the folder ``/console1000`` with batch requests, logs in to the console as the
bootstrap admin and GETs the folder page ``rounds`` times on one keep-alive connection.
The figure is the time from sending the request to the last byte of the page over loopback:
the server's time plus a loopback round trip, so an upper bound of the server time. Goal
(issue 15): under 300 ms.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._common import Row, login_token  # noqa: E402
from infisical_kit.testing import LocalServer  # noqa: E402

FOLDER = "console1000"
GOAL_MS = 300.0


def seed(server: LocalServer, count: int) -> None:
    """``count`` secrets with comments in ``/console1000`` of the first environment (in
    batches of 100)."""
    boot = server.bootstrap
    token = login_token(server.url, boot)
    scope = {"projectId": boot["project_id"], "environment": boot["environments"][0]}
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url, headers=auth, timeout=120.0) as http:
        http.post("/api/v2/folders", json={**scope, "name": FOLDER, "path": "/"})
        items = [
            {
                "secretKey": f"SERVICE_{i:04d}_URL",
                "secretValue": f"https://svc-{i:04d}.internal:8443/v1?token=" + "z" * 32,
                "secretComment": f"endpoint of service {i}",
            }
            for i in range(count)
        ]
        for start in range(0, count, 100):
            body = {**scope, "secretPath": f"/{FOLDER}", "secrets": items[start : start + 100]}
            http.post("/api/v4/secrets/batch", json=body).raise_for_status()


def console_session(server: LocalServer) -> httpx.Client:
    """An HTTP client logged in to the console as the bootstrap admin."""
    boot = server.bootstrap
    http = httpx.Client(base_url=server.url, timeout=60.0)
    form = http.get("/login").text
    found = re.search(r'name="csrf" value="([^"]+)"', form)
    assert found is not None
    data = {"csrf": found.group(1), "email": boot["admin_email"]}
    resp = http.post("/login", data={**data, "password": boot["admin_password"], "next": "/"})
    assert resp.status_code == 303, resp.status_code
    return http


def measure(server: LocalServer, count: int, rounds: int) -> tuple[list[float], int]:
    """Milliseconds per folder-page request (after 3 warm-ups) and the page size."""
    boot = server.bootstrap
    path = f"/projects/{boot['project_id']}/env/{boot['environments'][0]}?path=/{FOLDER}"
    http = console_session(server)
    try:
        size = 0
        for _ in range(3):
            page = http.get(path)
            assert page.status_code == 200 and page.text.count('<tr data-name="') == count
            size = len(page.content)
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            page = http.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            assert page.status_code == 200
    finally:
        http.close()
    return samples, size


def console_render(count: int = 1000, rounds: int = 30) -> Row:
    """The benchmark row (section f) for ``bench/run.py``'s table."""
    with LocalServer() as server:
        seed(server, count)
        samples, size = measure(server, count, rounds)
    median = statistics.median(samples)
    p95 = sorted(samples)[max(0, int(len(samples) * 0.95) - 1)]
    return Row(
        section="f",
        what=f"console folder page, {count} secrets",
        unit="ms per page",
        ours=median,
        goal=f"< {GOAL_MS:.0f} ms",
        ok=median < GOAL_MS,
        note=f"median of {rounds}; p95 {p95:.0f} ms; {size / 1024:.0f} KiB of HTML",
    )


def main() -> None:
    """Print the row."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secrets", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    row = console_render(args.secrets, args.rounds)
    verdict = "met" if row.ok else "NOT met"
    print(f"{row.what}: {row.ours:.1f} ms median ({row.note}); goal {row.goal}: {verdict}")


if __name__ == "__main__":
    main()

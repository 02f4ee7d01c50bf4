"""A library never writes to stderr on its own: when the application configured no logging,
the retry warnings reach no handler (not Python's last-resort one)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import httpx
{setup}
from infisical_kit import Client

answers = [503, 200]

def handler(request):
    return httpx.Response(answers.pop(0), json={{"secrets": [], "imports": []}})

with Client("http://server.test", token="t", project_id="p", environment="dev",
            retry_backoff_base=0.001, retry_backoff_cap=0.001,
            transport=httpx.MockTransport(handler)) as client:
    client.secrets.list()
assert answers == [], answers  # the 503 was retried
print("done")
"""


def _run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(setup=setup)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


def test_retries_print_nothing_when_logging_is_not_configured() -> None:
    done = _run("")
    assert done.stdout.strip() == "done"
    assert done.stderr == ""


def test_retries_reach_the_handlers_the_application_configured() -> None:
    done = _run("import logging; logging.basicConfig(level=logging.WARNING)")
    assert "WARNING:infisical_kit.http:GET /api/v4/secrets -> HTTP 503, retrying" in done.stderr

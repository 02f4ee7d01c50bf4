"""`make demo` runs scripts/demo.py: a local server, then the quick start, sync and async."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_the_quickstart_against_a_local_server() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    out = result.stdout
    for line in (
        "server ready at http://127.0.0.1:",
        "[sync]  got DB_PASSWORD: value matches what was stored: True",
        "[sync]  rotated DB_PASSWORD: now version 2",
        "[async] renamed WORKER_0 to WORKER_ZERO (version 2)",
        "[async] deleted them; 0 secrets remain",
        "quickstart finished",
    ):
        assert line in out
    assert "Traceback" not in out + result.stderr

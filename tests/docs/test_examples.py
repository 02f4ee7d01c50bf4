"""Run every documentation example (examples/docs/*.py) against the real local server.

The pages include these files with pymdownx.snippets, so what the docs show is what runs here.
Each example gets a fresh project (the ``infisical_project`` fixture) through the ``INFISICAL_*``
variables that `Client.from_env()` reads, in a subprocess with a clean environment and HOME.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "docs").glob("*.py"))


def _env(project: Any, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        INFISICAL_DOMAIN=project.site_url,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=project.client_id,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=project.client_secret,
        INFISICAL_PROJECT_ID=project.id,
        INFISICAL_ENVIRONMENT="dev",
    )
    return env


def test_every_example_is_included_in_a_page() -> None:
    """An example file no page includes is dead documentation."""
    pages = "\n".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    included = set(re.findall(r'--8<-- "examples/docs/(\w+\.py)', pages))
    assert EXAMPLES, "no examples found"
    assert {p.name for p in EXAMPLES} <= included


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(example: Path, infisical_project: Any, tmp_path: Path) -> None:
    """The example exits 0 and prints its ok line; no credential reaches its output."""
    result = subprocess.run(
        [sys.executable, str(example)],
        env=_env(infisical_project, tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert infisical_project.client_secret not in output
    assert result.returncode == 0, f"{example.name} failed:\n{output[-3000:]}"
    assert f"{example.stem.removesuffix('_example')} example: ok" in result.stdout

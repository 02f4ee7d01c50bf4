"""The API reference (docs/api.md, built by mkdocstrings) shows public members only."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The namespaces live in private modules; their classes and members are public.
NAMESPACE_MODULE = re.compile(r"^infisical_kit\._(?:sync|async)\._\w+\.")


def test_api_reference_shows_public_members_only(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-3000:]
    html = (site / "api" / "index.html").read_text()
    anchors = re.findall(r'id="(infisical_kit\.[^"]+)"', html)
    documented = [NAMESPACE_MODULE.sub("", anchor) for anchor in anchors]
    private = [a for a in documented if any(p.startswith("_") for p in a.split(".")[1:])]
    assert private == []
    for expected in ("infisical_kit.Client.from_env", "Secrets.get", "infisical_kit.Scope"):
        assert expected in documented
    assert ">_request<" not in html and "_driver" not in html

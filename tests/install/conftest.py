"""Fresh virtual environments with infisical-kit installed the way a user installs it.

Slow (each is a real ``pip install`` into an empty venv, dependencies from pip's cache or the
index), so each is built once per session. The venvs are made ``--without-pip`` and filled by
this interpreter's pip (``pip --python``): the same packages, without bootstrapping a pip
into each one. No ``--system-site-packages``: only what the install brought is importable.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a new shell: no INFISICAL_*, no PYTHONPATH pointing at src/."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("INFISICAL_", "PYTHON", "PYTEST", "VIRTUAL_ENV", "CI"))
    }
    env.update(extra)
    return env


def make_venv(path: Path, requirements: Sequence[str]) -> Path:
    """An empty venv at `path` with `requirements` pip-installed; its bin directory."""
    venv.EnvBuilder(with_pip=False, clear=True).create(path)
    python = path / "bin" / "python"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--disable-pip-version-check", *requirements],
        capture_output=True, text=True, timeout=900, env=clean_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return path / "bin"


@pytest.fixture(scope="session")
def dist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built as `make dist` builds them (``python -m build``)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600, env=clean_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def server_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv where `pip install '<checkout>[server]' pytest` ran; its bin directory."""
    return make_venv(tmp_path_factory.mktemp("venv") / "v", [f"{ROOT}[server]", "pytest"])

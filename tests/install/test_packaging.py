"""`make dist` builds an sdist and a wheel; the wheel installs into a fresh venv and works."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from .conftest import ROOT, clean_env, make_venv


def test_make_dist_runs_build_into_dist() -> None:
    recipe = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed-stamp", "dist"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert ".venv/bin/python -m build --outdir dist ." in recipe


def test_dist_holds_an_sdist_and_a_complete_wheel(dist_dir: Path) -> None:
    names = sorted(p.name for p in dist_dir.iterdir())
    assert names == ["infisical_kit-0.1.0-py3-none-any.whl", "infisical_kit-0.1.0.tar.gz"]
    with zipfile.ZipFile(dist_dir / names[0]) as wheel:
        files = set(wheel.namelist())
        entry_points = wheel.read("infisical_kit-0.1.0.dist-info/entry_points.txt").decode()
    assert "infisical_kit/py.typed" in files
    assert any(f.startswith("infisical_kit/server/migrations/versions/") for f in files)
    assert not any(f.startswith("tests/") for f in files)
    assert "infisical-kit = infisical_kit.cli:main" in entry_points
    assert "infisical_kit = infisical_kit.testing.plugin" in entry_points


def test_the_wheel_alone_gives_the_sdk_and_the_cli(dist_dir: Path, tmp_path: Path) -> None:
    wheel = next(dist_dir.glob("*.whl"))
    bin_dir = make_venv(tmp_path / "v", [str(wheel)])
    code = (
        "from infisical_kit import AsyncClient, Client; "
        "import infisical_kit, importlib.util; "
        "print(infisical_kit.__file__); print(importlib.util.find_spec('fastapi'))"
    )
    imported = subprocess.run(
        [str(bin_dir / "python"), "-c", code], capture_output=True, text=True, env=clean_env(),
        cwd=tmp_path,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    location, fastapi = imported.stdout.splitlines()
    assert location.startswith(str(tmp_path / "v"))  # the installed copy, not src/
    assert fastapi == "None"  # the SDK's install does not pull the server's dependencies

    version = subprocess.run([str(bin_dir / "infisical-kit"), "--version"],
                             capture_output=True, text=True, env=clean_env())  # fmt: skip
    assert version.stdout.strip() == "infisical-kit, version 0.1.0"
    server = subprocess.run([str(bin_dir / "infisical-kit"), "server", "--dev"],
                            capture_output=True, text=True, env=clean_env())  # fmt: skip
    assert server.returncode == 1
    assert server.stderr.startswith(
        "error: the server needs the [server] extra: pip install 'infisical-kit[server]'"
    )

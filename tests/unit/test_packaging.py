"""The SDK's base install stays light: no server dependency is needed or imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
SERVER_ONLY = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "jwt", "argon2", "psycopg")


def test_base_dependencies_exclude_the_server() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = " ".join(project["dependencies"]).lower()
    for name in SERVER_ONLY:
        assert name not in base, f"{name} must live in the [server] extra"
    assert {"server", "dev"} <= project["optional-dependencies"].keys()
    assert project["scripts"]["infisical-kit"] == "infisical_kit.cli:main"


def test_importing_the_sdk_imports_no_server_module() -> None:
    code = (
        "import sys, infisical_kit, infisical_kit.aio\n"
        "from infisical_kit import Client, AsyncClient\n"
        f"bad = [m for m in {SERVER_ONLY!r} if m in sys.modules]\n"
        "bad += [m for m in sys.modules if m.startswith('infisical_kit.server')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_package_is_typed() -> None:
    assert (ROOT / "src" / "infisical_kit" / "py.typed").exists()

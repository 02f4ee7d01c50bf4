"""Row 1 of ``make bench``: the time of the import statement a user writes, in lean venvs.

Two venvs under ``bench/.venvs/`` (git-ignored, made on the first run): ``kit`` with only this
SDK installed (``pip install -e .``: its own dependencies, no extras) and ``sdk`` with only
``infisicalsdk``. Each statement runs in a fresh interpreter that times exactly the statement
(``time.perf_counter`` around it, interpreter start-up excluded); the figure is the median of
`RUNS` processes, ours and theirs interleaved so that machine load hits both alike.

Also reported, labelled as information: the import plus building one client (no network),
since ours defers httpx, pydantic and the configuration to the constructor.
`import_costs` lists the heaviest imports of a statement (``python -X importtime``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench._common import Row

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / "bench" / ".venvs"
RUNS = 9
SDK_PACKAGE = "infisicalsdk==1.0.18"
KIT_CLIENT = "Client('http://127.0.0.1:9', token='t', project_id='p', environment='dev')"
SDK_CLIENT = "InfisicalSDKClient(host='http://127.0.0.1:9', token='t')"


def _python(name: str) -> Path:
    return VENVS / name / "bin" / "python"


def ensure_venvs() -> bool:
    """Create the two lean venvs if missing (ours again when pyproject.toml changed); False if
    that failed."""
    pyproject = (ROOT / "pyproject.toml").stat().st_mtime
    for name, spec in (("kit", ["-e", str(ROOT)]), ("sdk", [SDK_PACKAGE])):
        python = _python(name)
        stamp = python.parent.parent / ".installed"
        if stamp.exists() and (name == "sdk" or stamp.stat().st_mtime >= pyproject):
            continue  # installed, and (ours) not older than the dependencies it declares
        print(f"setting up bench/.venvs/{name} ({' '.join(spec)}) ...", file=sys.stderr)
        try:
            if not python.exists():
                venv = str(python.parent.parent)
                subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", *spec], check=True)
        except subprocess.CalledProcessError as exc:
            print(f"could not set up bench/.venvs/{name}: {exc}", file=sys.stderr)
            return False
        stamp.touch()
    return True


def _timed(venv: str, statement: str) -> float:
    """Milliseconds `statement` takes in a fresh interpreter of `venv`."""
    code = (
        "import time\n_t = time.perf_counter()\n"
        + statement
        + "\nprint((time.perf_counter() - _t) * 1e3)"
    )
    done = subprocess.run(
        [str(_python(venv)), "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return float(done.stdout.strip().splitlines()[-1])


def _pair(ours: str, theirs: str) -> tuple[float, float]:
    mine: list[float] = []
    other: list[float] = []
    for _ in range(RUNS):
        mine.append(_timed("kit", ours))
        other.append(_timed("sdk", theirs))
    return statistics.median(mine), statistics.median(other)


def imports() -> list[Row]:
    """Row 1: `from infisical_kit import Client` / `AsyncClient` vs infisicalsdk's client."""
    if not ensure_venvs():
        return []
    theirs_stmt = "from infisical_sdk import InfisicalSDKClient"
    rows = []
    for name in ("Client", "AsyncClient"):
        ours, theirs = _pair(f"from infisical_kit import {name}", theirs_stmt)
        rows.append(
            Row(
                "1",
                f"`from infisical_kit import {name}` (lean venv, median of {RUNS})",
                "ms",
                ours,
                {f"`{theirs_stmt}`": theirs},
                goal="≤ 0.5x",
                baseline=f"`{theirs_stmt}`",
                ok=ours / theirs <= 0.5,
            )
        )
    ours, theirs = _pair(
        f"from infisical_kit import Client\n_client = {KIT_CLIENT}",
        f"{theirs_stmt}\n{SDK_CLIENT}",
    )
    rows.append(
        Row(
            "1",
            "import + build one client, no network (information)",
            "ms",
            ours,
            {"infisicalsdk": theirs},
            baseline="infisicalsdk",
        )
    )
    return rows


def import_costs(statement: str, top: int = 10) -> list[tuple[int, str]]:
    """The `top` heaviest imports (cumulative µs) under `statement` in the lean ``kit`` venv."""
    python = _python("kit") if _python("kit").exists() else Path(sys.executable)
    done = subprocess.run(
        [str(python), "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].strip()
        if "." not in name or name.startswith("infisical_kit."):
            rows.append((int(parts[1]), name))  # top-level packages and our own modules
    rows.sort(reverse=True)
    return rows[:top]

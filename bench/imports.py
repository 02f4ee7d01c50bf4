"""Benchmark (d): wall time of ``import infisical_kit`` vs ``import infisical_sdk``.

Each import runs in a fresh interpreter (``python -c "import X"``); the figure is the median
of the runs, minus nothing (interpreter start-up is in both). `import_costs` lists the
heaviest imports reported by ``python -X importtime`` (cumulative µs).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench._common import Row


def wall_ms(module: str, runs: int = 11) -> float:
    """Median wall milliseconds of ``python -c "import module"`` over `runs` fresh processes."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        samples.append((time.perf_counter() - started) * 1e3)
    return statistics.median(samples)


def import_costs(module: str, top: int = 12) -> list[tuple[int, str]]:
    """The `top` heaviest imports (cumulative µs, ``-X importtime``): packages and our modules."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
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
        if "." not in name or name.startswith(f"{module}."):
            rows.append((int(parts[1]), name))  # top-level packages and our own modules
    rows.sort(reverse=True)
    return rows[:top]


def imports() -> Row:
    """(d) import wall time, ours vs infisicalsdk."""
    baseline = wall_ms("sys")
    ours = wall_ms("infisical_kit")
    theirs = wall_ms("infisical_sdk")
    return Row(
        "d",
        "import (fresh process)",
        "ms",
        ours,
        {"infisical_sdk": theirs, "python -c 'import sys'": baseline},
        goal="≤ 0.6x infisical_sdk",
        baseline="infisical_sdk",
        ok=ours / theirs <= 0.6,
    )

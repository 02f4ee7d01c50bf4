"""``make bench``: start a local server, run every benchmark, print one table, write a chart.

Sections: (a) cached get, (b) uncached get and list-of-100, (c) 1000 concurrent gets,
(d) import time, (e) server throughput (``bench/server_throughput.py``), and the load test
(``tests/reliability/test_load.py``, ``INFISICAL_KIT_LOAD_SECONDS``, default 60 here), and
(f) the web console's folder page with 1000 secrets (``bench/console_render.py``).
Results go to ``bench/results/latest.json`` and ``bench/results/bench.png``.
Environment: ``BENCH_ONLY=a,b`` runs a subset.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._common import Row, seed  # noqa: E402
from bench.chart import write_chart  # noqa: E402
from bench.client_calls import PEERS_PYTHON, cached_get, concurrent_gets, uncached  # noqa: E402
from bench.console_render import console_render  # noqa: E402
from bench.imports import import_costs, imports  # noqa: E402
from infisical_kit.testing import LocalServer  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PEER_PACKAGE = "infisical-httpx-sdk==1.1.0"


def ensure_peers_venv() -> None:
    """Create bench/.peers with infisical-httpx-sdk (its exact pins conflict with .venv)."""
    if PEERS_PYTHON.exists():
        return
    venv = PEERS_PYTHON.parent.parent
    print(f"creating {venv.relative_to(ROOT)} for {PEER_PACKAGE} ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(PEERS_PYTHON), "-m", "pip", "install", "-q", PEER_PACKAGE], check=True)
    except subprocess.CalledProcessError as exc:
        print(f"could not set up {PEER_PACKAGE}: {exc}; it is left out", file=sys.stderr)


def ratio(row: Row) -> float | None:
    """ours / baseline, when the row has a baseline."""
    if not row.baseline or row.baseline not in row.others:
        return None
    return row.ours / row.others[row.baseline]


def fmt(value: float) -> str:
    """A number with 3 significant digits."""
    return f"{value:.3g}" if value < 1000 else f"{value:,.0f}"


def table(rows: list[Row]) -> str:
    """The Markdown table of `rows`."""
    lines = [
        "| | benchmark | unit | infisical-kit | others | ours / baseline | goal | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        others = "<br>".join(f"{name}: {fmt(v)}" for name, v in row.others.items())
        r = ratio(row)
        met = {True: "yes", False: "**no**", None: "-"}[row.ok]
        note = f" ({row.note})" if row.note else ""
        lines.append(
            f"| {row.section} | {row.what}{note} | {row.unit} | {fmt(row.ours)} | {others} | "
            f"{'-' if r is None else f'{r:.2f}x vs {row.baseline}'} | {row.goal} | {met} |"
        )
    return "\n".join(lines)


def server_throughput() -> str:
    """Output of bench/server_throughput.py (section e), or why it is missing."""
    script = ROOT / "bench" / "server_throughput.py"
    if not script.exists():
        return "(e) server throughput: bench/server_throughput.py is not in the tree yet."
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=1800
    )
    out = done.stdout.strip()
    if done.returncode != 0:
        out += f"\n(e) bench/server_throughput.py failed (exit {done.returncode}):\n"
        out += done.stderr[-2000:]
    return "(e) server throughput (bench/server_throughput.py):\n" + out


def load_test() -> str:
    """The reliability load test's summary line (50 clients; 60 s unless the env var says)."""
    env = {**os.environ}
    env.setdefault("INFISICAL_KIT_LOAD_SECONDS", "60")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "tests/reliability/test_load.py::test_fifty_concurrent_clients",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("load:")]
    verdict = "passed" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
    return "\n".join([*lines, f"load test {verdict}"])


def main() -> None:
    """Run the selected sections and report."""
    only = set(filter(None, os.environ.get("BENCH_ONLY", "a,b,c,d,e,f,load").split(",")))
    started = time.time()
    rows: list[Row] = []
    if only & {"a", "b", "c"}:
        if "b" in only:
            ensure_peers_venv()
        with LocalServer() as server:
            target = seed(server)
            if "a" in only:
                rows.append(cached_get(target))
            if "b" in only:
                rows.extend(uncached(target))
            if "c" in only:
                rows.append(concurrent_gets(target))
    if "d" in only:
        rows.append(imports())
    if "f" in only:
        rows.append(console_render())
    print(table(rows))
    costs = import_costs("infisical_kit") if "d" in only else []
    if costs:
        print("\nheaviest imports under `import infisical_kit` (cumulative ms):")
        print(", ".join(f"{name} {us / 1e3:.0f}" for us, name in costs))
    extra = server_throughput() if "e" in only else ""
    if extra:
        print("\n" + extra)
    if "load" in only:
        loaded = load_test()
        print("\n" + loaded)
        extra += "\n" + loaded
    load = os.getloadavg()
    print(
        f"\n{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {load[0]:.1f} at the end "
        f"(other processes share the machine); took {time.time() - started:.0f} s"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {"rows": [dataclasses.asdict(r) for r in rows], "server": extra, "load": load},
            indent=2,
        )
    )
    if rows:
        chart = write_chart(rows, RESULTS / "bench.png")
        print(f"chart: {chart.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

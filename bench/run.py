"""``make bench``: every row of issue 13, ours beside the baseline measured in the same run.

Rows: (1) import time in lean venvs (``bench/imports.py``); (2) client CPU per uncached get and
the connections a burst opens, (3) 1000 gets through a 20 ms-each-way latency proxy and on
plain loopback, (6) the cached get (``bench/client_rows.py``); (b) wall time of an uncached get
and a list of 100 against raw httpx and the peer SDKs (``bench/client_calls.py``, information);
(4) server CPU per request against a FastAPI hello-world and (5) the throughput table
(``bench/server_throughput.py``); the load test (``tests/reliability/test_load.py``, 50
clients, ``INFISICAL_KIT_LOAD_SECONDS``, 30 here) and (f) the web console's folder page
(``bench/console_render.py``). A row that misses its goal says "not met".

Results: ``bench/results/latest.md`` (the tables, with the date, the command and the machine's
load), ``bench/results/latest.json`` and the chart ``bench/results/bench.png``.
Environment: ``BENCH_ONLY=1,2`` runs a subset (``1 2 3 6 b 4 load f``).
"""

from __future__ import annotations

import dataclasses
import datetime
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
from bench.client_calls import PEERS_PYTHON, uncached  # noqa: E402
from bench.client_rows import cached, client_cpu, concurrency  # noqa: E402
from bench.console_render import console_render  # noqa: E402
from bench.imports import import_costs, imports  # noqa: E402
from infisical_kit.testing import LocalServer  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PEER_PACKAGE = "infisical-httpx-sdk==1.1.0"
SECTIONS = "1,2,3,6,b,4,load,f"


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
        "| row | benchmark | unit | infisical-kit | baseline and others | ours / baseline "
        "| goal | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        others = "<br>".join(f"{name}: {fmt(v)}" for name, v in row.others.items())
        r = ratio(row)
        met = {True: "met", False: "**not met**", None: "-"}[row.ok]
        note = f" ({row.note})" if row.note else ""
        lines.append(
            f"| {row.section} | {row.what}{note} | {row.unit} | {fmt(row.ours)} | {others or '-'} "
            f"| {'-' if r is None else f'{r:.2f}x'} | {row.goal or '-'} | {met} |"
        )
    return "\n".join(lines)


def server_rows() -> tuple[list[Row], str]:
    """Rows 4 (server CPU per request) and the throughput table (row 5), from
    ``bench/server_throughput.py``; the rows are empty when it failed."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "server_throughput.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
        cwd=ROOT,
    )
    lines = done.stdout.strip().splitlines()
    cpu: dict[str, float] = {}
    for line in lines:
        if line.startswith("CPU_MS_JSON "):
            cpu = json.loads(line.removeprefix("CPU_MS_JSON "))
    # the script prints each row as it goes, then the whole table: keep the table
    table_at = next((i for i, line in enumerate(lines) if line.startswith("server ")), 0)
    text = "\n".join(line for line in lines[table_at:] if not line.startswith("CPU_MS_JSON "))
    if done.returncode != 0:
        text += f"\nbench/server_throughput.py failed (exit {done.returncode}):\n"
        text += done.stderr[-2000:]
    rows: list[Row] = []
    hello = cpu.get("fastapi hello-world")
    name_sqlite = cpu.get("sqlite 1w get-by-name")
    checks = (
        ("get-by-name, SQLite", "sqlite 1w get-by-name", "FastAPI hello-world", hello, 2.0),
        ("/api/status, SQLite", "sqlite 1w /api/status", "FastAPI hello-world", hello, 1.2),
        ("list-of-100, SQLite", "sqlite 1w list-of-100", "get-by-name", name_sqlite, 3.0),
        ("get-by-name, PostgreSQL", "postgres 1w get-by-name", "SQLite", name_sqlite, 1.3),
    )
    for what, key, base_name, base, goal in checks:
        if key not in cpu or base is None:
            continue
        ours = cpu[key]
        rows.append(
            Row(
                "4",
                f"server CPU per request: {what} (1 worker, median of 5 interleaved rounds)",
                "CPU ms/req",
                ours,
                {base_name: base},
                goal=f"≤ {goal}x {base_name}",
                baseline=base_name,
                ok=ours / base <= goal,
            )
        )
    cold = cpu.get("sqlite 1w memo off list-of-100")
    if cold is not None and name_sqlite is not None:
        rows.append(
            Row(
                "4",
                "server CPU per request: list-of-100, SQLite, list memo off (information: "
                "every row decrypted and shaped, as on a folder's first list after a change)",
                "CPU ms/req",
                cold,
                {"get-by-name": name_sqlite},
                goal="-",
                baseline="get-by-name",
            )
        )
    return rows, text


def load_test() -> str:
    """The reliability load test's summary line (50 clients; 30 s unless the env var says)."""
    env = {**os.environ}
    env.setdefault("INFISICAL_KIT_LOAD_SECONDS", "30")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
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


def progress(section: str) -> None:
    """Say on stderr which section starts (the table comes at the end)."""
    print(f"[bench] {time.strftime('%H:%M:%S')} {section} (load {uptime()})", file=sys.stderr)


def uptime() -> str:
    """The load averages now (1, 5, 15 minutes)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    """Run the selected sections and report."""
    only = set(filter(None, os.environ.get("BENCH_ONLY", SECTIONS).split(",")))
    started = time.time()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_before = uptime()
    rows: list[Row] = []
    if "1" in only:
        progress("row 1: imports")
        rows.extend(imports())
    if only & {"2", "3", "6", "b"}:
        if "b" in only:
            ensure_peers_venv()
        with LocalServer(extra_args=["--log-level", "warning"]) as server:
            target = seed(server)
            if "2" in only:
                progress("row 2: client CPU")
                rows.extend(client_cpu(target))
            if "3" in only:
                progress("row 3: 1000 gets, latency proxy and loopback")
                rows.extend(concurrency(target))
            if "6" in only:
                progress("row 6: cached get")
                rows.append(cached(target))
            if "b" in only:
                progress("b: uncached get and list, wall time")
                rows.extend(uncached(target))
    extra = ""
    if "4" in only:
        progress("rows 4 and 5: server CPU and throughput")
        more, extra = server_rows()
        rows.extend(more)
    if "f" in only:
        progress("f: console page")
        rows.append(console_render())
    costs = import_costs("from infisical_kit import Client") if "1" in only else []
    if "load" in only:
        progress("load test")
        extra += "\n\n" + load_test()
    took = time.time() - started
    header = (
        f"`make bench` ({' '.join(sorted(only))}) on {when}: {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores; load average (1/5/15 min) "
        f"{load_before} at the start, {uptime()} at the end (other processes share the "
        f"machine); took {took:.0f} s."
    )
    report = [header, "", table(rows)]
    if costs:
        report += [
            "",
            "Heaviest imports under `from infisical_kit import Client` (cumulative ms): "
            + ", ".join(f"{name} {us / 1e3:.1f}" for us, name in costs),
        ]
    if extra.strip():
        report += ["", "Server throughput (`bench/server_throughput.py`):", "", "```"]
        report += [extra.strip(), "```"]
    text = "\n".join(report)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text + "\n")
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {
                "when": when,
                "load": {"start": load_before, "end": uptime()},
                "rows": [dataclasses.asdict(r) for r in rows],
                "server": extra,
            },
            indent=2,
        )
    )
    if rows:
        chart = write_chart(rows, RESULTS / "bench.png")
        print(f"\nchart: {chart.relative_to(ROOT)}; tables: bench/results/latest.md")


if __name__ == "__main__":
    main()

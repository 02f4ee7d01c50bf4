"""Reading the configuration files: profiles (TOML), the credentials file, `.infisical.json`.

Profile file (``~/.config/infisical-kit/config.toml`` or ``INFISICAL_CONFIG_FILE``) and credentials
file (``~/.config/infisical-kit/credentials.toml`` or ``INFISICAL_CREDENTIALS_FILE``) both use
``[profiles.<name>]`` sections whose keys are the profile keys of the settings table. The
credentials file, and a profile file that holds a secret, must not be readable by group or others
(``chmod 600``). Every function returns ``(values, problems)``: nothing raises, so the caller can
report every problem at once.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

from infisical_kit._core.settings_table import file_keys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = [
    "config_dir",
    "find_project_file",
    "git_branch",
    "load_profile",
    "load_project",
]

PROJECT_FILE = ".infisical.json"


def config_dir() -> Path:
    """``~/.config/infisical-kit`` (read at call time, so ``HOME`` changes are honoured)."""
    return Path.home() / ".config" / "infisical-kit"


def _loose_mode(path: Path) -> int | None:
    """The file's permission bits if group or others may access it (POSIX only), else None."""
    if os.name != "posix":
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    return mode if mode & 0o077 else None


def _read_toml(path: Path, label: str) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle), []
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{label} {path} is not valid TOML: {exc}"]
    except OSError as exc:
        return None, [f"{label} {path} cannot be read: {exc.strerror}"]


def load_profile(
    profile: str | None, config_file: str | None, credentials_file: str | None
) -> tuple[dict[str, Any], list[str]]:
    """The settings of profile `profile` (default ``"default"``) from both files, merged."""
    name = profile or "default"
    keys = file_keys()
    values: dict[str, Any] = {}
    problems: list[str] = []
    found = False
    searched: list[str] = []
    sources = (
        (config_file, "config.toml", "profile file", False),
        (credentials_file, "credentials.toml", "credentials file", True),
    )
    for given, default_name, label, holds_secrets in sources:
        path = Path(given).expanduser() if given else config_dir() / default_name
        if not path.is_file():
            if given:
                problems.append(f"{label} {path} does not exist")
            continue
        searched.append(str(path))
        data, errors = _read_toml(path, label)
        problems += errors
        if data is None:
            continue
        loose = _loose_mode(path)
        if holds_secrets and loose is not None:
            problems.append(
                f"credentials file {path} has mode {loose:04o}; it holds secrets and must be "
                f"readable by its owner only: run chmod 600 {path}"
            )
            continue
        extra = sorted(set(data) - {"profiles"})
        if extra:
            problems.append(
                f"{label} {path}: unknown top-level key(s) {', '.join(extra)}; "
                "put settings in [profiles.<name>] sections"
            )
        profiles = data.get("profiles", {})
        section = profiles.get(name) if isinstance(profiles, dict) else None
        if not isinstance(section, dict):
            continue
        found = True
        for key, value in section.items():
            setting = keys.get(key)
            where = f"{label} {path}, profile {name!r}"
            if setting is None:
                problems.append(f"{where}: unknown key {key!r} (known: {', '.join(sorted(keys))})")
            elif setting.secret and not holds_secrets and loose is not None:
                problems.append(
                    f"{where}: {key} is a secret but the file has mode {loose:04o}; move it to "
                    f"the credentials file or run chmod 600 {path}"
                )
            else:
                values[setting.name] = tuple(value) if isinstance(value, list) else value
    if profile is not None and not found:
        where = ", ".join(searched) if searched else "no profile file exists"
        problems.append(f"profile {name!r} not found (searched: {where})")
    return values, problems


def find_project_file(start: Path) -> Path | None:
    """The nearest ``.infisical.json`` in `start` or one of its parents."""
    for directory in (start, *start.parents):
        candidate = directory / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def git_branch(start: Path) -> str | None:
    """The checked-out branch, read from ``.git/HEAD`` (no git process); None if detached."""
    for directory in (start, *start.parents):
        dotgit = directory / ".git"
        if dotgit.is_file():  # worktree or submodule: "gitdir: <path>"
            text = dotgit.read_text(encoding="utf-8").strip()
            if not text.startswith("gitdir:"):
                return None
            gitdir = Path(text[len("gitdir:") :].strip())
            dotgit = gitdir if gitdir.is_absolute() else directory / gitdir
        if dotgit.is_dir():
            try:
                head = (dotgit / "HEAD").read_text(encoding="utf-8").strip()
            except OSError:
                return None
            prefix = "ref: refs/heads/"
            return head[len(prefix) :] if head.startswith(prefix) else None
    return None


def load_project(start: Path) -> tuple[dict[str, Any], list[str]]:
    """Default scope from the nearest ``.infisical.json`` (workspaceId, branch mapping...)."""
    path = find_project_file(start)
    if path is None:
        return {}, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, [f"project file {path} cannot be read as JSON: {exc}"]
    if not isinstance(data, dict):
        return {}, [f"project file {path} must hold a JSON object"]
    values: dict[str, Any] = {}
    if isinstance(data.get("workspaceId"), str) and data["workspaceId"]:
        values["project_id"] = data["workspaceId"]
    environment = data.get("defaultEnvironment") or None
    mapping = data.get("gitBranchToEnvironmentMapping")
    if isinstance(mapping, dict):
        branch = git_branch(path.parent)
        if branch is not None and isinstance(mapping.get(branch), str):
            environment = mapping[branch]
    if isinstance(environment, str):
        values["environment"] = environment
    if isinstance(data.get("defaultSecretPath"), str) and data["defaultSecretPath"]:
        values["secret_path"] = data["defaultSecretPath"]
    return values, []

"""The sites the compatibility suite runs against, and how a real one is configured.

A site is a running Infisical-compatible server plus what the suite needs to act on it: a
machine identity (universal auth) that administers one project with the environments
``dev`` and ``staging``. Two kinds:

* ``ours`` - the local server of this repository (`infisical_kit.testing.LocalServer`), always;
* ``real`` - a real Infisical backend, when the environment names one (see `REAL_VARIABLES`
  and docs/dev/compatibility.md). Otherwise its tests are skipped with one line naming the
  variables (also under ``CI=true``: CI cannot build a real backend; the replay tests guard it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Variables naming a real site (explicit ones win over the creds file).
SITE_VAR = "INFISICAL_KIT_REAL_SITE"
CREDS_VAR = "INFISICAL_KIT_REAL_CREDS"
REAL_VARIABLES = (
    SITE_VAR,
    "INFISICAL_KIT_REAL_CLIENT_ID",
    "INFISICAL_KIT_REAL_CLIENT_SECRET",
    "INFISICAL_KIT_REAL_PROJECT_ID",
)
OPTIONAL_VARIABLES = (
    CREDS_VAR,  # a creds.json written by shared/tools/real-infisical/bootstrap.py
    "INFISICAL_KIT_REAL_USERNAME",  # a user of the site (user-login checks)
    "INFISICAL_KIT_REAL_PASSWORD",
    "INFISICAL_KIT_REAL_DIRECT_URL",  # the backend without a rate-limit-dodging proxy
)
SKIP_REASON = (
    f"no real Infisical site: set {SITE_VAR} and INFISICAL_KIT_REAL_CLIENT_ID, "
    "INFISICAL_KIT_REAL_CLIENT_SECRET, INFISICAL_KIT_REAL_PROJECT_ID "
    f"(or {CREDS_VAR}=path/to/creds.json); see docs/dev/compatibility.md"
)


@dataclass(frozen=True, repr=False)
class Site:
    """One server to run the suite against (credentials never in ``repr``)."""

    kind: str  # "ours" or "real"
    url: str
    client_id: str
    client_secret: str
    project_id: str
    username: str | None = None
    password: str | None = None
    #: where the server's own rate limits can be reached (None: the suite cannot provoke them)
    direct_url: str | None = None

    def __repr__(self) -> str:
        return f"Site({self.kind!r}, {self.url!r}, project_id={self.project_id!r})"

    def client_kwargs(self, **overrides: Any) -> dict[str, Any]:
        """Constructor arguments of a client of this site as its machine identity (the
        project as default scope, environment ``dev``, cache off unless overridden)."""
        return {
            "site_url": self.url,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "project_id": self.project_id,
            "environment": "dev",
            "cache_ttl": 0,
            **overrides,
        }

    def cli_env(self, **extra: str) -> dict[str, str]:
        """``INFISICAL_*`` variables for the CLI as this site's identity (environment dev)."""
        return {
            "INFISICAL_DOMAIN": self.url,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": self.client_id,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": self.client_secret,
            "INFISICAL_PROJECT_ID": self.project_id,
            "INFISICAL_ENVIRONMENT": "dev",
            **extra,
        }


def ours(url: str, bootstrap: Mapping[str, Any], *, direct_url: str | None = None) -> Site:
    """Our local server, from its bootstrap document."""
    return Site(
        kind="ours",
        url=url,
        client_id=bootstrap["client_id"],
        client_secret=bootstrap["client_secret"],
        project_id=bootstrap["project_id"],
        username=bootstrap.get("admin_email"),
        password=bootstrap.get("admin_password"),
        direct_url=direct_url,
    )


def real_from_environment(environ: Mapping[str, str]) -> Site | None:
    """The real site the environment names, or None when it names none (or not completely)."""
    values: dict[str, str | None] = {}
    creds_path = environ.get(CREDS_VAR)
    if creds_path:
        creds = json.loads(Path(creds_path).expanduser().read_text())
        identity = creds.get("identity") or {}
        admin = creds.get("admin") or {}
        values = {
            "INFISICAL_KIT_REAL_SITE": creds.get("site_url"),
            "INFISICAL_KIT_REAL_CLIENT_ID": identity.get("client_id"),
            "INFISICAL_KIT_REAL_CLIENT_SECRET": identity.get("client_secret"),
            "INFISICAL_KIT_REAL_PROJECT_ID": creds.get("project_id"),
            "INFISICAL_KIT_REAL_USERNAME": admin.get("email"),
            "INFISICAL_KIT_REAL_PASSWORD": admin.get("password"),
            "INFISICAL_KIT_REAL_DIRECT_URL": creds.get("backend_url"),
        }
    for name in (*REAL_VARIABLES, *OPTIONAL_VARIABLES):
        if environ.get(name):
            values[name] = environ[name]
    if not environ.get(SITE_VAR) or not all(values.get(name) for name in REAL_VARIABLES):
        return None
    return Site(
        kind="real",
        url=str(values[SITE_VAR]).rstrip("/"),
        client_id=str(values["INFISICAL_KIT_REAL_CLIENT_ID"]),
        client_secret=str(values["INFISICAL_KIT_REAL_CLIENT_SECRET"]),
        project_id=str(values["INFISICAL_KIT_REAL_PROJECT_ID"]),
        username=values.get("INFISICAL_KIT_REAL_USERNAME"),
        password=values.get("INFISICAL_KIT_REAL_PASSWORD"),
        direct_url=values.get("INFISICAL_KIT_REAL_DIRECT_URL"),
    )


def real_site() -> Site | None:
    """The real site named by this process's environment, if any."""
    return real_from_environment(os.environ)

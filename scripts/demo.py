"""`make demo`: start a local server (SQLite, temporary directory) and run the quick start on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from infisical_kit.testing import LocalServer

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the demo; return the quick start's exit code."""
    print("starting infisical-kit server (SQLite in a temporary directory) ...")
    with LocalServer() as server:
        boot = server.bootstrap
        print(f"server ready at {server.url}")
        print(f"bootstrapped project {boot['project_slug']} with {', '.join(boot['environments'])}")
        print(f"machine identity (universal auth) client id {boot['client_id']}")
        env = {
            **os.environ,
            "INFISICAL_DOMAIN": server.url,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": boot["client_id"],
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": boot["client_secret"],
            "INFISICAL_PROJECT_ID": boot["project_id"],
            "INFISICAL_ENVIRONMENT": "dev",
        }
        print("running examples/quickstart.py\n")
        code = subprocess.call([sys.executable, str(ROOT / "examples" / "quickstart.py")], env=env)
        print("\nstopping the server")
    return code


if __name__ == "__main__":
    sys.exit(main())

"""Flask: read secrets once at start-up with the sync `Client`.

    INFISICAL_DOMAIN=... INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=... \\
    INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=... INFISICAL_PROJECT_ID=... \\
    INFISICAL_ENVIRONMENT=dev flask --app examples/flask_app run

The app fails to start (an `InfisicalError`) when a secret it needs is missing, rather than
serving requests with a broken configuration. Secret values are never returned or logged.
"""

from __future__ import annotations

import hashlib

from flask import Flask

from infisical_kit import Client


def create_app(client: Client | None = None) -> Flask:
    """Build the app; `client` defaults to one configured from the ``INFISICAL_*`` variables."""
    app = Flask(__name__)
    own = client is None
    client = client or Client.from_env()
    try:
        app.config["SECRET_KEY"] = client.secrets.get("FLASK_SECRET_KEY").value
        app.config["GREETING"] = client.secrets.get("GREETING").value
    finally:
        if own:
            client.close()

    @app.get("/")
    def index() -> str:
        return str(app.config["GREETING"])

    @app.get("/health")
    def health() -> dict[str, str]:
        # A fingerprint shows which key is loaded without revealing it.
        digest = hashlib.sha256(str(app.config["SECRET_KEY"]).encode()).hexdigest()[:12]
        return {"status": "ok", "secret_key_sha256": digest}

    return app

"""Drop-in: code written for the official SDK, with one import changed, runs on infisical-kit."""

import os

# before: from infisical_sdk import InfisicalSDKClient
from infisical_kit.compat.infisicalsdk import InfisicalSDKClient

client = InfisicalSDKClient(host=os.environ["INFISICAL_DOMAIN"])
client.auth.universal_auth.login(
    client_id=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"],
    client_secret=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"],
)
project_id = os.environ["INFISICAL_PROJECT_ID"]

client.secrets.create_secret_by_name(
    secret_name="DB_URL",
    secret_value="postgres://db/app",
    project_id=project_id,
    environment_slug="dev",
    secret_path="/",
)
secret = client.secrets.get_secret_by_name(
    secret_name="DB_URL", project_id=project_id, environment_slug="dev", secret_path="/"
)
assert secret.secretValue == "postgres://db/app"
client.close()
print("dropin example: ok")

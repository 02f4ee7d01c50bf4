"""Drop-in: ``infisicalsdk``'s dynamic secrets and leases, on infisical-kit (a TOTP provider)."""

import base64
import os

from infisical_kit import Client

# before: from infisical_sdk import InfisicalSDKClient, DynamicSecretProviders
from infisical_kit.compat.infisicalsdk import DynamicSecretProviders, InfisicalSDKClient

with Client.from_env() as kit:  # only to read the project's slug, which these routes take
    project_slug = kit.projects.get(os.environ["INFISICAL_PROJECT_ID"]).slug

client = InfisicalSDKClient(host=os.environ["INFISICAL_DOMAIN"])
client.auth.universal_auth.login(
    client_id=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"],
    client_secret=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"],
)
where = {"project_slug": project_slug, "environment_slug": "dev", "path": "/"}

client.dynamic_secrets.create(
    name="otp",
    provider_type=DynamicSecretProviders.TOTP,
    inputs={"configType": "manual", "secret": base64.b32encode(os.urandom(20)).decode()},
    default_ttl="1h",
    max_ttl="4h",
    **where,
)
leased = client.dynamic_secrets.leases.create(dynamic_secret_name="otp", ttl="10m", **where)
assert leased.data["TOTP"].isdigit()  # a 6-digit code
renewed = client.dynamic_secrets.leases.renew(lease_id=leased.lease.id, ttl="30m", **where)
assert renewed.expireAt > leased.lease.expireAt
client.dynamic_secrets.leases.revoke(lease_id=leased.lease.id, **where)
client.dynamic_secrets.delete(name="otp", **where)
client.close()
print("dropin_dynamic example: ok")

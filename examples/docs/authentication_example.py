"""Authentication: universal auth, `client.auth`, a static token, a custom credential provider.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

import os

from infisical_kit import (
    AuthenticationError,
    Client,
    CredentialChain,
    Credentials,
    CredentialsNotFoundError,
)

site_url = os.environ["INFISICAL_DOMAIN"]
project_id = os.environ["INFISICAL_PROJECT_ID"]

# --8<-- [start:universal]
with Client(
    site_url,
    client_id=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_ID"],
    client_secret=os.environ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET"],
    project_id=project_id,
    environment="dev",
    test_if_authenticated=True,  # one request in the constructor: fail early on bad credentials
) as client:
    token = client.auth.authorize()  # a valid access token (logs in lazily, renews when due)
    client.auth.renew()  # renew now (the SDK does it by itself in the refresh windows)
    assert client.auth.authorize() != token
    client.auth.test_authentication()  # raises AuthenticationError when rejected
# --8<-- [end:universal]

# --8<-- [start:static]
# A static token is used as is: never renewed, and a rejection is an AuthenticationError.
with Client(site_url, token=token, project_id=project_id, environment="dev") as static:
    static.secrets.list()
# --8<-- [end:static]

# --8<-- [start:bad]
with Client(site_url, client_id="nobody", client_secret="wrong", project_id=project_id,
            environment="dev") as bad:  # fmt: skip
    try:
        bad.auth.test_authentication()
    except AuthenticationError as exc:
        print("rejected:", exc.status_code)
# --8<-- [end:bad]


# --8<-- [start:provider]
class VaultFileProvider:
    """A custom provider: anything with `name`, `load()` and `async aload()`."""

    name = "vault-file"

    def load(self) -> Credentials | None:
        client_id = os.environ.get("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID")
        client_secret = os.environ.get("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET")
        if not (client_id and client_secret):
            return None  # "nothing here": the chain tries the next provider
        return Credentials.universal_auth(client_id, client_secret, source=self.name)

    async def aload(self) -> Credentials | None:
        return self.load()


with Client(site_url, credentials=VaultFileProvider(), project_id=project_id,
            environment="dev") as client:  # fmt: skip
    assert client.credential_chain.names[:2] == ["explicit", "vault-file"]
    client.secrets.list()

# An empty chain says what it tried, provider by provider.
try:
    CredentialChain([]).resolve()
except CredentialsNotFoundError as exc:
    print("no credentials:", exc.attempts)
# --8<-- [end:provider]

print("authentication example: ok")

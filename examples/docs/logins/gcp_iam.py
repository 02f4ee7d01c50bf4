"""GCP IAM auth: the client configured from the environment, as in a deployment.

Run by tests/docs/test_login_examples.py against a local server that verifies the login with a
real service started by the suite.
"""

import os

# --8<-- [start:example]
# The environment (the Infisical CLI's variable names):
#   INFISICAL_AUTH_METHOD=gcp-iam  INFISICAL_MACHINE_IDENTITY_ID=<identity id>
#   INFISICAL_GCP_IAM_SERVICE_ACCOUNT_KEY_FILE_PATH=/path/to/service-account.json
#   (pip install 'infisical-kit[gcp]')
from infisical_kit import Client

with Client.from_env() as client:  # logs in on the first call, renews, logs in again
    names = [secret.key for secret in client.secrets.list()]
# --8<-- [end:example]
assert os.environ["LOGIN_EXAMPLE_SECRET"] in names  # the test made it

print("gcp_iam example: ok")

"""AWS IAM auth through the ``infisicalsdk`` drop-in: code written for the official SDK, one
import changed.

Run by tests/docs/test_login_examples.py against a local server that verifies the login with
moto standing in for AWS STS.
"""

import os

# --8<-- [start:example]
# before: from infisical_sdk import InfisicalSDKClient
from infisical_kit.compat.infisicalsdk import InfisicalSDKClient

with InfisicalSDKClient(host=os.environ["INFISICAL_DOMAIN"]) as client:
    # this machine's AWS keys (botocore's chain); logs in again with fresh keys when due
    client.auth.aws_auth.login(identity_id=os.environ["INFISICAL_MACHINE_IDENTITY_ID"])
    listed = client.secrets.list_secrets(
        project_id=os.environ["INFISICAL_PROJECT_ID"], environment_slug="dev", secret_path="/"
    )
    names = [secret.secretKey for secret in listed.secrets]
# --8<-- [end:example]
assert os.environ["LOGIN_EXAMPLE_SECRET"] in names  # the test made it

print("dropin_aws_iam example: ok")

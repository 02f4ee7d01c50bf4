"""Errors: what each exception carries.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

from infisical_kit import APIError, Client, InfisicalError, NotFoundError, ValidationError

with Client.from_env() as client:
    try:
        client.secrets.get("MISSING")
    except NotFoundError as exc:  # an APIError: the server's error envelope
        assert exc.status_code == 404 and exc.method == "GET"
        print(exc.error, exc.path, exc.request_id is not None)

    try:
        client.secrets.create("", "value", environment="")
    except ValidationError as exc:  # nothing was sent; every problem at once
        assert len(exc.problems) >= 1
        print("problems:", exc.problems)

    try:
        client.secrets.create("BAD", "x", secret_path="/no/such/folder")
    except APIError as exc:  # 400 or 404 depending on the server: catch the parent
        print("server said:", exc.status_code, exc.message)
    except InfisicalError:  # the root of everything the SDK raises
        raise

print("errors example: ok")

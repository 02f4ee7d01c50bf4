"""Folders, secret imports, projects, environments, tags and KMS keys.

Run by tests/docs/test_examples.py against a fresh project on the local server.
"""

from infisical_kit import Client

with Client.from_env() as client:
    # --8<-- [start:folders]
    billing = client.folders.create("billing", description="billing service")
    client.folders.create("workers", path="/billing")  # a sub-folder
    assert [f.name for f in client.folders.list()] == ["billing"]
    assert {f.name for f in client.folders.list(recursive=True)} == {"billing", "workers"}
    assert client.folders.get(billing.id).path == "/billing"
    client.secrets.create("STRIPE_KEY", "sk_test_1", secret_path="/billing")
    client.folders.rename(billing.id, "payments")
    assert client.secrets.get("STRIPE_KEY", secret_path="/payments").value == "sk_test_1"
    # --8<-- [end:folders]

    # --8<-- [start:imports]
    # Make staging's root folder visible in dev's /payments (a later import wins on conflicts).
    client.secrets.create("REGION", "eu-west-1", environment="staging")
    imported = client.imports.create("staging", "/", path="/payments")
    assert [i.id for i in client.imports.list(path="/payments")] == [imported.id]
    region = client.secrets.get("REGION", secret_path="/payments")  # include_imports=True
    assert region.value == "eu-west-1"
    client.imports.delete(imported.id, path="/payments")
    client.folders.delete("payments")  # by name (or id), with everything in it
    # --8<-- [end:imports]

    # --8<-- [start:projects]
    project = client.projects.get()  # the client's default project, with its environments
    assert {"dev", "staging", "prod"} <= {e.slug for e in project.environments}
    assert project.id in {p.id for p in client.projects.list()}
    scratch = client.projects.create("Scratch", slug="scratch-docs")
    client.projects.update(scratch.id, description="a throw-away project")
    assert client.projects.get_by_slug("scratch-docs").description == "a throw-away project"
    client.projects.delete(scratch.id)
    # --8<-- [end:projects]

    # --8<-- [start:environments]
    qa = client.environments.create("QA", "qa")
    client.environments.update(qa.id, name="Quality assurance")
    assert client.environments.get(qa.id).name == "Quality assurance"
    assert "qa" in {e.slug for e in client.environments.list()}
    client.environments.delete(qa.id)
    # --8<-- [end:environments]

    # --8<-- [start:tags]
    tag = client.tags.create("backend", color="#2f80ed")
    client.secrets.create("QUEUE_URL", "amqp://mq", tag_ids=[tag.id])
    tagged = client.secrets.list(tag_slugs=["backend"])
    assert [s.key for s in tagged] == ["QUEUE_URL"] and tagged[0].tags[0].slug == "backend"
    client.tags.update(tag.id, slug="api")
    assert client.tags.get_by_slug("api").id == client.tags.get(tag.id).id
    assert [t.slug for t in client.tags.list()] == ["api"]
    client.tags.delete(tag.id)
    # --8<-- [end:tags]

    # --8<-- [start:kms]
    key = client.kms.create("app-data", description="application data")
    ciphertext = client.kms.encrypt(key.id, "card ending 4242")
    assert client.kms.decrypt(key.id, ciphertext) == b"card ending 4242"
    assert client.kms.get_by_name("app-data").id == client.kms.get(key.id).id
    client.kms.update(key.id, is_disabled=True)  # a disabled key refuses to encrypt or decrypt
    assert client.kms.list(search="app")[0].is_disabled

    signer = client.kms.create("release-signing", key_usage="sign-verify",
                               encryption_algorithm="ECC_NIST_P256")  # fmt: skip
    signature = client.kms.sign(signer.id, b"release 1.2.3", algorithm="ECDSA_SHA_256")
    assert client.kms.verify(signer.id, b"release 1.2.3", signature, algorithm="ECDSA_SHA_256")
    for k in (key, signer):
        client.kms.delete(k.id)
    # --8<-- [end:kms]

print("resources example: ok")

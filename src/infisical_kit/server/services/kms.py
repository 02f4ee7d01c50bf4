"""KMS keys of a project: CRUD, the sealed key material (under the project data key) and the
operations with it (encrypt/decrypt, sign/verify, public key)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES, membership_role, require_role
from ..crypto import seal, unseal, unwrap_data_key
from ..db import unit_of_work
from ..errors import ApiError, bad_request, not_found
from ..schema import KmsKey, Project, new_id, utcnow
from . import kms_crypto
from .lookups import first_or_404
from .scope import ProjectAccess


@dataclass(frozen=True)
class KeyAccess:
    """A key, its project and the actor's role in that project."""

    key: KmsKey
    project: Project
    role: str


def _material_aad(project_id: str, key_id: str) -> bytes:
    return f"infisical-kit:kms-key:{project_id}:{key_id}".encode()


def check_usage(key_usage: str, algorithm: str) -> None:
    """400 unless ``algorithm`` fits ``key_usage``."""
    if key_usage == kms_crypto.ENCRYPT_DECRYPT:
        allowed = tuple(kms_crypto.SYMMETRIC_KEY_BYTES)
    else:
        allowed = tuple(kms_crypto.SIGNING_ALGORITHMS)
    if algorithm not in allowed:
        raise bad_request(
            f"Key usage '{key_usage}' needs one of these algorithms: {', '.join(allowed)}; "
            f"got '{algorithm}'"
        )


def _name_taken(session: Session, project_id: str, name: str, exclude_id: str = "") -> bool:
    stmt = select(KmsKey.id).where(
        KmsKey.project_id == project_id, KmsKey.name == name, KmsKey.id != exclude_id
    )
    return session.scalars(stmt).first() is not None


def create_key(
    session: Session,
    root_key: bytes,
    access: ProjectAccess,
    *,
    name: str,
    description: str | None,
    key_usage: str,
    algorithm: str,
) -> KmsKey:
    """Generate a key and store its material sealed under the project's data key."""
    access.require(WRITE_ROLES, "create", "cmek")
    with unit_of_work(session):
        return _create(session, root_key, access.project, name, description, key_usage, algorithm)


def _create(
    session: Session,
    root_key: bytes,
    project: Project,
    name: str,
    description: str | None,
    key_usage: str,
    algorithm: str,
) -> KmsKey:
    check_usage(key_usage, algorithm)
    if _name_taken(session, project.id, name):
        raise bad_request(f"Key with name '{name}' already exists in this project")
    key_id = new_id()
    data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
    material = kms_crypto.generate_material(algorithm)
    now = utcnow()
    key = KmsKey(
        id=key_id,
        project_id=project.id,
        org_id=project.org_id,
        name=name,
        description=description,
        is_disabled=False,
        key_usage=key_usage,
        algorithm=algorithm,
        version=1,
        sealed_material=seal(data_key, material, _material_aad(project.id, key_id)),
        created_at=now,
        updated_at=now,
    )
    session.add(key)
    return key


def member_key(session: Session, actor: Actor, key_id: str) -> KeyAccess:
    """The key, its project and the actor's role; 404 when missing or not a member."""
    key = session.get(KmsKey, key_id)
    role = membership_role(session, actor, key.project_id) if key is not None else None
    project = session.get(Project, key.project_id) if key is not None else None
    if key is None or role is None or project is None:
        raise not_found(f"Key with ID '{key_id}' not found")
    return KeyAccess(key, project, role)


def operator_key(session: Session, actor: Actor, key_id: str, action: str) -> KeyAccess:
    """`member_key` for a cryptographic operation (``encrypt``, ``decrypt``, ``sign``,
    ``verify``): Infisical's default roles grant those on ``cmek`` to admins and members,
    while a viewer may only read keys (list, get, public key, signing algorithms): 403."""
    access = member_key(session, actor, key_id)
    require_role(access.role, WRITE_ROLES, action, "cmek")
    return access


def key_by_name(session: Session, project: Project, name: str) -> KmsKey:
    """The key called ``name`` in ``project`` (404 otherwise)."""
    stmt = select(KmsKey).where(KmsKey.project_id == project.id, KmsKey.name == name)
    return first_or_404(session, stmt, f"Key with name '{name}' not found")


def list_keys(
    session: Session,
    project: Project,
    *,
    offset: int,
    limit: int,
    descending: bool,
    search: str | None,
) -> tuple[list[KmsKey], int]:
    """A page of the project's keys ordered by name, and the total matching ``search``."""
    where = [KmsKey.project_id == project.id]
    if search:
        where.append(func.lower(KmsKey.name).contains(search.lower(), autoescape=True))
    total = session.scalar(select(func.count()).select_from(KmsKey).where(*where)) or 0
    order = KmsKey.name.desc() if descending else KmsKey.name.asc()
    stmt = select(KmsKey).where(*where).order_by(order).offset(offset).limit(limit)
    return list(session.scalars(stmt)), int(total)


def update_key(
    session: Session,
    access: KeyAccess,
    *,
    name: str | None,
    is_disabled: bool | None,
    description: str | None,
) -> KmsKey:
    """Rename, enable/disable or re-describe a key (400 when the new name is taken)."""
    require_role(access.role, WRITE_ROLES, "edit", "cmek")
    key = access.key
    with unit_of_work(session):
        if name is not None and name != key.name:
            if _name_taken(session, key.project_id, name, exclude_id=key.id):
                raise bad_request(f"Key with name '{name}' already exists in this project")
            key.name = name
        if is_disabled is not None:
            key.is_disabled = is_disabled
        if description is not None:
            key.description = description
        key.updated_at = utcnow()
    return key


def delete_key(session: Session, access: KeyAccess) -> KmsKey:
    """Delete a key (its ciphertexts can no longer be decrypted); returns it as it was."""
    require_role(access.role, WRITE_ROLES, "delete", "cmek")
    with unit_of_work(session):
        session.delete(access.key)
    return access.key


def _material(root_key: bytes, access: KeyAccess, usage: str) -> bytes:
    """The key material for a crypto operation; 400 if disabled or of the wrong usage."""
    key, project = access.key, access.project
    if key.is_disabled:
        raise bad_request(f"Key '{key.name}' is disabled")
    if key.key_usage != usage:
        raise bad_request(
            f"Key '{key.name}' has key usage '{key.key_usage}'; this operation needs '{usage}'"
        )
    data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
    return unseal(data_key, key.sealed_material, _material_aad(project.id, key.id))


def _crypto_error(exc: kms_crypto.KmsCryptoError) -> ApiError:
    return bad_request(str(exc))


def _signing_algorithm(key: KmsKey, name: str) -> str:
    allowed = kms_crypto.SIGNING_ALGORITHMS.get(key.algorithm, ())
    if name not in allowed:
        raise bad_request(
            f"Signing algorithm '{name}' does not fit key '{key.name}' ({key.algorithm}); "
            f"use one of: {', '.join(allowed)}"
        )
    return name


def encrypt(root_key: bytes, access: KeyAccess, plaintext: bytes) -> bytes:
    """Encrypt with an encrypt-decrypt key."""
    material = _material(root_key, access, kms_crypto.ENCRYPT_DECRYPT)
    return kms_crypto.encrypt(material, plaintext, access.key.id)


def decrypt(root_key: bytes, access: KeyAccess, blob: bytes) -> bytes:
    """Decrypt a ciphertext made by this key (400 when it was not)."""
    material = _material(root_key, access, kms_crypto.ENCRYPT_DECRYPT)
    try:
        return kms_crypto.decrypt(material, blob, access.key.id)
    except kms_crypto.KmsCryptoError as exc:
        raise _crypto_error(exc) from None


def sign(
    root_key: bytes, access: KeyAccess, algorithm: str, data: bytes, is_digest: bool
) -> tuple[bytes, str]:
    """Sign ``data`` (or a digest) with a sign-verify key: (signature, algorithm)."""
    material = _material(root_key, access, kms_crypto.SIGN_VERIFY)
    algorithm = _signing_algorithm(access.key, algorithm)
    try:
        return kms_crypto.sign(material, algorithm, data, is_digest), algorithm
    except kms_crypto.KmsCryptoError as exc:
        raise _crypto_error(exc) from None


def verify(
    root_key: bytes,
    access: KeyAccess,
    algorithm: str,
    data: bytes,
    signature: bytes,
    is_digest: bool,
) -> tuple[bool, str]:
    """Check a signature made with a sign-verify key: (valid, algorithm)."""
    material = _material(root_key, access, kms_crypto.SIGN_VERIFY)
    algorithm = _signing_algorithm(access.key, algorithm)
    try:
        return kms_crypto.verify(material, algorithm, data, signature, is_digest), algorithm
    except kms_crypto.KmsCryptoError as exc:
        raise _crypto_error(exc) from None


def public_key(root_key: bytes, access: KeyAccess) -> bytes:
    """The DER SubjectPublicKeyInfo of a sign-verify key."""
    return kms_crypto.public_key_der(_material(root_key, access, kms_crypto.SIGN_VERIFY))


def signing_algorithms(access: KeyAccess) -> list[str]:
    """The signing algorithms a sign-verify key supports (400 for another key)."""
    key = access.key
    if key.key_usage != kms_crypto.SIGN_VERIFY:
        raise bad_request(f"Key '{key.name}' is not a sign-verify key")
    return list(kms_crypto.SIGNING_ALGORITHMS[key.algorithm])

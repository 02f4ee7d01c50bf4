"""KMS keys of a project: CRUD plus the sealed key material (under the project data key)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import seal, unseal, unwrap_data_key
from ..errors import bad_request, not_found
from ..schema import KmsKey, Project, new_id, utcnow
from . import kms_crypto
from .scope import membership_role


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
    project: Project,
    *,
    name: str,
    description: str | None,
    key_usage: str,
    algorithm: str,
) -> KmsKey:
    """Generate a key and store its material sealed under the project's data key."""
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
    session.commit()
    return key


def member_key(session: Session, actor: Actor, key_id: str) -> tuple[KmsKey, Project, str]:
    """The key, its project and the actor's role; 404 when missing or not a member."""
    key = session.get(KmsKey, key_id)
    role = membership_role(session, actor, key.project_id) if key is not None else None
    project = session.get(Project, key.project_id) if key is not None else None
    if key is None or role is None or project is None:
        raise not_found(f"Key with ID '{key_id}' not found")
    return key, project, role


def key_by_name(session: Session, project: Project, name: str) -> KmsKey:
    """The key called ``name`` in ``project`` (404 otherwise)."""
    key = session.scalars(
        select(KmsKey).where(KmsKey.project_id == project.id, KmsKey.name == name)
    ).first()
    if key is None:
        raise not_found(f"Key with name '{name}' not found")
    return key


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
    key: KmsKey,
    *,
    name: str | None,
    is_disabled: bool | None,
    description: str | None,
) -> KmsKey:
    """Rename, enable/disable or re-describe a key (400 when the new name is taken)."""
    if name is not None and name != key.name:
        if _name_taken(session, key.project_id, name, exclude_id=key.id):
            raise bad_request(f"Key with name '{name}' already exists in this project")
        key.name = name
    if is_disabled is not None:
        key.is_disabled = is_disabled
    if description is not None:
        key.description = description
    key.updated_at = utcnow()
    session.commit()
    return key


def delete_key(session: Session, key: KmsKey) -> None:
    """Delete a key (its ciphertexts can no longer be decrypted)."""
    session.delete(key)
    session.commit()


def usable_material(root_key: bytes, project: Project, key: KmsKey, usage: str) -> bytes:
    """The key material for a crypto operation; 400 if disabled or of the wrong usage."""
    if key.is_disabled:
        raise bad_request(f"Key '{key.name}' is disabled")
    if key.key_usage != usage:
        raise bad_request(
            f"Key '{key.name}' has key usage '{key.key_usage}'; this operation needs '{usage}'"
        )
    data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
    return unseal(data_key, key.sealed_material, _material_aad(project.id, key.id))

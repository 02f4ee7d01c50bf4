"""Projects: the list, one project's environments, and its environments, tags and members
pages. Each form is checked with the API's own parameter model and changed through the
same service, and permission check, as the API's."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from ...api.environments import CreateEnvironment, UpdateEnvironment
from ...api.projects import CreateProject
from ...api.tags import CreateTag
from ...auth.permissions import ADMIN_ROLES, PROJECT_ROLES, WRITE_ROLES
from ...params import parse
from ...services import environments, identities, org_members, project_members, projects, tags
from ...services.scope import ProjectAccess, member_project
from .._deps import Ctx, Db, Form, Me
from ..render import ConsoleRoute, done, page

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)


def _project_page(
    request: Request, me: Me, access: ProjectAccess, template: str, tab: str, **context: object
) -> Response:
    project = access.project
    base = {
        "user": me,
        "project": project,
        "role": access.role,
        "can_write": access.role in WRITE_ROLES,
        "is_admin": access.role in ADMIN_ROLES,
        "tab": tab,
    }
    return page(request, template, {**base, **context})


@router.get("/")
def project_list(request: Request, session: Db, me: Me) -> Response:
    """The projects the user is a member of."""
    found = projects.list_member_projects(session, me.actor, None)
    return page(request, "projects.html", {"user": me, "projects": found})


@router.post("/projects")
def create_project(request: Request, session: Db, ctx: Ctx, me: Me, form: Form) -> Response:
    """Create a project (the user becomes its admin)."""
    p = parse(
        CreateProject,
        {"projectName": form.get("name"), "projectDescription": form.get("description") or None},
    )
    name = p.projectName.strip()
    created = projects.create_member_project(
        session,
        ctx.root_key,
        me.actor,
        project_type=projects.PROJECT_TYPE,
        name=name,
        description=p.projectDescription,
        slug=None,
        create_default_envs=True,
        has_delete_protection=False,
    )
    return done(request, f"/projects/{created.project.id}", f"Project {name} created.")


@router.get("/projects/{project_id}")
def project_overview(project_id: str, request: Request, session: Db, me: Me) -> Response:
    """A project's environments, each opening on its root folder."""
    access = member_project(session, me.actor, project_id)
    envs = projects.project_environments(session, access.project.id)
    return _project_page(request, me, access, "project.html", "secrets", environments=envs)


# --- environments -----------------------------------------------------------------------


@router.get("/projects/{project_id}/environments")
def environment_list(project_id: str, request: Request, session: Db, me: Me) -> Response:
    """The environments with their slugs and positions (admins change them)."""
    access = member_project(session, me.actor, project_id)
    envs = projects.project_environments(session, access.project.id)
    return _project_page(
        request, me, access, "environments.html", "environments", environments=envs
    )


def _env_back(project_id: str) -> str:
    return f"/projects/{project_id}/environments"


@router.post("/projects/{project_id}/environments")
def create_environment(
    project_id: str, request: Request, session: Db, me: Me, form: Form
) -> Response:
    """Add an environment (admins)."""
    access = member_project(session, me.actor, project_id)
    p = parse(CreateEnvironment, {"name": form.get("name"), "slug": form.get("slug").strip()})
    env = environments.create_environment(
        session, access, name=p.name.strip(), slug=p.slug, position=None
    )
    return done(request, _env_back(project_id), f"Environment {env.name} created.")


@router.post("/projects/{project_id}/environments/{env_id}/update")
def update_environment(
    project_id: str, env_id: str, request: Request, session: Db, me: Me, form: Form
) -> Response:
    """Rename or re-slug an environment (admins)."""
    access = member_project(session, me.actor, project_id)
    env = environments.get_environment(session, access.project, env_id)
    p = parse(
        UpdateEnvironment,
        {"name": form.get("name") or None, "slug": form.get("slug").strip() or None},
    )
    env = environments.update_environment(
        session, access, env, name=p.name.strip() if p.name else None, slug=p.slug, position=None
    )
    return done(request, _env_back(project_id), f"Environment {env.name} saved.")


@router.post("/projects/{project_id}/environments/{env_id}/delete")
def delete_environment(
    project_id: str, env_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Delete an environment with its folders and secrets (admins)."""
    access = member_project(session, me.actor, project_id)
    env = environments.get_environment(session, access.project, env_id)
    env = environments.delete_environment(session, access, env)
    return done(request, _env_back(project_id), f"Environment {env.name} deleted.")


# --- tags -------------------------------------------------------------------------------


@router.get("/projects/{project_id}/tags")
def tag_list(project_id: str, request: Request, session: Db, me: Me) -> Response:
    """The project's tags."""
    access = member_project(session, me.actor, project_id)
    found = tags.list_tags(session, access.project)
    return _project_page(request, me, access, "tags.html", "tags", tags=found)


@router.post("/projects/{project_id}/tags")
def create_tag(project_id: str, request: Request, session: Db, me: Me, form: Form) -> Response:
    """Add a tag (members and admins)."""
    access = member_project(session, me.actor, project_id)
    p = parse(CreateTag, {"slug": form.get("slug").strip(), "color": form.get("color").strip()})
    tag = tags.create_tag(session, access, me.actor, slug=p.slug, color=p.color or None)
    return done(request, f"/projects/{project_id}/tags", f"Tag {tag.slug} created.")


@router.post("/projects/{project_id}/tags/{tag_id}/delete")
def delete_tag(
    project_id: str, tag_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Delete a tag (its links to secrets go with it)."""
    access = member_project(session, me.actor, project_id)
    tag = tags.delete_tag(session, access, tags.get_tag(session, access.project, tag_id))
    return done(request, f"/projects/{project_id}/tags", f"Tag {tag.slug} deleted.")


# --- members ----------------------------------------------------------------------------


@router.get("/projects/{project_id}/members")
def member_list(project_id: str, request: Request, session: Db, me: Me) -> Response:
    """Users and identities of the project with their roles (admins change them)."""
    access = member_project(session, me.actor, project_id)
    members = project_members.list_members(session, me.actor, project_id)
    context: dict[str, object] = {"members": members, "roles": PROJECT_ROLES}
    if access.role in ADMIN_ROLES:
        inside = {(m.kind, m.id) for m in members}
        users = org_members.list_users(session, me.actor)
        machines = org_members.list_identities(session, me.actor)
        context["other_users"] = [u for u in users if ("user", u.id) not in inside]
        context["other_identities"] = [i for i in machines if ("identity", i.id) not in inside]
    return _project_page(request, me, access, "members.html", "members", **context)


def _members_back(project_id: str) -> str:
    return f"/projects/{project_id}/members"


@router.post("/projects/{project_id}/members")
def add_member(project_id: str, request: Request, session: Db, me: Me, form: Form) -> Response:
    """Add a user or an identity with a role (project admins)."""
    kind, _, member_id = form.get("member").partition(":")
    role = form.get("role", "member")
    if kind == "identity":
        identities.add_membership(session, me.actor, project_id, member_id, role)
    else:
        project_members.add_user(session, me.actor, project_id, member_id, role)
    return done(request, _members_back(project_id), "Member added.")


@router.post("/projects/{project_id}/members/{kind}/{member_id}/role")
def change_role(
    project_id: str, kind: str, member_id: str, request: Request, session: Db, me: Me, form: Form
) -> Response:
    """Change a member's role (project admins)."""
    role = form.get("role")
    if kind == "identity":
        identities.update_membership(session, me.actor, project_id, member_id, role)
    else:
        project_members.set_user_role(session, me.actor, project_id, member_id, role)
    return done(request, _members_back(project_id), f"Role changed to {role}.")


@router.post("/projects/{project_id}/members/{kind}/{member_id}/remove")
def remove_member(
    project_id: str, kind: str, member_id: str, request: Request, session: Db, me: Me, _posted: Form
) -> Response:
    """Remove a member from the project (project admins)."""
    if kind == "identity":
        identities.delete_membership(session, me.actor, project_id, member_id)
    else:
        project_members.remove_user(session, me.actor, project_id, member_id)
    return done(request, _members_back(project_id), "Member removed.")

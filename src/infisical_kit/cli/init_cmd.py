"""``infisical-kit init``: write ``.infisical.json`` (project and default environment) here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from infisical_kit.cli._common import CliError, global_options, make_client, options_of
from infisical_kit.models import Project

__all__ = ["init_command"]

PROJECT_FILE = ".infisical.json"


@click.command("init")
@global_options
@click.option("--force", is_flag=True, help=f"Overwrite an existing {PROJECT_FILE}.")
@click.pass_context
def init_command(ctx: click.Context, force: bool) -> None:
    """Write .infisical.json in the current directory, so that run, export and secrets use
    its project and default environment here (and in sub-directories).

    \b
    Examples:
      infisical-kit init                        # pick the project from a list
      infisical-kit init --project ID --env dev

    Without --project, a terminal shows the projects you can access to pick from; otherwise
    the only project is used (several: an error listing them). Without --env, the default
    environment is picked the same way, preferring dev. The file holds no secret (the
    Infisical CLI's format: workspaceId, defaultEnvironment).
    """
    target = Path.cwd() / PROJECT_FILE
    if target.exists() and not force:
        raise CliError(f"{target} already exists; pass --force to overwrite it")
    opts = options_of(ctx)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    with make_client(ctx, need_scope=False) as client:
        if opts.project:
            project = client.projects.get(opts.project)
        else:
            project = _pick_project(client.projects.list(), interactive)
            project = client.projects.get(project.id)  # with its environments
    environment = opts.env or _pick_environment(project, interactive)
    document = {
        "workspaceId": project.id,
        "defaultEnvironment": environment,
        "gitBranchToEnvironmentMapping": None,
    }
    target.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    where = f"environment {environment}" if environment else "no default environment"
    click.echo(f"wrote {target}: project {project.name or project.slug} ({project.id}), {where}")


def _pick_project(projects: list[Project], interactive: bool) -> Project:
    if not projects:
        raise CliError("these credentials can access no project; create one or pass --project")
    if len(projects) == 1:
        return projects[0]
    if not interactive:
        listed = ", ".join(f"{p.slug or p.name} ({p.id})" for p in projects)
        raise CliError(f"{len(projects)} projects: pass --project ID (one of: {listed})")
    for number, project in enumerate(projects, start=1):
        click.echo(f"{number:>3}) {project.name or project.slug}  ({project.id})", err=True)
    choice: int = click.prompt("Project number", type=click.IntRange(1, len(projects)), err=True)
    return projects[choice - 1]


def _pick_environment(project: Project, interactive: bool) -> str:
    slugs = [env.slug for env in project.environments if env.slug]
    if not slugs:
        return ""
    default = "dev" if "dev" in slugs else slugs[0]
    if not interactive or len(slugs) == 1:
        return default
    chosen: str = click.prompt(
        "Default environment", type=click.Choice(slugs), default=default, err=True
    )
    return chosen

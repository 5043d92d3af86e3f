"""``casebook render`` and ``casebook build``."""

from __future__ import annotations

from pathlib import Path

import click

from casebook.build import BuildError, build_site
from casebook.commands import UsageFailure, cases_option, corpus_dir
from casebook.config_urls import ConfigURLError, check_url
from casebook.ownership import OutputError, check_render_out
from casebook.progress import for_stderr
from casebook.render import RenderError, SiteSettings, render_site
from casebook.reporters import report_text
from casebook.resources import project_root
from casebook.terminal import safe
from casebook.validation import CheckResult, UsageError


def _fail_invalid(exc: RenderError) -> None:
    result = CheckResult(files=len({d.path for d in exc.diagnostics}), diagnostics=exc.diagnostics)
    click.echo(report_text(result), err=True, nl=False)
    raise click.ClickException(str(exc))


@click.command()
@cases_option()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Docs folder to write the generated pages into.",
)
@click.option(
    "--site-url",
    envvar="CASEBOOK_SITE_URL",
    default="",
    help="Public root of the site, for the feed and citations (default: $CASEBOOK_SITE_URL; links stay relative without it).",
)
@click.option(
    "--repo-url",
    envvar="CASEBOOK_REPO_URL",
    default="",
    help="Repository home page, for the 'edit this case' links (default: $CASEBOOK_REPO_URL).",
)
@click.option("--edit-path", default="edit/main/", show_default=True, help="Edit path under --repo-url.")
def render(cases_dir: Path | None, out_dir: Path, site_url: str, repo_url: str, edit_path: str) -> None:
    """Write the generated pages and data files into a docs folder, without MkDocs.

    Only files this command wrote before (listed in OUT/.casebook-render.json) are replaced or
    removed; a folder holding anything else at a generated path is refused (exit 2).
    """
    try:
        check_url("--site-url (CASEBOOK_SITE_URL)", site_url)
        check_url("--repo-url (CASEBOOK_REPO_URL)", repo_url)
        check_url("--edit-path", edit_path, relative_ok=True)
    except ConfigURLError as exc:
        raise UsageFailure(str(exc)) from exc
    settings = SiteSettings(site_url=site_url, repo_url=repo_url, edit_uri=edit_path if repo_url else "")
    corpus = corpus_dir(cases_dir)
    progress = for_stderr()
    try:
        check_render_out(out_dir, cases_dir=corpus)
        result = render_site(corpus, out_dir, settings, progress=progress, replace_unlisted=False)
    except RenderError as exc:
        progress.close()
        _fail_invalid(exc)
        return
    except (OutputError, UsageError) as exc:  # UsageError: a symbolic link loop in the cases folder, for one
        raise UsageFailure(safe(str(exc))) from exc
    except OSError as exc:
        raise UsageFailure(safe(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}")) from exc
    finally:
        progress.close()
    click.echo(f"{len(result.pages)} files: {len(result.written)} written, {len(result.removed)} removed")


@click.command()
@cases_option()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Output folder (default: site_dir of mkdocs.yml).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="mkdocs.yml to use (default: the project's).",
)
def build(cases_dir: Path | None, out_dir: Path | None, config_file: Path | None) -> None:
    """Render the pages and build the site with `mkdocs build --strict`.

    The new site replaces the old one only when the build succeeds, and only when --out is new,
    empty or a site Casebook built (it holds .casebook-site); anything else is refused (exit 2).
    """
    corpus = corpus_dir(cases_dir)
    progress = for_stderr()
    try:
        target, rendered = build_site(
            config_file or project_root() / "mkdocs.yml",
            corpus,
            out_dir,
            progress=progress,
            warn=lambda message: click.secho(message, err=True, fg="yellow", bold=True),
        )
    except RenderError as exc:
        progress.close()
        _fail_invalid(exc)
        return
    except (ConfigURLError, UsageError, OutputError) as exc:
        progress.close()
        raise UsageFailure(safe(str(exc))) from exc
    except BuildError as exc:
        progress.close()
        raise click.ClickException(f"site build failed; the previous output is unchanged: {exc}") from exc
    finally:
        progress.close()
    click.echo(safe(f"built the site ({len(rendered.generated)} generated files) into {target}"))

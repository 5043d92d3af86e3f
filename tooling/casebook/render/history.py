"""A case page's History section: which release its text last changed in, and its commits.

Commit subjects are contributors' text: escaped like case text. A build without git history
(a shallow clone, a source archive) says so instead of showing a history that starts at the
clone's first commit. Only this case's commits and the release manifests are read, so an edit
to another case leaves this section as it was.
"""

from __future__ import annotations

from casebook.model import Case
from casebook.render.context import Corpus
from casebook.render.markdown import attr, link, text

SHOWN = 20
"""Commits listed; older ones are counted."""

UNAVAILABLE = "History not available in this build (it was built without the repository's git history)."


def release_anchor(tag: str) -> str:
    """The Releases page's anchor for a tag."""
    return tag.replace(".", "-")


def release_line(case: Case, corpus: Corpus) -> str:
    """In which release the case's text last changed (HTML)."""
    pin = corpus.provenance.pin(case)
    page = "../../data/releases/"  # raw HTML on /cases/<id>/: MkDocs does not rewrite it
    if pin.release:
        tag = f'<a href="{page}#{attr(release_anchor(pin.release))}">{text(pin.release)}</a>'
        return f"Last changed in release {tag} (revision <code>{text(pin.revision)}</code>)."
    if pin.changed_since:
        tag = f'<a href="{page}#{attr(release_anchor(pin.changed_since))}">{text(pin.changed_since)}</a>'
        return f"Changed since release {tag}; the change will be in the next release (revision <code>{text(pin.revision)}</code>)."
    return f"Not yet in a release (revision <code>{text(pin.revision)}</code>)."


def history_section(case: Case, corpus: Corpus) -> list[str]:
    """The History section (Markdown lines with HTML blocks); left out of search and print."""
    lines = [
        '<div class="cb-screen-only" markdown>',
        "",
        "## History { #history }",
        "",
        f'<p class="cb-release">{release_line(case, corpus)}</p>',
        "",
    ]
    changes = corpus.provenance.history(case)
    repo = corpus.settings.repo_url.rstrip("/")
    if changes is None:
        lines += [f'<p class="cb-history-none">{text(UNAVAILABLE)}</p>', ""]
    elif changes:
        items = []
        for change in changes[:SHOWN]:
            # A linked commit is plain link text: <code> inside a link fails contrast in the dark scheme.
            commit = (
                link(text(change.short), f"{repo}/commit/{change.commit}")
                if repo
                else f"<code>{text(change.short)}</code>"
            )
            renamed = f" (renamed from <code>{text(change.renamed_from)}</code>)" if change.renamed_from else ""
            items.append(
                f'<li><time datetime="{attr(change.date)}">{text(change.date)}</time> '
                f"{text(change.summary)}{renamed} · {commit}</li>"
            )
        more = len(changes) - SHOWN
        if more > 0:
            items.append(f"<li>and {more} earlier changes</li>")
        lines += ['<ul class="cb-history">', *items, "</ul>", ""]
    else:
        lines += ['<p class="cb-history-none">Not committed yet.</p>', ""]
    if case.changes:
        notes = [
            f'<li><time datetime="{attr(c.date)}">{text(c.date)}</time> {text(c.summary)}</li>'
            for c in sorted(case.changes, key=lambda c: str(c.date), reverse=True)
        ]
        lines += ["<p>Changes noted in the case file:</p>", "", '<ul class="cb-changes">', *notes, "</ul>", ""]
    return [*lines, "</div>", ""]


def withdrawn_notice(case: Case) -> list[str]:
    """A withdrawn case's page says so first, with why; the rest of the page stays as it was."""
    if case.withdrawn is None and case.status != "withdrawn":
        return []
    when, why = "", ""
    if case.withdrawn is not None:
        when = f' on <time datetime="{attr(case.withdrawn.date)}">{text(case.withdrawn.date)}</time>'
        why = f": {text(case.withdrawn.reason)}"
    return [
        '<div class="admonition warning cb-withdrawn">',
        '<p class="admonition-title">Withdrawn</p>',
        f"<p>This case was withdrawn{when}{why}. The page stays so that links and citations to it still resolve.</p>",
        "</div>",
        "",
    ]

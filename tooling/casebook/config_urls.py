"""The http(s)-only rule for URLs that come from configuration rather than from cases.

Case links are checked by the schema (H800). The site's own addresses come from the environment
(``CASEBOOK_SITE_URL``, ``CASEBOOK_REPO_URL``), the command line (``--site-url``, ``--repo-url``)
and mkdocs.yml (``site_url``, ``repo_url``, ``extra.repository``, ``extra.social``); they reach
every page's footer and header, so ``CASEBOOK_REPO_URL=javascript:...`` put a script link on every
page (issue 12, item 14). They are refused before anything is rendered: exit 2 from the CLI, a
``PluginError`` from the MkDocs hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from casebook.terminal import safe

# A value with a scheme ("javascript:", "https:") rather than a relative path ("edit/main/").
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class ConfigURLError(ValueError):
    """A configured URL is not an absolute http(s) URL; a usage error (exit status 2)."""


def is_site_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL with a host and no whitespace or control character."""
    if not value.startswith(("http://", "https://")):
        return False
    if any(c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        return False
    try:
        return bool(urlsplit(value).netloc)
    except ValueError:  # an unbalanced [ in the host
        return False


def check_url(name: str, value: str, *, relative_ok: bool = False) -> None:
    """Refuse ``value`` unless it is empty, an http(s) URL, or (when allowed) a relative path.

    Raises:
        ConfigURLError: with a message naming the setting and the value (control characters escaped).
    """
    if not value or is_site_url(value):
        return
    if relative_ok and not _SCHEME.match(value) and not value.startswith("//") and value.isprintable():
        return
    raise ConfigURLError(f"{name} must be an http:// or https:// URL, not {safe(repr(value))}")


ENV_URLS = ("CASEBOOK_SITE_URL", "CASEBOOK_REPO_URL")
"""The environment variables mkdocs.yml reads URLs from."""


def check_env(environ: Mapping[str, str]) -> None:
    """Check the URL environment variables before MkDocs reads them (it words its own refusal
    of a bad ``site_url`` as a configuration error, without naming the variable).

    Raises:
        ConfigURLError: a variable is set to something other than an http(s) URL.
    """
    for name in ENV_URLS:
        check_url(name, environ.get(name, ""))


def _mkdocs_urls(config: Any) -> Iterator[tuple[str, Any, bool]]:
    extra = config.get("extra") or {}
    yield "site_url (CASEBOOK_SITE_URL)", config.get("site_url"), False
    yield "repo_url", config.get("repo_url"), False
    yield "edit_uri", config.get("edit_uri"), True
    if isinstance(extra, Mapping):  # MkDocs gives a LegacyConfig, a Mapping but not a dict
        yield "extra.repository (CASEBOOK_REPO_URL)", extra.get("repository"), False
        yield "extra.edit_path", extra.get("edit_path"), True
        social = extra.get("social")
        for index, entry in enumerate(social if isinstance(social, list) else []):
            if isinstance(entry, Mapping):
                yield f"extra.social[{index}].link", entry.get("link"), False


def check_mkdocs_config(config: Any) -> None:
    """Apply the http(s)-only rule to every URL a loaded mkdocs.yml configures.

    Raises:
        ConfigURLError: the first URL that breaks the rule.
    """
    for name, value, relative_ok in _mkdocs_urls(config):
        if value is not None:
            check_url(name, str(value), relative_ok=relative_ok)

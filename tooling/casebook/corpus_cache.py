"""Cached per-case work of a render: validation, chain analysis and the case page's Markdown.

Keys (``BuildCache.key``, which adds the code and vocabulary signature):

- a file's check: its display path, its name, the optional checks required and its bytes. The corpus gates (ids across files)
  are not cached; they always run over every file.
- a chain's analysis: the case's check key (the case is a function of its file).
- a case's similarity tokens and tabletop page: the case's check key;
- the similar cases of the whole corpus: every case's id and tokens (``suggestions``), so an edit
  that changes no token (a title, a date, a source) finds the index of the last build;
- a case page: the case's check key, and everything else the page shows: the similar cases
  picked for it, the id, title, year and organization of every case it links to (named as related
  or similar), the site settings and the corpus version in its citation. Nothing else of the
  corpus reaches a case page (issue 15, "pages depend only on what they show").
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from casebook.build_cache import BuildCache
from casebook.diagnostics import Diagnostic
from casebook.graph import ChainAnalysis, analyse_chain
from casebook.graph.analysis import remember_analysis
from casebook.graph.neighbours import suggestion_index
from casebook.graph.similarity import Suggestion, Token, remember_tokens, tokens
from casebook.loading import LoadResult
from casebook.model import Case
from casebook.render.texts import pack, unpack

Checked = tuple[list[Diagnostic], LoadResult | None, Case | None]


def cached_check(
    cache: BuildCache,
    path: Path,
    display: str,
    check: Callable[[Path, str, frozenset[str]], Checked],
    require: frozenset[str] = frozenset(),
) -> tuple[list[Diagnostic], LoadResult | None, Case | None, str]:
    """``check(path, display, require)`` unless this file's bytes were checked before with the same
    ``require``; also its key. A file that cannot be read goes to ``check``, which reports it.
    """
    try:
        data = path.read_bytes()
    except OSError:
        found, view, case = check(path, display, require)
        return found, view, case, ""
    key = cache.key("check", display, path.name, ",".join(sorted(require)), data)
    stored = cache.get("check", key)
    if isinstance(stored, tuple) and len(stored) == 3:
        return stored[0], stored[1], stored[2], key
    found, view, case = check(path, display, require)
    cache.put("check", key, (found, view, case))
    return found, view, case, key


def chains(cases: Iterable[Case], digests: dict[str, str], cache: BuildCache) -> dict[str, ChainAnalysis]:
    """Every case's chain analysis, from the cache where the case is unchanged."""
    out: dict[str, ChainAnalysis] = {}
    for case in cases:
        key = digests.get(case.id)
        stored = cache.get("chain", key) if key else None
        if isinstance(stored, ChainAnalysis):
            # Facets, rows and similarity ask cached_analysis: without this they analysed every chain again.
            out[case.id] = remember_analysis(case, stored)
            continue
        out[case.id] = remember_analysis(case, analyse_chain(case))
        if key:
            cache.put("chain", key, out[case.id])
    return out


def suggestions(
    cases: Sequence[Case], digests: dict[str, str], cache: BuildCache, limit: int
) -> dict[str, list[Suggestion]]:
    """``suggestion_index(cases, limit)``, from the cache when no case's tokens changed.

    The index is a function of the cases' ids and tokens alone (``graph.similarity``: fixed weights,
    case order by id), so its key is exactly those; each case's tokens are cached by its check key.
    """
    parts: list[str] = [str(limit)]
    for case in cases:
        key = digests.get(case.id)
        stored = cache.get("tokens", key) if key else None
        if isinstance(stored, frozenset):
            found: frozenset[Token] = remember_tokens(case, stored)
        else:
            found = tokens(case)
            if key:
                cache.put("tokens", key, found)
        parts += [case.id, json.dumps(sorted(found))]
    index_key = cache.key("similar", *parts)
    stored_index = cache.get("similar", index_key)
    if isinstance(stored_index, dict) and stored_index.keys() == {c.id for c in cases}:
        return stored_index
    index, _ = suggestion_index(cases, limit)
    cache.put("similar", index_key, index)
    return index


def cached_packed(cache: BuildCache, kind: str, key: str, render: Callable[[], str]) -> tuple[bytes, str]:
    """The text of ``kind`` for ``key`` as ``render.texts.pack`` makes it (stored that way), and the text.

    Stored compressed, the render holds what it read without compressing it again (the render
    keeps every generated text compressed, ``render.texts``): at 1,000 cases that was about a
    second of every rebuild. An entry that does not decompress is rendered again.
    """
    stored = cache.get_bytes(kind, key)
    if stored is not None:
        try:
            return stored, unpack(stored)
        except (zlib.error, UnicodeDecodeError):
            pass
    text = render()
    packed = pack(text)
    cache.put_bytes(kind, key, packed)
    return packed, text


def page_key(
    cache: BuildCache,
    case_key: str,
    shown: Iterable[Case],
    similar: Sequence[tuple[str, Sequence[str]]],
    context: str,
) -> str:
    """The key of a case page's Markdown: the case, what it shows of other cases (id, title, year,
    organization; similar cases with their reasons, which depend on both cases' content) and
    ``context`` (the settings, the release pin and the history, the organization's case count)."""
    others = [[c.id, c.title, str(c.year), c.organization.name] for c in shown]
    return cache.key("page", case_key, json.dumps([others, [[i, list(r)] for i, r in similar]]), context)


def cached_page(cache: BuildCache, key: str, render: Callable[[], str]) -> tuple[bytes, str]:
    """The stored case page for ``key``, or ``render()`` stored under it (``cached_packed``)."""
    return cached_packed(cache, "page", key, render)

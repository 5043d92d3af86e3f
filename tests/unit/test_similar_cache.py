"""The similar-cases index and the tabletop pages come from the build cache when their inputs are
unchanged (issue 15): a title edit changes no similarity token, so it reuses the whole index; an
edit of the words it reads computes it again, and equal to an uncached run."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from casebook import corpus_cache
from casebook.build_cache import BuildCache
from casebook.graph.neighbours import suggestion_index
from casebook.graph.similarity import Suggestion
from casebook.model import Case
from casebook.render.texts import unpack
from casebook.validation import load_corpus
from tests.sites import CORPORA

EDITED = "1993-pepsi-syringe-hoax"


def _load(cases: Path, cache: BuildCache) -> tuple[list[Case], dict[str, str]]:
    result = load_corpus(cases, cache=cache)
    assert not result.errors
    return sorted(result.cases, key=lambda c: c.id), result.digests


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the similar cases were computed again")


def test_a_title_edit_reuses_the_index_and_a_word_edit_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(CORPORA / "site", cases)
    cache = BuildCache(tmp_path / "cache")
    first = corpus_cache.suggestions(*_load(cases, cache), cache, 5)
    assert first == suggestion_index(_load(cases, cache)[0], 5)[0]

    path = cases / f"{EDITED}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Reports of syringes", "title: Claims of syringes", 1), encoding="utf-8")
    loaded, digests = _load(cases, cache)
    with monkeypatch.context() as patched:
        patched.setattr(corpus_cache, "suggestion_index", _refuse)
        assert corpus_cache.suggestions(loaded, digests, cache, 5) == first

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("An 82-year-old man in Tacoma", "A retired dentist in Tacoma", 1), encoding="utf-8")
    loaded, digests = _load(cases, cache)
    calls: list[int] = []

    def counted(found: Sequence[Case], limit: int) -> tuple[dict[str, list[Suggestion]], int]:
        calls.append(limit)
        return suggestion_index(found, limit)

    monkeypatch.setattr(corpus_cache, "suggestion_index", counted)
    again = corpus_cache.suggestions(loaded, digests, cache, 5)
    assert calls == [5]
    assert again == suggestion_index(loaded, 5)[0]


def test_a_page_is_stored_compressed_and_a_damaged_entry_is_rendered_again(tmp_path: Path) -> None:
    """Case and tabletop pages are cached as ``render.texts.pack`` makes them, so the render holds
    them without compressing again; an entry that does not decompress is rendered again."""
    cache = BuildCache(tmp_path / "cache")
    renders: list[str] = []

    def render() -> str:
        renders.append("x")
        return "# Page → with an arrow\n"

    packed, page = corpus_cache.cached_packed(cache, "page", "k" * 64, render)
    assert page == "# Page → with an arrow\n" and unpack(packed) == page
    assert corpus_cache.cached_packed(cache, "page", "k" * 64, render) == (packed, page)
    assert len(renders) == 1
    cache.put_bytes("page", "k" * 64, b"not zlib")
    assert corpus_cache.cached_packed(cache, "page", "k" * 64, render) == (packed, page)
    assert len(renders) == 2

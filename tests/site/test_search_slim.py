"""Pagefind reads slim copies of the case pages (casebook.pagefind_slim, issue 15): the bundle
they give is the bundle the full pages give, byte for byte."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from casebook.pagefind_canon import MAGIC, canonicalize
from casebook.search_index import GLOB, UNUSED, index_site, pagefind_command, scratch, slim_pages, write_pages
from tests.sites import BuiltSite

GetSite = Callable[[str], BuiltSite]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(built_site: GetSite) -> BuiltSite:
    """Five real cases, copied into tests/fixtures/cases/site."""
    return built_site("site")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _pagefind(source: Path, bundle: Path) -> dict[str, bytes]:
    """Pagefind's bundle for the pages under ``source``, as ``index_site`` leaves it."""
    done = subprocess.run(pagefind_command(source, bundle), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    canonicalize(bundle)
    return _tree(bundle)


def test_slim_copies_index_exactly_as_the_full_pages(site: BuiltSite, tmp_path: Path) -> None:
    """The full case pages, written as the slim copies are (same folder kind, same order, since
    Pagefind numbers pages in the order it lists them), give the bundle the build wrote from
    the slim copies, byte for byte."""
    full = {p.relative_to(site.root).as_posix(): p.read_bytes() for p in site.root.glob(GLOB)}
    with tempfile.TemporaryDirectory(dir=scratch(sum(map(len, full.values())))) as temporary:
        write_pages(full, Path(temporary))
        theirs = _pagefind(Path(temporary), tmp_path / "full")
    ours = _tree(site.root / "pagefind")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert len([n for n in ours if n.startswith("fragment/")]) == len(site.cases)


def _records(files: dict[str, bytes]) -> dict[str, object]:
    fragments = [json.loads(gzip.decompress(data)[len(MAGIC) :]) for n, data in files.items() if "fragment/" in n]
    assert all({"url", "content", "meta", "filters", "anchors"} <= set(f) for f in fragments)
    return {f["url"]: f for f in fragments}  # the whole record: text, meta, filters, anchors


def test_slim_copies_give_the_records_of_pagefind_over_the_site_itself(site: BuiltSite, tmp_path: Path) -> None:
    """Pagefind run over the built site's folder, as before slim copies: every page's url,
    content, meta, filters and anchors are the same. (The bytes of the index, filter and
    metadata files may differ: their page numbers follow the listing order of the folder.)"""
    theirs = _records(_pagefind(site.root, tmp_path / "site-bundle"))
    ours = _records(_tree(site.root / "pagefind"))
    assert sorted(theirs) == sorted(f"/cases/{c.id}/" for c in site.cases)
    assert ours == theirs


def test_slim_copies_are_small_and_only_the_indexed_parts(site: BuiltSite) -> None:
    """Every case page gets a slim copy (none falls back to the whole page) without the parts
    Pagefind does not index: the chain's SVG, the cite box, the similar cases."""
    pages = slim_pages(site.root)
    assert sorted(pages) == sorted(p.relative_to(site.root).as_posix() for p in site.root.glob(GLOB))
    for name, slim in pages.items():
        page = (site.root / name).read_bytes()
        assert len(slim) * 3 < len(page), name
        assert slim.startswith(b'<!doctype html>\n<html lang="en">')
        assert slim.count(b"data-pagefind-body") == page.count(b"data-pagefind-body")
        assert b"<svg" not in slim and b"cb-similar" not in slim and b"@misc" not in slim


def test_a_deleted_case_leaves_the_bundle_and_no_slim_copy_stays(site: BuiltSite, tmp_path: Path) -> None:
    """Slim copies live in a temporary folder, so nothing of them is left in the site; a case page
    removed from the site is gone from the next bundle."""
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    gone = next(copy.glob(GLOB))
    gone.unlink()
    before = {p for p in _tree(copy) if not p.startswith("pagefind/")}
    index_site(copy)
    assert {p for p in _tree(copy) if not p.startswith("pagefind/")} == before
    assert len(list((copy / "pagefind" / "fragment").iterdir())) == len(site.cases) - 1

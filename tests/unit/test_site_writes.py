"""MkDocs writing into a kept site folder (issue 15): unchanged files are left alone, files the build
did not write are removed, and the kept work folder of ``casebook build`` is reused, shared with no
concurrent build, and its hand-written docs follow the source folder."""

from __future__ import annotations

import errno
import fcntl
from pathlib import Path

import pytest
from mkdocs import utils
from mkdocs.structure.files import File

from casebook import site_writes, staging


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for name, text in {
        "same.html": "same",
        "changed.html": "old",
        "stale/page/index.html": "gone",
        "pagefind/pagefind.js": "bundle",
        ".casebook-site": "marker",
        "assets/logo.svg": "<svg/>",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def test_only_changed_files_are_written_and_unwritten_ones_removed(tmp_path: Path) -> None:
    site = _site(tmp_path)
    source = tmp_path / "logo.svg"
    source.write_text("<svg/>", encoding="utf-8")
    originals = (utils.write_file, utils.copy_file, utils.clean_directory, File.copy_file)
    same_inode = (site / "same.html").stat().st_ino
    site_writes.start(site)
    try:
        utils.clean_directory(str(site))  # MkDocs' first step: must leave the kept folder alone
        assert (site / "stale" / "page" / "index.html").is_file()
        utils.write_file(b"same", str(site / "same.html"))
        utils.write_file(b"new", str(site / "changed.html"))
        utils.write_file(b"added", str(site / "added" / "index.html"))
        utils.copy_file(str(source), str(site / "assets" / "logo.svg"))
    finally:
        removed = site_writes.finish(prune=True)
    assert (utils.write_file, utils.copy_file, utils.clean_directory, File.copy_file) == originals
    assert (site / "same.html").stat().st_ino == same_inode  # not rewritten
    assert (site / "changed.html").read_text(encoding="utf-8") == "new"
    assert (site / "added" / "index.html").read_text(encoding="utf-8") == "added"
    assert removed == [site / "stale" / "page" / "index.html"] and not (site / "stale").exists()
    # The Pagefind bundle and hidden names are another step's to write.
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / ".casebook-site").is_file()


def test_a_failed_build_removes_nothing_and_puts_mkdocs_back(tmp_path: Path) -> None:
    site = _site(tmp_path)
    originals = (utils.write_file, utils.copy_file, utils.clean_directory, File.copy_file)
    site_writes.start(site)
    utils.write_file(b"new", str(site / "changed.html"))
    assert site_writes.finish(prune=False) == []
    assert (site / "stale" / "page" / "index.html").is_file()
    assert (utils.write_file, utils.copy_file, utils.clean_directory, File.copy_file) == originals
    other = tmp_path / "other"
    (other / "x").mkdir(parents=True)
    utils.clean_directory(str(other))  # outside a build MkDocs cleans as it always did
    assert list(other.iterdir()) == []


def test_the_kept_work_folder_is_reused_and_never_shared(tmp_path: Path) -> None:
    target = tmp_path / "out"
    with staging.kept(target) as first:
        (first / "docs").mkdir()
        (first / "docs" / "page.md").write_text("kept", encoding="utf-8")
        with staging.kept(target) as second:  # a concurrent build of the same output
            assert second != first and second.name.startswith(".out.new-")
        assert not second.exists()
    assert first == staging.work_folder(target)
    with staging.kept(target) as again:
        assert again == first and (again / "docs" / "page.md").read_text(encoding="utf-8") == "kept"


def test_publish_keeps_the_replaced_output_for_the_next_build(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.html").write_text("previous", encoding="utf-8")
    with staging.kept(target) as work:
        (work / "site").mkdir()
        (work / "site" / "index.html").write_text("new", encoding="utf-8")
        staging.publish(work / "site", target, work)
        assert (target / "index.html").read_text(encoding="utf-8") == "new"
        assert (work / "site" / "index.html").read_text(encoding="utf-8") == "previous"
        assert not (work / "old").exists()


def test_a_build_killed_mid_swap_gets_its_output_back(tmp_path: Path) -> None:
    target = tmp_path / "out"
    with staging.kept(target) as work:
        (work / "old").mkdir()
        (work / "old" / "index.html").write_text("previous", encoding="utf-8")
    # Killed between the two renames: the output is missing, the old one waits in old/.
    with (work / staging.STAGING_MARKER).open("r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        staging.remove_stale(target)  # a running build holds it: nothing is touched
        assert not target.exists()
    staging.remove_stale(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "previous"


def test_a_look_alike_work_folder_is_not_used(tmp_path: Path) -> None:
    target = tmp_path / "out"
    strange = staging.work_folder(target)
    strange.mkdir()
    (strange / "mine.txt").write_text("someone else's", encoding="utf-8")
    with staging.kept(target) as work:
        assert work != strange
    assert [p.name for p in strange.iterdir()] == ["mine.txt"]


def test_hand_written_docs_follow_the_source(tmp_path: Path) -> None:
    source, docs, generated = tmp_path / "source", tmp_path / "docs", ("cases",)
    for name in ("about.md", "assets/site.css", "guide/old.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(name, encoding="utf-8")
    (source / "cases").mkdir()
    (source / "cases" / "stray.md").write_text("serve's", encoding="utf-8")
    staging.copy_docs_sources(source, docs, generated)
    (docs / "cases").mkdir()
    (docs / "cases" / "x.md").write_text("generated", encoding="utf-8")
    kept = (docs / "about.md").stat().st_ino
    (source / "guide" / "old.md").unlink()
    (source / "guide").rmdir()
    (source / "assets" / "site.css").write_text("changed", encoding="utf-8")
    staging.copy_docs_sources(source, docs, generated)
    assert (docs / "about.md").stat().st_ino == kept  # unchanged: not copied again
    assert (docs / "assets" / "site.css").read_text(encoding="utf-8") == "changed"
    assert not (docs / "guide").exists()
    assert (docs / "cases" / "x.md").read_text(encoding="utf-8") == "generated"  # the render's, left alone
    assert not (docs / "cases" / "stray.md").exists()


def test_sync_folder_writes_only_what_differs_and_removes_the_rest(tmp_path: Path) -> None:
    bundle = tmp_path / "pagefind"
    site_writes.sync_folder(bundle, {"pagefind.js": b"js", "fragment/a.pf": b"a", "fragment/b.pf": b"b"})
    kept = (bundle / "pagefind.js").stat().st_ino
    site_writes.sync_folder(bundle, {"pagefind.js": b"js", "fragment/a.pf": b"A", "index/c.pf": b"c"})
    assert (bundle / "pagefind.js").stat().st_ino == kept
    found = {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    assert found == {"pagefind.js": b"js", "fragment/a.pf": b"A", "index/c.pf": b"c"}
    site_writes.sync_folder(bundle, {"pagefind.js": b"js"})
    assert sorted(p.name for p in bundle.iterdir()) == ["pagefind.js"]  # emptied folders go too


def test_a_failed_swap_leaves_the_old_output_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "index.html").write_text("previous", encoding="utf-8")
    real = Path.rename

    def refuse_the_new_site(self: Path, to: Path) -> Path:
        if self.name == "site" and Path(to) == target:
            raise OSError(errno.EXDEV, "cross-device link")
        return real(self, to)

    with staging.kept(target) as work:
        (work / "site").mkdir()
        monkeypatch.setattr(Path, "rename", refuse_the_new_site)
        with pytest.raises(OSError):
            staging.publish(work / "site", target, work)
    assert (target / "index.html").read_text(encoding="utf-8") == "previous"


def test_remove_unlisted_removes_a_link_without_following_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "keep.txt").parent.mkdir()
    (outside / "keep.txt").write_text("not ours", encoding="utf-8")
    root = tmp_path / "site"
    (root / "deep").mkdir(parents=True)
    (root / "deep" / "link").symlink_to(outside, target_is_directory=True)
    (root / "wanted.html").write_text("x", encoding="utf-8")
    removed = site_writes.remove_unlisted(root, {root / "wanted.html"})
    assert removed == [root / "deep" / "link"] and not (root / "deep").exists()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "not ours"

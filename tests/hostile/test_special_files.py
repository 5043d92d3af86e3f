"""Item 11 of #12: writes go through symlinks, and straight into devices and FIFOs.

Before the fix `graph -o link.svg` replaced the link with a regular file, and as root
`graph -o /dev/null` replaced /dev/null with a regular file (the same writer saves the watch state).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
from pathlib import Path

import pytest

from casebook.atomic import write_text_atomic
from casebook.feeds.state import WatchState, load_state, save_state
from tests.hostile.conftest import VALID, cli

CASE = VALID / "2099-acme-minimal.yaml"


def test_graph_writes_through_a_symlink(tmp_path: Path) -> None:
    """The link stays a link; its target gets the picture (relative links and other folders too)."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "chain.svg"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "chain.svg"
    link.symlink_to(Path("real") / "chain.svg")
    assert cli("graph", CASE, "-o", link).exit_code == 0
    assert link.is_symlink() and link.readlink() == Path("real") / "chain.svg"
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["chain.svg"]  # no temporary file left


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    """Writing to a link whose target does not exist yet creates the target, keeping the link."""
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "later.json")
    assert cli("graph", CASE, "--format", "json", "-o", link).exit_code == 0
    assert link.is_symlink() and (tmp_path / "later.json").read_text(encoding="utf-8").startswith("{")


def test_the_watch_state_file_is_saved_through_a_symlink(tmp_path: Path) -> None:
    """The news watch's state file behind a link stays behind the link."""
    real = tmp_path / "state.real.json"
    link = tmp_path / "state.json"
    link.symlink_to(real)
    state = WatchState(seen={"entry-1": "2026-12-01"})
    save_state(link, state, dt.date(2026, 12, 4))
    assert link.is_symlink() and load_state(real).seen == {"entry-1": "2026-12-01"}


def _is_null_device(path: Path) -> bool:
    mode = path.lstat().st_mode
    return stat.S_ISCHR(mode) and path.lstat().st_rdev == os.makedev(1, 3)


def test_graph_to_a_null_device_keeps_the_device(tmp_path: Path) -> None:
    """`-o <null device>` writes into the device; it is still the same character device afterwards.

    A private node (mknod c 1 3 in tmp_path) is tried first, so that a regression replaces only
    that node; /dev/null itself is written only once the private node has survived. (Run against
    the old writer, this test replaced the machine's /dev/null with a regular file.)
    """
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot create a device node here (not root)")
    assert cli("graph", CASE, "-o", node).exit_code == 0
    assert _is_null_device(node)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]
    dev_null = Path("/dev/null")
    before = dev_null.stat()
    assert cli("graph", CASE, "-o", dev_null).exit_code == 0
    after = dev_null.stat()
    assert _is_null_device(dev_null) and after.st_ino == before.st_ino
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null.")]


def test_graph_to_a_fifo_feeds_its_reader(tmp_path: Path) -> None:
    """A FIFO is opened and written like a shell redirection; it stays a FIFO."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    # A daemon: if the FIFO were replaced, the reader would wait on it forever.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli("graph", CASE, "--format", "dot", "-o", fifo)
    reader.join(timeout=60)
    assert result.exit_code == 0 and not reader.is_alive()
    assert received and received[0].startswith(b"digraph")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_block_device_is_refused(tmp_path: Path) -> None:
    """A block device node is never written to nor replaced."""
    node = tmp_path / "disk"
    try:
        os.mknod(node, stat.S_IFBLK | 0o600, os.makedev(7, 250))
    except PermissionError:
        pytest.skip("cannot create a device node here")
    with pytest.raises(OSError, match="block device"):
        write_text_atomic(node, "x")
    assert stat.S_ISBLK(os.lstat(node).st_mode)
    result = cli("graph", CASE, "-o", node)
    assert result.exit_code == 2 and stat.S_ISBLK(os.lstat(node).st_mode)

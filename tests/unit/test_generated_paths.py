"""Every folder and file the renderer owns is git-ignored and removed by `make clean`."""

from __future__ import annotations

import re

from casebook.render import GENERATED_DIRS, GENERATED_FILES
from tests.helpers import ROOT


def test_gitignore_and_make_clean_know_every_generated_path() -> None:
    """A new generated folder must be added to .gitignore and to `make clean` too."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    clean = re.search(r"^clean:.*\n\trm -rf (.*)$", makefile, re.MULTILINE)
    assert clean is not None
    for name in (*GENERATED_DIRS, *GENERATED_FILES):
        assert f"/site/docs/{name}" in ignored, name
        assert re.search(rf"[ ,(]{re.escape(name)}[ ,)]", clean.group(1)), name

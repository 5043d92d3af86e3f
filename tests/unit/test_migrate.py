"""``casebook migrate``: v1 files become v2 by text edits that keep everything else byte for byte."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from casebook.cli import main
from casebook.migrate import MigrationError, migrate_text
from casebook.migrate_table import TABLE, RegionMapping
from tests.helpers import ROOT

CORPUS = sorted((ROOT / "cases").glob("[0-9]*.yaml"))
# The cases that existed in format v1 (the migration table's keys); cases added since are v2 from birth.
FIRST_WAVE = [ROOT / "cases" / f"{case_id}.yaml" for case_id in sorted(TABLE)]
V1_FIXTURE = ROOT / "tests" / "fixtures" / "cases" / "invalid" / "2099-fixture-format-v1.yaml"


def _as_v1(v2_text: str, region: str) -> str:
    """Undo the three v2 edits, giving the file as it was in format v1."""
    text = v2_text.replace("format_version: 2\n", "", 1)
    text = re.sub(r"^  country: [A-Z]{2}$", f"  region: {region}", text, count=1, flags=re.MULTILINE)
    return re.sub(r"^regions: \[.*\]\n", "", text, count=1, flags=re.MULTILINE)


def test_table_covers_exactly_the_first_wave() -> None:
    """One mapping per first-wave case, each still in the corpus; every case without one is born v2."""
    on_disk = {p.stem for p in CORPUS}
    assert set(TABLE) <= on_disk
    for path in CORPUS:
        if path.stem not in TABLE:
            assert "\nformat_version: 2\n" in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("path", FIRST_WAVE, ids=lambda p: p.stem)
def test_migration_reproduces_each_case(path: Path) -> None:
    """The v1 form of every case migrates to exactly the committed v2 file, with its table entry."""
    v2 = path.read_text(encoding="utf-8")
    mapping = TABLE[path.stem]
    v1 = _as_v1(v2, mapping.region)
    assert "format_version" not in v1 and "regions:" not in v1
    assert migrate_text(v1, path.name).text == v2
    assert f"regions: [{', '.join(mapping.regions)}]" in v2 and f"  country: {mapping.country}\n" in v2


def test_changed_region_text_is_not_guessed() -> None:
    """A case whose region text is not the one its table entry was made for is sent back."""
    path = ROOT / "cases" / "2010-google-buzz.yaml"
    v1 = _as_v1(path.read_text(encoding="utf-8"), "Europe")
    with pytest.raises(MigrationError, match="no migration mapping for region 'Europe'") as caught:
        migrate_text(v1, path.name)
    assert v1.splitlines()[caught.value.line - 1] == "  region: Europe"


def test_comments_and_line_endings_are_kept() -> None:
    """CRLF files stay CRLF; a comment on the region line stays on the country line."""
    v1 = V1_FIXTURE.read_text().replace("  region: Nowhere", "  region: Nowhere   # where it played out")
    v1 = v1.replace("\n", "\r\n")
    out = migrate_text(v1, override=RegionMapping("", "GB", ("GB", "IE"))).text
    assert "\r\nformat_version: 2\r\n" in out and "  country: GB  # where it played out\r\n" in out
    assert "\nregions: [GB, IE]\r\n" in out and "\n" not in out.replace("\r\n", "")
    assert (
        out.replace("format_version: 2\r\n", "")
        .replace("regions: [GB, IE]\r\n", "")
        .replace("  country: GB  # where it played out", "  region: Nowhere   # where it played out")
        == v1
    )


def test_cli_refuses_v2_and_unmapped_files(tmp_path: Path) -> None:
    """Exit 1: a v2 file is left alone; an unmapped v1 file gets a located how-to."""
    v2 = tmp_path / "2010-google-buzz.yaml"
    shutil.copy(ROOT / "cases" / v2.name, v2)
    before = v2.read_bytes()
    result = CliRunner().invoke(main, ["migrate", str(v2)])
    assert result.exit_code == 1 and "already format v2" in result.output
    assert v2.read_bytes() == before
    old = tmp_path / V1_FIXTURE.name
    shutil.copy(V1_FIXTURE, old)
    result = CliRunner().invoke(main, ["migrate", str(old)])
    line = V1_FIXTURE.read_text().splitlines().index("  region: Nowhere") + 1
    assert result.exit_code == 1
    assert f"{old}:{line}:1: refused: no migration mapping for region 'Nowhere'" in result.output
    assert "regions: [XX, YY]" in result.output and "--country XX --regions XX,YY" in result.output
    assert old.read_bytes() == V1_FIXTURE.read_bytes()


def test_cli_with_country_and_regions_gives_a_valid_file(tmp_path: Path) -> None:
    """--country/--regions migrate a contributor's own file; it then meets the v2 gates."""
    old = tmp_path / "2099-fixture-format-v1.yaml"
    old.write_text(V1_FIXTURE.read_text().replace("not_a_field: true\n", ""))
    result = CliRunner().invoke(main, ["migrate", str(old), "--country", "GB", "--regions", "GB,IE"])
    assert result.exit_code == 0, result.output
    assert "country GB, regions [GB, IE]" in result.output
    assert CliRunner().invoke(main, ["validate", "--strict", str(old)]).exit_code == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--country", "UK", "--regions", "GB"], "did you mean 'GB'"),
        (["--country", "GB", "--regions", "GB,global"], "'global' alone"),
        (["--country", "GB"], "go together"),
    ],
)
def test_cli_checks_its_codes(tmp_path: Path, options: list[str], message: str) -> None:
    """Bad --country/--regions values are a usage error (exit 2); nothing is written."""
    old = tmp_path / V1_FIXTURE.name
    shutil.copy(V1_FIXTURE, old)
    result = CliRunner().invoke(main, ["migrate", str(old), *options])
    assert result.exit_code == 2 and message in result.output
    assert old.read_bytes() == V1_FIXTURE.read_bytes()


def test_cli_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    """Bad bytes: a refusal with its location, not a traceback."""
    bad = tmp_path / "2099-acme-bad.yaml"
    bad.write_bytes(b"id: 2099-acme-bad\n\xe9\n")
    result = CliRunner().invoke(main, ["migrate", str(bad)])
    assert result.exit_code == 1 and "not UTF-8" in result.output and "Traceback" not in result.output

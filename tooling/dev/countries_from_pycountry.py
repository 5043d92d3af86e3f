"""Write schema/countries.yaml from the pycountry package (a dev tool, not a runtime dependency).

Run once, and again only when ISO 3166-1 changes: ``pip install pycountry`` into the venv, then
``.venv/bin/python tooling/dev/countries_from_pycountry.py``. The file is committed; Casebook
reads it, never pycountry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry  # type: ignore[import-not-found,unused-ignore]

TARGET = Path(__file__).resolve().parents[2] / "schema" / "countries.yaml"


def main() -> None:
    """Write the file: code -> English short name (the common name where ISO's is formal)."""
    rows = sorted((c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries)
    lines = [
        "# ISO 3166-1 alpha-2 country codes with English names, for `regions` and",
        "# `organization.country`. Generated once by tooling/dev/countries_from_pycountry.py from",
        f"# pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".rstrip()
        + " (common names where ISO's are formal); do not edit by hand.",
        "# `global` is not a country: it stands alone in `regions` where harm was worldwide.",
        "",
        "global: Worldwide",
    ]
    lines += [f"{code}: {json.dumps(name, ensure_ascii=False)}" for code, name in rows]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

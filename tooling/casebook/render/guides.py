"""Site pages made from the repository's own documents and figures, so they cannot drift:

* ``/guide/contributing/`` is CONTRIBUTING.md, the one contributor guide (issue: contributor docs);
* ``/guide/frameworks/`` is docs/vocabulary.md, the frameworks behind the vocabulary;
* ``/coverage/`` shows ``casebook stats`` for the corpus being built.

The documents are trusted repository text (not case text), so they are copied as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casebook.countries import CONTINENTS, country_name
from casebook.graph import ChainAnalysis
from casebook.model import Case
from casebook.render.context import SiteSettings, label
from casebook.render.markdown import esc, front_matter, is_web_url, table
from casebook.resources import project_root
from casebook.stats import Coverage, coverage

GUIDES = {"guide/contributing.md": "CONTRIBUTING.md", "guide/frameworks.md": "docs/vocabulary.md"}
"""Site page -> repository document it is copied from."""


PLACEHOLDER = "<this repository>"
"""What the repository's documents say where the site knows the repository's address."""


def guide_pages(settings: SiteSettings | None = None) -> dict[str, str]:
    """The guide pages, for the documents present in this checkout.

    On the site, ``<this repository>`` (say, in ``git clone <this repository>``) becomes the
    repository's address when the build knows it (``extra.repository``); else it says "the
    repository" in words rather than showing a placeholder.
    """
    repo = (settings.repo_url if settings else "").rstrip("/")
    where = (repo + ".git") if is_web_url(repo) else "https://github.com/OWNER/casebook.git"
    pages = {}
    for page, document in GUIDES.items():
        source = project_root() / document
        if source.is_file():
            note = f"\n\n*This page is `{document}` from the repository.*\n"
            body = source.read_text(encoding="utf-8").rstrip("\n").replace(PLACEHOLDER, where)
            pages[page] = body + note
    return pages


def _counts(title: str, counts: Mapping[str, int], list_name: str | None) -> list[str]:
    rows = [[esc(label(list_name, key) if list_name else key), str(value)] for key, value in counts.items()]
    return [f"## {title}", "", table(["", "Cases" if "source" not in title.lower() else "Sources"], rows)]


def _case_link(case_id: str, anchor: str = "") -> str:
    return f"[{esc(case_id)}](../cases/{case_id}.md{anchor})"


COVERAGE_LIMIT = 100
"""Items listed under each Coverage heading; the rest are counted (``casebook stats`` lists all), so
the page stays the same size for a large corpus."""


def _bounded(items: list[str]) -> list[str]:
    if len(items) <= COVERAGE_LIMIT:
        return items or ["None."]
    more = len(items) - COVERAGE_LIMIT
    return [*items[:COVERAGE_LIMIT], "", f"…and {more:,} more; `casebook stats` lists them all."]


def coverage_page(cases: Sequence[Case], chains: Mapping[str, ChainAnalysis] | None = None) -> str:
    """The Coverage page: where the corpus is strong and where it is thin."""
    report: Coverage = coverage(cases, chains)
    lines = [
        front_matter({"hide": ["navigation"]}),
        "# Coverage",
        "",
        f"What the {report.cases} cases cover, for maintainers choosing the next case to write. "
        "The same figures come from `casebook stats` (and `--format json`).",
        "",
    ]
    lines += _counts("Status", report.by_status, "statuses")
    lines += _counts("Sector", report.by_sector, "sectors")
    lines += _counts("Decade the case became public", report.by_decade, None)
    lines += _counts("Stage of the first break", report.by_first_break_stage, "stages")
    lines += _counts("Failure modes (events)", report.by_failure_mode, "failure_modes")
    lines += _counts("Trust verdict", report.by_verdict, "trust_verdicts")
    lines += _counts("Sources by type", report.sources_by_type, "source_types")
    weak = [
        f"- {_case_link(case, f'#event-{event}')} event `{esc(event)}`" for case, event in report.weakly_sourced_events
    ]
    lines += ["## Events without a primary or news source", "", *_bounded(weak), ""]
    spread = report.spread
    regions = {f"{country_name(code)} ({code})": n for code, n in spread.by_region.items()}
    lines += [
        "## Where customers were harmed",
        "",
        table(["Region", "Cases"], [[esc(k), str(v)] for k, v in regions.items()]),
    ]
    continents = [[esc(CONTINENTS[slug]), str(n)] for slug, n in spread.by_continent.items()]
    lines += ["## Continents with customers", "", table(["Continent", "Cases"], continents)]
    lines += [
        f"Cases harming customers only outside the US: {spread.without_home} of {spread.cases} "
        f"(`global` cases, {spread.global_cases}, not counted). Recovery exemplars (verdict restored): "
        f"{spread.recovery_exemplars}. Breaks naming a stopping control: {spread.breaks_with_control} of "
        f"{spread.breaks} ([Controls](../controls/index.md)).",
        "",
    ]
    no_recovery = [f"- {_case_link(case)}" for case in report.cases_without_recovery]
    lines += ["## Cases without a recovery event", "", *_bounded(no_recovery), ""]
    return "\n".join(lines)

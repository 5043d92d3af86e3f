"""The triage report (Markdown for people) and candidates.json (for tools).

Every title, summary, feed name and reason comes from feeds we do not control. In the report
each is escaped so that it renders as the same text and nothing else: ``& < >`` become
entities, Markdown punctuation is backslash-escaped, and the triggers GitHub adds on top of
Markdown (bare-URL autolinks, ``@mentions``, ``#123`` issue links) are broken with a zero-width
space. Links are written only for http(s) URLs, percent-encoded so they cannot close the
Markdown link early. The report carries no timestamp, so the same inputs give the same bytes.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse

from casebook.feeds.parse import safe_link
from casebook.feeds.results import Candidate, WatchResult

TOP = 15
"""Candidates shown in full in the report; the rest are counted and left to candidates.json."""

# Characters that can start markup wherever they stand. ``{}`` is Python-Markdown's attr_list
# (``{onclick=...}``), ``$`` GitHub math, ``|`` a table cell, ``~`` strikethrough. Parentheses
# and ``!`` only act after ``]``, which is escaped; ``.``, ``#``, ``+`` and ``-`` only at the
# start of a line (handled by ``_LINE_START``).
_MD_PUNCT = re.compile(r"([\\`*_{}\[\]|~$])")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
_LINE_START = re.compile(r"^([-+#=])")
_EMOJI = re.compile(r":(?=[\w+-])")  # GitHub's :shortcode: emoji
_ZWSP = "&#8203;"
# GitHub links bare URLs, www. hosts, @mentions and #123 issue numbers; a zero-width space defuses each.
_GITHUB_TRIGGERS = re.compile(r"(@|#|://|www\.|\bhttps?\b)", re.IGNORECASE)


def md_text(value: str, *, limit: int | None = None) -> str:
    """Escape untrusted text so Markdown (CommonMark, GFM, Python-Markdown) shows it literally.

    Args:
        value: Plain text; newlines are folded to spaces.
        limit: Cut to this many characters first, at a word boundary.

    Returns:
        Markdown source that renders as ``value``, on one line.
    """
    text = " ".join(value.split())
    if limit is not None and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    text = _GITHUB_TRIGGERS.sub(lambda m: m.group()[0] + "\0" + m.group()[1:], text)
    text = html.escape(text, quote=False)
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _EMOJI.sub(r"\\:", text)
    text = _LINE_START.sub(r"\\\1", _LIST_NUMBER.sub(r"\1\\\2", text))
    return text.replace("\0", _ZWSP)


def md_link(text: str, url: str | None) -> str:
    """``[text](url)`` when ``url`` is http(s), else the escaped text alone."""
    label = md_text(text)
    link = safe_link(url)
    if link is None:
        return label
    # Percent-encode everything that could end the destination or start markup.
    target = urllib.parse.quote(link, safe="/:?#[]@!$&'*+,;=%~-._")
    return f"[{label}]({target})"


def render_candidates(result: WatchResult) -> str:
    """candidates.json: every candidate story, best first."""
    return json.dumps([c.to_json() for c in result.candidates], indent=2, ensure_ascii=False) + "\n"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _candidate(number: int, c: Candidate) -> list[str]:
    date = f" · {md_text(c.published)}" if c.published else " · undated"
    lines = [f"{number}. **{md_link(c.title, c.link)}**  ", f"   score {c.score:g} · {md_text(c.feed)}{date}  "]
    if c.summary:
        lines.append(f"   {md_text(c.summary, limit=240)}  ")
    lines.append(f"   why: {'; '.join(md_text(r) for r in c.reasons)}  ")
    if c.also_reported:
        others = ", ".join(md_link(m.feed, m.link) for m in c.also_reported)
        lines.append(f"   also reported by: {others}  ")
    if c.stub:
        lines.append(f"   draft: `{c.stub}`  ")
    lines[-1] = lines[-1].rstrip()
    return lines


def _summary_line(result: WatchResult) -> str:
    read = [f for f in result.feeds if f.status != "failed"]
    parts = [
        f"{_count(len(result.feeds), 'feed')} ({len(read)} read, {len(result.failures)} failed)",
        _count(result.new_entries, "new entry", "new entries"),
        _count(len(result.proposed), "candidate"),
        f"{len(result.matched)} already in the casebook",
        _count(len(result.stubs), "draft stub"),
    ]
    return "**" + " · ".join(parts) + "**"


def render_report(result: WatchResult) -> str:
    """report.md: what to look at first, what is already covered, and which feeds failed."""
    out = ["# News watch: triage report", "", _summary_line(result), ""]
    if result.since:
        out += [f"Entries published before {md_text(result.since)} were skipped.", ""]
    out += ["Proposals only: read the source before opening a case; nothing here is merged automatically.", ""]
    out += ["## Candidates", ""]
    proposed = result.proposed
    if not proposed:
        out += ["Nothing new above the threshold.", ""]
    for number, candidate in enumerate(proposed[:TOP], start=1):
        out += [*_candidate(number, candidate), ""]
    if len(proposed) > TOP:
        out += [f"…and {len(proposed) - TOP} more with lower scores in `candidates.json`.", ""]
    out += ["## Already in the casebook", ""]
    if not result.matched:
        out += ["No entry matched an existing case.", ""]
    for c in result.matched:
        out.append(f"- `{c.matched_case}` ← {md_link(c.title, c.link)} ({md_text(c.feed)}, score {c.score:g})")
    out += [""] if result.matched else []
    out += ["## Feed problems", ""]
    problems = [f for f in result.feeds if f.status == "failed" or f.note]
    if not problems:
        out += ["Every feed was read.", ""]
    for f in problems:
        what = f"{f.code} {md_text(f.reason)}" if f.status == "failed" else md_text(f.note or "")
        out.append(f"- **{md_text(f.name)}**: {what}")
    if problems:
        out += ["", "`casebook explain CODE` says what a code means and how to fix it.", ""]
    out += ["## Feeds", "", "| feed | status | entries | new |", "| --- | --- | ---: | ---: |"]
    for f in result.feeds:
        status = {"ok": "read", "not_modified": "unchanged (304)"}.get(f.status, f"failed ({f.code})")
        out.append(f"| {md_text(f.name)} | {status} | {f.entries} | {f.new} |")
    return "\n".join(out) + "\n"

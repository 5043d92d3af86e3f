"""The registry of diagnostic codes: stable ids, grouped by gate, each with its explanation.

Codes never change meaning once published; tests, docs and ``--ignore`` use the code, never the
message. ``casebook explain CODE`` and the site's diagnostics reference both read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.diagnostics import Severity


@dataclass(frozen=True)
class Code:
    """One diagnostic code and what it means."""

    code: str
    gate: str
    severity: Severity
    title: str
    explanation: str
    fix: str


GATES: dict[str, str] = {
    "Y": "syntax: the file could not be read as strict YAML",
    "S": "schema: the document does not have the shape of a case",
    "V": "vocabulary: a controlled value is not in schema/vocabulary.yaml",
    "R": "reference: an id that should point somewhere does not",
    "C": "chain: the chain of events does not hang together",
    "D": "dates: a date is not a real date, or is out of order",
    "I": "identity: file names and ids across the corpus",
    "H": "hygiene: links, personal data and unfinished text",
    "F": "feeds: the news watch's sources file and the feeds it reads",
}

_E, _W = Severity.ERROR, Severity.WARNING

# One code per three lines reads as a table; the formatter would explode it.
# fmt: off
_ALL = [
    Code("Y100", "syntax", _E, "YAML syntax error",
         "The YAML parser stopped at this position: the file is cut off, a quote or bracket is unbalanced, or indentation is inconsistent.",
         "Look at the line shown and the line before it; quote text that contains ': ' or starts with a special character."),
    Code("Y101", "syntax", _E, "duplicate key",
         "The same key appears twice in one mapping. Plain YAML keeps the last value silently; Casebook refuses so nothing is lost.",
         "Keep one of the two keys and merge their values."),
    Code("Y102", "syntax", _E, "anchor or alias",
         "Anchors (&name) and aliases (*name) are not allowed in cases: they hide repeated text and can expand into enormous documents.",
         "Write the value out in full where it is needed."),
    Code("Y103", "syntax", _E, "tab indentation",
         "YAML indentation must use spaces; a tab before content makes the structure ambiguous.",
         "Replace the tab with spaces (two per level in this project)."),
    Code("Y104", "syntax", _E, "empty document",
         "The file holds no YAML document, or only comments.",
         "Start from `casebook new` or cases/_TEMPLATE.yaml."),
    Code("Y105", "syntax", _E, "not a mapping",
         "A case file must be one mapping of keys to values at the top level, not a list or a scalar.",
         "Start the file with `id: <year>-<org>-<slug>` and the other top-level keys."),
    Code("Y106", "syntax", _E, "file too large",
         "Case files are capped at 1 MiB; a larger file is not read at all.",
         "Split the material: a case should be a few kilobytes of structured text."),
    Code("Y107", "syntax", _E, "not UTF-8 text",
         "The file is not valid UTF-8 text, or contains binary data such as NUL bytes.",
         "Save the file as UTF-8 and remove any binary content."),
    Code("Y108", "syntax", _E, "several documents",
         "The file holds more than one YAML document (a second `---`). A case file holds exactly one.",
         "Move the other document into a file of its own."),
    Code("Y109", "syntax", _E, "explicit tag",
         "Explicit YAML tags such as !!python/object are not allowed; values are plain text, numbers, booleans, lists and mappings.",
         "Remove the tag and write the plain value."),
    Code("S200", "schema", _E, "schema violation",
         "A value does not have the type or form the case schema requires.",
         "Compare the value with schema/case.schema.json or the schema reference page."),
    Code("S201", "schema", _E, "missing field",
         "A required field is absent.",
         "Add the field; cases/_TEMPLATE.yaml shows every field in place."),
    Code("S202", "schema", _E, "unknown field",
         "A key that the schema does not define. Misspelt keys are caught here rather than silently ignored.",
         "Rename it to the suggested field or remove it."),
    Code("S203", "schema", _E, "badly formed value",
         "A value does not match the required pattern, for example an id, a date or a slug.",
         "Use the form given in the message."),
    Code("V300", "vocabulary", _E, "unknown vocabulary value",
         "A controlled value (stage, failure mode, sector, ...) that is not in schema/vocabulary.yaml.",
         "Use the suggested value, or propose a new one by adding it with a definition to vocabulary.yaml."),
    Code("V301", "vocabulary", _E, "crisis type outside its cluster",
         "Each Coombs crisis type belongs to one cluster; the case names a type from another cluster.",
         "Change the cluster or the type so that they agree (see the vocabulary)."),
    Code("R400", "reference", _E, "unknown cause",
         "A `caused_by` entry names an event id that is not in this case's chain.",
         "Use the id of an event in the chain, or add the missing event."),
    Code("R401", "reference", _E, "unknown source",
         "A `sources` or `source` entry names a source id that is not in this case's sources list.",
         "Use the id of a listed source, or add the source."),
    Code("R402", "reference", _E, "unknown event",
         "A lesson or another field names an event id that is not in the chain.",
         "Use the id of an event in the chain."),
    Code("R403", "reference", _E, "unknown related case",
         "A `related` entry names a case id that is not in the corpus.",
         "Use the id (the file name without .yaml) of an existing case."),
    Code("R404", "reference", _E, "duplicate id in case",
         "Two events, or two sources, in the same case share an id.",
         "Give each event and each source its own id."),
    Code("R405", "reference", _W, "unused source",
         "A source is listed but nothing in the case cites it.",
         "Cite it from the events it supports, or remove it."),
    Code("C500", "chain", _E, "cycle in the chain",
         "Following `caused_by` links leads back to where it started; a chain of causes must be acyclic.",
         "Remove the link that points backwards in time."),
    Code("C501", "chain", _E, "no break",
         "The chain has no event of kind `break`, so there is no failure to analyse.",
         "Mark the event where the chain first broke as `kind: break`."),
    Code("C502", "chain", _W, "failure mode outside its home stage",
         "Each failure mode has a home stage; this event uses it at another stage. That can be right, but say why.",
         "Check the stage and the mode; if both are right, explain in the description."),
    Code("C503", "chain", _E, "event not connected to a break",
         "An event (other than `context`) has no path of `caused_by` links to or from any break.",
         "Add the `caused_by` link that explains how this event follows from the failure."),
    Code("C504", "chain", _E, "failure mode on wrong kind",
         "Only `break` and `amplifier` events carry a failure mode.",
         "Remove `failure_mode`, or change the kind."),
    Code("D600", "dates", _E, "not a calendar date",
         "A date that does not exist, such as 2010-02-30 or month 13.",
         "Correct the date from the source."),
    Code("D601", "dates", _E, "event dated before its cause",
         "An event is dated before an event it is `caused_by`, at every reading of both dates.",
         "Correct the dates, or the `caused_by` link."),
    Code("D602", "dates", _E, "period ends before it starts",
         "`period.end` is before `period.start`.",
         "Swap or correct the dates."),
    Code("I700", "identity", _E, "file name differs from id",
         "A case file must be named after its id: cases/<id>.yaml.",
         "Rename the file or change the id so that they agree."),
    Code("I701", "identity", _E, "duplicate case id",
         "Two files in the corpus declare the same id.",
         "Give one of the cases another id (and file name)."),
    Code("I702", "identity", _E, "renamed id still in use",
         "A former id listed in `aliases` is the id of a case that still exists; its old address would serve two cases.",
         "When renaming, move the file (git mv) so that the old id is gone, or remove the alias."),
    Code("I703", "identity", _E, "alias collides",
         "Two cases list the same former id in `aliases`; its redirect could go to either.",
         "Keep the alias only on the case that the old id became."),
    Code("H800", "hygiene", _E, "link is not http(s)",
         "Only http:// and https:// links are allowed; other schemes (javascript:, data:, file:) are unsafe or useless to readers.",
         "Link to the public web page of the source."),
    Code("H801", "hygiene", _E, "email address in case text",
         "Case text must not carry email addresses: they are personal contact data.",
         "Remove the address; cite the source instead."),
    Code("H802", "hygiene", _E, "phone number in case text",
         "Case text must not carry phone numbers: they are personal contact data.",
         "Remove the number."),
    Code("H803", "hygiene", _E, "unfinished",
         "A TODO marker from the case template is still in place.",
         "Replace the marker with real, sourced content."),
    Code("F900", "feeds", _E, "sources file schema violation",
         "feeds/sources.yaml does not have the shape schema/feeds.schema.json requires: a mapping with a `feeds` list of {name, url} entries.",
         "Compare the entry with schema/feeds.schema.json; docs/news-watch.md shows a complete example."),
    Code("F901", "feeds", _E, "missing feed field",
         "A feed entry, or the file itself, lacks a required field (`feeds`, `name` or `url`).",
         "Add the field."),
    Code("F902", "feeds", _E, "unknown feed field",
         "A key that the sources schema does not define; misspelt keys are caught rather than ignored.",
         "Rename it to the suggested field or remove it."),
    Code("F903", "feeds", _E, "badly formed feed value",
         "A value does not have the required form: feed URLs must be http://, https:// or file: URLs; names and tags are short slugs or text.",
         "Use the form given in the message."),
    Code("F904", "feeds", _E, "duplicate feed name",
         "Two feeds share a name. Names key the report and the state file, so each must be unique.",
         "Give each feed its own name."),
    Code("F905", "feeds", _W, "duplicate feed URL",
         "Two entries fetch the same URL; the feed would be read twice and its entries counted twice.",
         "Remove one of the entries."),
    Code("F910", "feeds", _W, "feed timed out",
         "The feed did not answer, or did not finish answering, within the timeout. The run goes on without it.",
         "Retry later; raise --timeout if the host is slow, or drop the feed if it stays silent."),
    Code("F911", "feeds", _W, "feed too large",
         "The answer was larger than --max-bytes, so it was not read any further. The run goes on without it.",
         "Raise --max-bytes, or use a narrower feed from the same publisher."),
    Code("F912", "feeds", _W, "not a feed",
         "The answer could not be read as RSS or Atom (an HTML page, an error page, or broken XML with no entries).",
         "Open the URL in a browser; the publisher may have moved the feed. Update feeds/sources.yaml."),
    Code("F913", "feeds", _W, "HTTP error",
         "The server answered with an HTTP error status (404, 410, 500, ...).",
         "Check that the feed still exists; update or remove it in feeds/sources.yaml."),
    Code("F914", "feeds", _W, "redirect refused",
         "The server redirected to something other than an http(s) URL, or redirected too many times. Only http and https are followed.",
         "Point the source at the feed's final http(s) address."),
    Code("F915", "feeds", _W, "feed unreachable",
         "The feed could not be fetched: the host name did not resolve, the connection was refused, or the file is missing.",
         "Check the URL and the network; the run goes on without this feed."),
]
# fmt: on

CODES: dict[str, Code] = {c.code: c for c in _ALL}


def lookup(code: str) -> Code | None:
    """Return the registered code, case-insensitively, or None."""
    return CODES.get(code.strip().upper())

"""The Atom feed at ``/feed.xml``: one entry per case, built by hand with ElementTree.

Deterministic by construction: ``updated`` comes from each case's ``last_reviewed`` (the feed's
own ``updated`` is the newest of them), entries are sorted, and ids are ``tag:`` URIs that never
change when the site moves (RFC 4151). ElementTree escapes text and attributes; characters XML
1.0 cannot carry at all are dropped first, since escaping cannot save them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from casebook import __version__
from casebook.dates import PartialDate
from casebook.model import Case
from casebook.render.context import Corpus, label

ATOM = "http://www.w3.org/2005/Atom"
TAG_AUTHORITY = "casebook.example.org,2026"
"""The tag: authority (the schema's $id domain and the year the ids were minted); never change it."""

FEED_PATH = "feed.xml"

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    """Text with the characters XML 1.0 forbids removed."""
    return _NOT_XML.sub("", str(value))


def rfc3339(date: PartialDate) -> str:
    """Midnight UTC of the first day a date may stand for."""
    return f"{date.earliest.isoformat()}T00:00:00Z"


def entry_id(case: Case) -> str:
    """The stable id of a case's entry."""
    return f"tag:{TAG_AUTHORITY}:cases/{case.id}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _entry(feed: ET.Element, case: Case, corpus: Corpus) -> None:
    entry = _sub(feed, "entry")
    _sub(entry, "id", entry_id(case))
    _sub(entry, "title", case.title)
    _sub(entry, "updated", rfc3339(case.last_reviewed))
    _sub(entry, "link", rel="alternate", type="text/html", href=corpus.settings.page_url(f"cases/{case.id}/"))
    _sub(entry, "summary", case.summary)
    org = case.organization
    _sub(entry, "category", term=org.sector, label=label("sectors", org.sector))
    _sub(entry, "category", term=f"year:{case.year}", label=f"Became public in {case.year}")
    for stage in dict.fromkeys(e.stage for e in case.chain):
        _sub(entry, "category", term=f"stage:{stage}", label=label("stages", stage))
    _sub(entry, "rights", case.license)


def atom_feed(corpus: Corpus) -> str:
    """The whole feed as UTF-8 XML text, newest review first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"tag:{TAG_AUTHORITY}:feed")
    _sub(feed, "title", "Casebook: customer-trust failure cases")
    _sub(feed, "subtitle", "New and updated cases, dated by their last review against the sources.")
    newest = max((c.last_reviewed for c in corpus.cases), key=lambda d: d.earliest, default=PartialDate(2026))
    _sub(feed, "updated", rfc3339(newest))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=corpus.settings.page_url(FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=corpus.settings.page_url("") or "./")
    author = _sub(feed, "author")
    _sub(author, "name", "Casebook contributors")
    _sub(feed, "generator", "Casebook", version=__version__)
    for case in sorted(corpus.cases, key=lambda c: (-c.last_reviewed.earliest.toordinal(), c.id)):
        _entry(feed, case, corpus)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"

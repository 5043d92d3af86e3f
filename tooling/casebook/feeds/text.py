"""Plain text from feed HTML, and the word forms that scoring, matching and clustering compare.

Everything a feed says is untrusted. Titles and summaries are reduced to plain text here, once,
so no later step ever handles markup: tags are dropped, script and style content is dropped with
them, entities are unescaped and whitespace (including control characters) collapses to single
spaces.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Content of these elements is never text a reader should see.
_SKIPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"})
# A "<" that starts a tag, comment or declaration; anything else is a literal less-than sign.
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")

# Words that carry no story: left out of clustering and matching.
# fmt: off
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
    "of", "on", "or", "over", "says", "say", "said", "than", "that", "the", "their", "this", "to", "up", "was",
    "were", "will", "with", "after", "before", "about", "new", "more", "amid", "why", "how", "what", "who", "us",
    "uk",
))
# fmt: on


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and tag in self.skipping:
            # Close the innermost open skipped element of this name (and anything opened inside it).
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in ("p", "div", "li", "td"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _one_pass(text: str) -> str:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "".join(collector.parts)


def _printable(text: str) -> str:
    # Control and format characters (NUL, bidi overrides, zero-width joiners) become spaces, and
    # lone surrogates (from &#xD800; or a broken decoder), which no file can encode, go the same way.
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)


# Everything that cannot or should not reach a file or a terminal: lone surrogates, and control
# characters other than tab and newline (NUL, ESC, CR, DEL, the C1 range).
_UNWRITABLE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")


def scrub(text: str) -> str:
    """Replace lone surrogates and control characters (but tab and newline) with U+FFFD.

    The last guard before a text taken from a feed is written anywhere: it keeps every output
    encodable as UTF-8 and keeps escape sequences away from the terminal.
    """
    return _UNWRITABLE.sub("\ufffd", text)


def one_line(text: str, *, limit: int = 300) -> str:
    """A scrubbed, single-line version of a message (a reason or note built from feed data)."""
    line = " ".join(scrub(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def html_to_text(value: str, *, limit: int = 2000) -> str:
    """Reduce HTML (or text that may hold HTML) to one line of plain text.

    Markup escaped twice (``&amp;lt;script&amp;gt;``) comes out of the first pass as markup, so
    passes repeat while anything tag-like is left, a few times at most.

    Args:
        value: Text from a feed.
        limit: Cut the result to this many characters, at a word boundary, with an ellipsis.

    Returns:
        Plain text with no tags, single spaces and no control characters.
    """
    text = value
    for _ in range(3):
        text = _one_pass(text)
        if not _TAG_START.search(text):
            break
    else:
        text = _TAG_START.sub(lambda m: "‹" + m.group()[1:], text)  # give up on markup: make it inert text
    text = _SPACE.sub(" ", _printable(text)).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def fold(text: str) -> str:
    """Lower-case text with accents removed and typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The words of ``text`` in order, folded, possessives dropped (``Toyota's`` -> ``toyota``)."""
    return [w.removesuffix("'s") for w in _WORD.findall(fold(text))]


def stem(word: str) -> str:
    """A crude plural/tense trim so that ``recalls``, ``recalled`` and ``recall`` compare equal."""
    if word.endswith(("ss", "us", "is")):  # address, Prius, analysis: not plurals
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def key_tokens(text: str) -> frozenset[str]:
    """The story-bearing tokens of a title: stemmed words without stopwords or bare numbers."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 1)


def slugify(text: str, *, max_words: int = 6) -> str:
    """A lower-case, hyphenated ASCII slug of at most ``max_words`` words (may be empty)."""
    parts = [p for p in _SLUG_JUNK.split(fold(text).replace("'", "")) if p]
    return "-".join(parts[:max_words])

"""Bytes a browser fetches for one search, measured in Chromium on the built site (issue 15).

``python -m benchmarks.search_bytes SITE`` serves SITE on 127.0.0.1, and for each of ``QUERIES``
words drawn from the synthetic lexicon opens the site in a fresh browser context (empty cache),
opens the search dialog, types the word and waits for the results. Every request under
``/pagefind/`` is recorded; its size is the file's size as a web server would send it (Pagefind's
index files are already gzipped; its JavaScript is counted gzipped at level 6). Prints one JSON
line: the median, the smallest and the largest total, the files fetched for the median query, and
the median query's bytes and files by kind of file (``KINDS``: Pagefind's script, its worker, the
WebAssembly, the entry, the metadata file, index chunks, filter files, fragments).
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Request

QUERIES = 20
COMPRESSIBLE = (".js", ".json", ".css", ".html")


def query_words(count: int = QUERIES) -> list[str]:
    """``count`` words of the synthetic lexicon, fixed, past its common words (which every case has)."""
    from casebook.synth import COMMON_WORDS, _lexicon

    words, _weights = _lexicon()
    common = len(COMMON_WORDS.split())
    return random.Random("casebook-bench-queries").sample(words[common : common + 1000], count)


KINDS = (
    ("pagefind.js", "pagefind.js"),
    ("worker", "pagefind-worker.js"),
    ("wasm", "wasm."),
    ("entry", "pagefind-entry.json"),
    ("meta", ".pf_meta"),
    ("index", ".pf_index"),
    ("filter", ".pf_filter"),
    ("fragment", ".pf_fragment"),
)
"""Kinds of file in a Pagefind bundle, each told by a part of its path (the first that matches)."""


def kind(path: str) -> str:
    """The kind of a bundle file (``KINDS``), ``other`` for anything else."""
    return next((name for name, part in KINDS if part in path), "other")


def by_kind(site: Path, paths: list[str]) -> dict[str, list[int]]:
    """``{kind: [bytes, files]}`` of ``paths`` under ``site``, in ``KINDS`` order."""
    out: dict[str, list[int]] = {}
    for path in paths:
        row = out.setdefault(kind(path), [0, 0])
        row[0] += sent_bytes(site / path.lstrip("/"))
        row[1] += 1
    order = [name for name, _part in KINDS] + ["other"]
    return {name: out[name] for name in order if name in out}


def sent_bytes(path: Path) -> int:
    """What a server sends for a file: gzip for text, the bytes as they are for compressed files."""
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if path.suffix in COMPRESSIBLE else len(data)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _record(seen: list[str], request: Request) -> None:
    seen.append(request.url)


def measure(site: Path, words: list[str], chromium: str) -> dict[str, Any]:
    """Type each word into the search dialog; total the Pagefind files each search fetched."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    totals: list[tuple[int, str, list[str]]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for word in words:
                context = browser.new_context()
                fetched: list[str] = []
                context.on("request", partial(_record, fetched))
                page = context.new_page()
                page.goto(url + "about/")
                page.locator("body").press("/")
                page.locator(".cb-search__input").press_sequentially(word)
                page.locator(".cb-search__status").filter(has_text="case").wait_for(timeout=30_000)
                page.wait_for_load_state("networkidle")
                paths = sorted({unquote(urlsplit(u).path) for u in fetched if "/pagefind/" in u})
                total = sum(sent_bytes(site / p.lstrip("/")) for p in paths)
                totals.append((total, word, paths))
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    totals.sort()
    median = statistics.median(t for t, _w, _p in totals)
    middle = totals[len(totals) // 2]
    return {
        "median_bytes": median,
        "min_bytes": totals[0][0],
        "max_bytes": totals[-1][0],
        "queries": len(totals),
        "median_query": middle[1],
        "median_files": len(middle[2]),
        "median_by_kind": by_kind(site, middle[2]),
    }


def main(argv: list[str]) -> None:
    """``SITE [CHROMIUM]``: print the measurement as one JSON line."""
    site = Path(argv[0])
    chromium = argv[1] if len(argv) > 1 else "/usr/bin/chromium"
    print(json.dumps(measure(site, query_words(), chromium)))


if __name__ == "__main__":
    main(sys.argv[1:])

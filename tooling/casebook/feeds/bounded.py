"""Parsing one feed with a hard time limit: a cheap pre-scan, then the parse in a child process.

A thread cannot be stopped, and a parse that goes quadratic (``xml.sax`` on an element with
200,000 attributes runs for minutes) would hold the run; a child process can be killed. The
pre-scan (``markup.prescan``) refuses the pathological markup we know of before any process
starts (F919); the deadline is the backstop for whatever we do not know of yet (F918).

The child is forked: it starts in a few milliseconds with the parser already imported, and
unlike ``spawn`` and ``forkserver`` it does not re-run the main script (which fails for a
``python -`` session and costs an interpreter start per feed). The child only parses and
sends one pickled result back; where fork is unavailable, ``spawn`` is used. (Python 3.12
warns when a process with threads forks; the CLI has none left by then, since each fetch's
deadline timer is joined, and CI runs 3.11.)
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
from collections.abc import Mapping

from casebook.feeds.markup import prescan
from casebook.feeds.parse import ParsedFeed, parse_feed

PARSE_TIMEOUT = 30.0
"""Seconds allowed to parse one feed; a 5 MB feed parses in a few seconds on a slow machine."""
_KILL_WAIT = 5.0


def _context() -> multiprocessing.context.BaseContext:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _child(
    conn: multiprocessing.connection.Connection, body: bytes, feed: str, url: str, headers: dict[str, str]
) -> None:
    try:
        result = parse_feed(body, feed, url=url, headers=headers)
    except BaseException as exc:  # reported to the parent as this feed's failure
        result = ParsedFeed(problem=f"the parser failed: {type(exc).__name__}: {exc}"[:300], code="F916")
    conn.send(result)
    conn.close()


def parse_with_limits(
    body: bytes,
    feed: str,
    *,
    url: str = "",
    headers: Mapping[str, str] | None = None,
    timeout: float = PARSE_TIMEOUT,
) -> ParsedFeed:
    """Parse like ``parse_feed``, but refuse pathological markup and stop after ``timeout`` seconds.

    Returns:
        The parsed feed, or a ``problem`` with code F919 (markup refused by the pre-scan), F918
        (the parse ran out of time and was killed) or F916 (the parser crashed).
    """
    refusal = prescan(body)
    if refusal:
        return ParsedFeed(problem=f"markup too pathological to parse: {refusal}", code="F919")
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, body, feed, url, dict(headers or {})), daemon=True
    )
    try:
        process.start()
        sender.close()
        # poll is true when the result is there, and also when the child died (then recv raises).
        if not receiver.poll(timeout):
            return ParsedFeed(problem=f"parsing took longer than {timeout:g} s; stopped", code="F918")
        result = receiver.recv()
        return result if isinstance(result, ParsedFeed) else ParsedFeed(problem="the parser failed", code="F916")
    except (EOFError, OSError) as exc:
        return ParsedFeed(problem=f"the parser stopped unexpectedly ({type(exc).__name__})", code="F916")
    finally:
        receiver.close()
        _reap(process)


def _reap(process: multiprocessing.process.BaseProcess) -> None:
    # Never leave a child behind: kill it if it is still parsing, and wait for it to go.
    if process.pid is None:  # start() failed
        return
    if process.is_alive():
        process.kill()
    process.join(_KILL_WAIT)
    if not process.is_alive():
        process.close()

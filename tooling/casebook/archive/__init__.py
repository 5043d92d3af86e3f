"""Links that survive: Wayback Machine lookups and captures for sources, and a dead-link check.

``http`` is the one place that touches the network (timeouts, size cap, redirects only to
http(s)); ``wayback`` speaks the availability API and Save Page Now through it with a rate limit;
``edit`` records what was found in a case file's text; ``links`` checks that sources still answer.
"""

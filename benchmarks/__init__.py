"""Benchmarks over synthetic corpora: ``python benchmarks/run.py`` (``make bench``) writes results.md."""

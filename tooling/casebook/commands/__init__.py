"""Click commands that live in modules of their own; ``casebook.cli`` registers each with one line."""

from __future__ import annotations

"""Casebook: an open knowledge base of customer-trust failures."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from casebook.diagnostics import Diagnostic, Severity
from casebook.model import Case
from casebook.validation import CheckResult, load_corpus, validate_paths

try:
    __version__ = version("casebook")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0"

__all__ = ["Case", "CheckResult", "Diagnostic", "Severity", "__version__", "load_corpus", "validate_paths"]

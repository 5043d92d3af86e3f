"""Provenance: releases, case revisions, case history from git, and the archive of sources.

Everything here reads files and git; nothing here renders HTML (``casebook.render`` does, from the
plain records these modules return).
"""

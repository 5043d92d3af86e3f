"""Subcommands of the ``casebook`` CLI, one module per area; ``cli.py`` registers them."""

"""Click commands, one module per group of commands; registered in ``casebook.cli``."""

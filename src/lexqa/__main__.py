"""``python -m lexqa`` runs the CLI (same as the `lexqa` script)."""

from .cli import main

main()

"""``python -m infisical_kit`` runs the command line."""

from infisical_kit.cli import main

main()

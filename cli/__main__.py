"""`python -m cli` runs `rso-qa`."""

from cli.app import main

main()

"""`python -m quotes` runs the command-line tool."""

from quotes.cli import main

main()

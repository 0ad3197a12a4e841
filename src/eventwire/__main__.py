"""`python -m eventwire` runs the command line."""

from .cli import main

main()

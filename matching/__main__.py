"""Command line: ``python -m matching <command> ...`` (see ``matching.cli``)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

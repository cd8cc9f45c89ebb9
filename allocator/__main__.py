"""``python -m allocator`` runs the command line (the GUI without arguments)."""

import sys

from allocator.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Entry point of the frozen app (PyInstaller): the ``allocator`` command.

Without arguments it opens the window (a double-click); with arguments it is
the full command line (``allocator --version``, ``allocator themes``, ...).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # joblib/sklearn may spawn workers
    from allocator.cli import main

    sys.exit(main())

"""Allocator: theme-driven US-Japan portfolio allocation with yen hedging.

The core (everything outside ``allocator.gui``) never imports Qt.
"""

__version__ = "0.1.0"
APP_NAME = "Allocator"
ORG_NAME = "Allocator"

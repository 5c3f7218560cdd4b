"""Entry point for the PyInstaller bundle (PyInstaller wants a script, not a module)."""

import sys

from socially_aware.__main__ import main

sys.exit(main())

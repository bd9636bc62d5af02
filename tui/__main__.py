"""``python -m tui`` runs the ``yuebao`` command."""

import sys

from tui.cli import main

sys.exit(main())

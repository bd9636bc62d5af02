"""The ``yuebao`` command line: ``main`` parses the arguments and runs one command.

``commands/`` holds one module per sub-command (``load``, ``parse``, ``search``, ``notes``,
``paths``; no command starts the explorer, ``run_app``); ``output`` makes what they print
terminal-safe, ``corpus_open`` opens the corpus with one-line errors, ``errors`` is their
``UserError``. The commands only parse arguments and print: the work is the store's.
"""

from tui.cli.entry import main

__all__ = ["main"]

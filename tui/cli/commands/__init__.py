"""Sub-commands of ``yuebao``: each module exposes ``register(subparsers)``.

A module's ``register`` adds one sub-parser and sets ``func`` to a callable
``(args) -> int`` (the exit code). Modules import heavy things inside ``func``.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "tui.cli.commands.parse",
    "tui.cli.commands.load",
    "tui.cli.commands.paths",
    "tui.cli.commands.notes",
    "tui.cli.commands.search",
    "tui.cli.commands.kwic",
    "tui.cli.commands.timeline",
    "tui.cli.commands.entity",
    "tui.cli.commands.corrections",
    "tui.cli.commands.searches",
)

"""yuebao's data layer: reading, segmenting, extracting, storing and querying news text.

Nothing in this package imports ``textual``; it is testable without a terminal.
"""

__version__ = "0.1.0"

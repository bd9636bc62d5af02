"""yuebao's terminal interface (Textual) and command line."""

"""yuebao's screens: main explorer, help, small prompts."""

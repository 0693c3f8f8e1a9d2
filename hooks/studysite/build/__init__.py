"""One build: its inputs, its state (the Build) and the editions."""

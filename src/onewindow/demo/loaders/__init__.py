"""The load steps of the demo data (see demo.steps)."""

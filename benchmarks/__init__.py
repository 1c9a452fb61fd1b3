"""Benchmarks of the Client Craft build: `python -m benchmarks.run` writes benchmarks/RESULTS.md."""

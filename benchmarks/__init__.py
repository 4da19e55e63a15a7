"""Benchmarks for Voices in Care: page weight, server time and throughput.

Run them all with ``.venv/bin/python -m benchmarks`` (see benchmarks/README.md). The bars are
compared in the printout only; nothing here is a timed test.
"""

"""Benchmarks of the ClickSend SMS connector against the bundled emulator.

Run ``python benchmarks/run.py`` for the full set or ``--smoke`` for a quick check; the
method and the latest figures are in docs/benchmarks.md.
"""

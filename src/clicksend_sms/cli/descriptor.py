"""CLI commands (placeholder until implemented)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add this module's sub-commands to the parser."""
    del subparsers

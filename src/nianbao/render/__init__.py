"""Writers: a Report back into a document in the official form."""

from __future__ import annotations

from .text import render_text

__all__ = ["render_text"]

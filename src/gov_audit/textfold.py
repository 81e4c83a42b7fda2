"""Folding of header and sheet names (no pandas: the reader's prefetch thread uses it)."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Fold a header or sheet name: drop all whitespace, full-width → half-width, lower-case."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).lower()

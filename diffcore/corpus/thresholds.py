"""Similarity thresholds of reuse detection, apart so the command line can show them as
option defaults without importing the detector (numpy, rapidfuzz) or the store."""

from __future__ import annotations

FLOOR = 0.5  # the lowest --min-similarity; weaker pairs count only as partial
# The default near-verbatim threshold; see the README for why not 0.5.
NEAR_VERBATIM = 0.7

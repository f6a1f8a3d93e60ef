"""`resdiff.concordance/1` JSON: the versions compared and every finding."""

from __future__ import annotations

import json

from diffcore.concordance import FINDING_KINDS, Concordance

SCHEMA_ID = "resdiff.concordance/1"


def render(result: Concordance) -> str:
    counts = result.counts()
    data = {
        "schema": SCHEMA_ID,
        "consistent": result.consistent,
        "reference": result.reference.name,
        "versions": [v.to_dict() for v in result.versions],
        "counts": {k: counts.get(k, 0) for k in FINDING_KINDS},
        "findings": [f.to_dict() for f in result.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

"""`make demo`: compare real UN documents and say where the reports are.

1. Draft A/80/L.8 against the adopted A/RES/80/9 (2025): what changed on adoption.
2. The 2017 political declaration A/RES/72/1 against its 2025 successor A/RES/80/9:
   the language the two declarations share, and what is new.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diffcore import compare, load
from renderers import comparison_json, email_message, redline, sidebyside, unified, wdiff

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"

PAIRS = [
    ("A_80_L.8.txt", "A_RES_80_9.txt", "A_80_L.8--A_RES_80_9"),
    ("A_RES_72_1.ods.txt", "A_RES_80_9.txt", "A_RES_72_1--A_RES_80_9"),
]


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for old_name, new_name, stem in PAIRS:
        old, new = load(str(HERE / old_name)), load(str(HERE / new_name))
        cmp = compare(old, new)
        message = email_message.build(cmp, to=("reviewers@example.org",))
        written = {
            "report": (OUT / f"{stem}.html", sidebyside.render(cmp)),
            "redline": (OUT / f"{stem}.redline.html", redline.render(cmp)),
            "email": (OUT / f"{stem}.eml", message.as_bytes()),
            "unified": (OUT / f"{stem}.diff", unified.render(cmp, context=0)),
            "wdiff": (OUT / f"{stem}.wdiff.txt", wdiff.render(cmp)),
            "json": (OUT / f"{stem}.json", comparison_json.render(cmp)),
        }
        for path, content in written.values():
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        s = cmp.summary
        print(f"{old.label} -> {new.label}:")
        print(
            f"  {s['equal']} equal, {s['modified']} modified, {s['inserted']} inserted, "
            f"{s['deleted']} deleted, {s['moved']} moved, {s['split']} split, "
            f"{s['merged']} merged, {s['renumbered']} renumbered; "
            f"{s['words_added']} words added, {s['words_removed']} removed; "
            f"{len(cmp.metadata)} metadata fields differ"
        )
        for kind, (path, _content) in written.items():
            print(f"  {kind:8} {path.relative_to(HERE.parent)}")
    print(f"Open {(OUT / (PAIRS[0][2] + '.html')).relative_to(HERE.parent)} in a browser.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

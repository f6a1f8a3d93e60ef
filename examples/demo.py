"""`make demo`: compare real UN documents and say where the reports are.

1. Draft A/80/L.8 against the adopted A/RES/80/9 (2025): what changed on adoption.
2. The 2017 political declaration A/RES/72/1 against its 2025 successor A/RES/80/9:
   the language the two declarations share, and what is new.
3. Language reuse: the three texts in a small corpus, and where each paragraph of
   A/RES/80/9 was used before (a reuse report shaded by provenance).
"""

from __future__ import annotations

import sys
from pathlib import Path

from diffcore import compare, load
from diffcore.corpus import open_store
from diffcore.corpus.ingest import add_paths
from diffcore.corpus.query import resolve, reuse
from renderers import (
    comparison_json,
    docx_redline,
    email_message,
    redline,
    reuse_html,
    reuse_text,
    sidebyside,
    unified,
    wdiff,
)

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
            "docx": (OUT / f"{stem}.redline.docx", docx_redline.render(cmp)),
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
    reuse_demo()
    print(f"Open {(OUT / (PAIRS[0][2] + '.html')).relative_to(HERE.parent)} in a browser.")
    return 0


def reuse_demo() -> None:
    db = OUT / "demo-corpus.sqlite"
    for stale in OUT.glob("demo-corpus.sqlite*"):
        stale.unlink()
    names = ["A_RES_72_1.ods.txt", "A_80_L.8.txt", "A_RES_80_9.txt"]
    with open_store(db) as store:
        add_paths(store, [str(HERE / name) for name in names], workers=1)
        report = reuse(store, resolve(store, "A/RES/80/9"))
    html, text = OUT / "A_RES_80_9.reuse.html", OUT / "A_RES_80_9.reuse.txt"
    html.write_text(reuse_html.render(report), encoding="utf-8")
    text.write_text(reuse_text.render_reuse(report), encoding="utf-8")
    s = report.summary()
    print(f"Language reuse in {report.document.label} (corpus: {', '.join(names)}):")
    print(
        f"  {s['reused_paragraphs']} of {s['paragraphs']} paragraphs reused: {s['verbatim']} "
        f"verbatim, {s['near-verbatim']} near-verbatim, {s['partial']} partial; "
        f"{s['reused_word_share'] * 100:.0f}% of the words"
    )
    for path in (html, text, db):
        print(f"  {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    sys.exit(main())

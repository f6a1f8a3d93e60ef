"""Cross-check three sources of the same GA resolutions against each other.

    python benchmarks/akn4un_crosscheck.py            # summary
    python benchmarks/akn4un_crosscheck.py -v         # and every disagreement

For every English AKN4UN file (`../shared/corpus/akn4un/en/`) with a text layer in
`../shared/corpus/text/`:

1. **paragraphs**: the text layer and the AKN4UN file are compared with the compare
   engine; a paragraph pair counts as equal when it is `equal`, not renumbered and its
   footnotes did not change. Share = 2 x equal pairs / (paragraphs of both).
2. **metadata**: every `Metadata` field the text layer prints, text layer against
   AKN4UN (`language` aside: a text layer does not state it).
3. **records** (`akn4un/records/*.jsonl`, the UN's own record) against what `normalize`
   reports from each source, on normalized forms:
   - originating document: `draft_symbol` ("A/80/L.6"), else `report_symbol`
     ("A/78/576, para. 9"), as printed in the resolution's bracket line;
   - adoption date: ISO date; meeting: "22nd plenary meeting";
   - agenda item: "Agenda item 98 (qq)" -> ("98 (qq)",);
   - title: characters folded (no-break spaces, hyphens) and white space collapsed;
   - committee: the record's short name ("Fourth Committee") equals ours or is the
     short name ours carries in brackets; "Without reference to a Main Committee" is
     no committee;
   - sponsors: a resolution does not print them, its draft does. So the record's
     sponsors are checked against the draft's sponsor line where the draft is in
     `text/` (every record sponsor found in it, names compared case- and
     accent-insensitively on their first word run); other resolutions are not counted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _common import CORPUS_DIR, TEXT_DIR, ensure_repo_on_path

ensure_repo_on_path()

from diffcore import compare, load  # noqa: E402
from diffcore import metadata as md  # noqa: E402
from diffcore.model import Document  # noqa: E402
from diffcore.textutil import collapse, normalize_chars  # noqa: E402

AKN_DIR = CORPUS_DIR / "akn4un" / "en"
RECORDS_DIR = CORPUS_DIR / "akn4un" / "records"
FIELDS = (
    "symbol",
    "doc_type",
    "session",
    "agenda_items",
    "agenda_title",
    "adopted_on",
    "issued_on",
    "committee",
    "report_symbol",
    "draft_symbol",
    "resolution_number",
    "title",
    "sponsors",
    "meeting",
    "job_number",
)
RECORD_FIELDS = ("originating", "adopted_on", "agenda_items", "meeting", "title", "committee")
NO_COMMITTEE = "Without reference to a Main Committee"


def pairs() -> list[tuple[Path, Path]]:
    """(AKN4UN file, text layer) for every English file that has both."""
    out = []
    for akn in sorted(AKN_DIR.glob("*.en.xml")):
        text = TEXT_DIR / (akn.name[: -len(".en.xml")] + ".txt")
        if text.is_file():
            out.append((akn, text))
    return out


def records() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for path in sorted(RECORDS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[str(rec["symbol"])] = rec
    return out


def fold(text: object) -> str:
    return collapse(normalize_chars(str(text or ""))).strip()


def paragraph_share(a: Document, b: Document) -> tuple[int, int, list[str]]:
    """(equal pairs x 2, paragraphs of both, the unequal changes as one-line notes)."""
    cmp = compare(a, b)
    equal = 0
    notes = []
    for ch in cmp.changes:
        if ch.op == "equal" and not ch.renumbered and not ch.footnotes_changed:
            equal += len(ch.old)
        else:
            what = "renumbered" if ch.renumbered else ch.op
            if ch.footnotes_changed:
                what += "+footnotes"
            notes.append(f"{what} {'/'.join(ch.old) or '-'} -> {'/'.join(ch.new) or '-'}")
    return 2 * equal, len(a.paragraphs) + len(b.paragraphs), notes


def record_values(rec: dict[str, object]) -> dict[str, object]:
    """The record's fields in our normalized forms."""
    agenda = fold(rec.get("agenda_item"))
    m = md.AGENDA_RE.match(agenda)
    committee = fold(rec.get("committee"))
    if committee.startswith("#"):  # a few records hold the reference: "#fifthCommittee"
        committee = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", committee[1:])
        committee = committee[:1].upper() + committee[1:]
    return {
        "originating": fold(rec.get("originating_document")),
        "adopted_on": md.iso_date(fold(rec.get("adoption_date"))),
        "agenda_items": md.split_agenda_items(m.group(1)) if m else (),
        "meeting": fold(rec.get("adoption_meeting")),
        "title": fold(rec.get("title")),
        "committee": None if committee.lower() == NO_COMMITTEE.lower() else committee,
    }


def our_values(doc: Document) -> dict[str, object]:
    m = doc.metadata
    return {
        "originating": m.draft_symbol or m.report_symbol or "",
        "adopted_on": m.adopted_on,
        "agenda_items": tuple(m.agenda_items),
        "meeting": m.meeting or "",
        "title": fold(m.title),
        "committee": m.committee,
    }


def agrees(key: str, ours: object, theirs: object) -> bool:
    if key == "committee" and isinstance(ours, str) and isinstance(theirs, str):
        return ours == theirs or ours.endswith(f"({theirs})")
    return ours == theirs


def _name_key(name: str) -> str:
    # The capacity in parentheses ("(on behalf of the States that are members of the
    # Group of 77 and China)") is the draft's note, which the record words its own way.
    name = re.sub(r"\([^()]*\)", " ", name)
    base = unicodedata.normalize("NFKD", name.casefold())
    base = "".join(c for c in base if not unicodedata.combining(c))
    return re.sub(r"[^a-z]+", " ", base).strip()


def sponsors_agree(record_names: list[str], printed: str) -> tuple[bool, list[str]]:
    """Every record sponsor found among the names the draft prints (first words match)."""
    # Split on commas and "and" outside parentheses: "Iraq (on behalf of ... the Group of
    # 77 and China)" is one sponsor, as the UN's record writes it.
    names = [_name_key(x) for x in re.split(r"(?:,\s*|\s+and\s+)(?![^()]*\))", printed)]
    missing = []
    for want in record_names:
        key = _name_key(re.sub(r"^submitted by the ", "", want))
        if not any(n == key or n.startswith(key + " ") or key.startswith(n + " ") for n in names):
            missing.append(want)
    return not missing, missing


@dataclass
class Report:
    files: int = 0
    equal2: int = 0
    paragraphs: int = 0
    worst: list[tuple[float, str, list[str]]] = field(default_factory=list)
    meta_agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    meta_diff: dict[str, list[str]] = field(default_factory=dict)
    rec_total: int = 0
    rec_agree: dict[str, dict[str, int]] = field(default_factory=dict)
    rec_diff: dict[str, list[str]] = field(default_factory=dict)
    sponsors_total: int = 0
    sponsors_agree: int = 0
    seconds: float = 0.0

    @property
    def share(self) -> float:
        return self.equal2 / self.paragraphs if self.paragraphs else 1.0

    def record_share(self, source: str, key: str) -> float:
        return self.rec_agree[source][key] / self.rec_total if self.rec_total else 1.0


def _drafts() -> dict[str, Path]:
    return {p.stem.replace("_", "/"): p for p in TEXT_DIR.glob("A_*_L.*.txt")}


def run(limit: int | None = None) -> Report:
    start = time.perf_counter()
    report = Report()
    recs = records()
    drafts = _drafts()
    report.rec_agree = {s: dict.fromkeys(RECORD_FIELDS, 0) for s in ("text", "akn")}
    for akn_path, text_path in pairs()[:limit]:
        text_doc, akn_doc = load(str(text_path)), load(str(akn_path))
        label = text_path.stem
        report.files += 1
        eq2, total, notes = paragraph_share(text_doc, akn_doc)
        report.equal2 += eq2
        report.paragraphs += total
        if eq2 < total:
            report.worst.append((eq2 / total if total else 1.0, label, notes))
        tm, am = text_doc.metadata.to_dict(), akn_doc.metadata.to_dict()
        for key in FIELDS:
            if tm[key] == am[key]:
                report.meta_agree[key] += 1
            else:
                report.meta_diff.setdefault(key, []).append(
                    f"{label}: text {tm[key]!r} akn {am[key]!r}"
                )
        rec = recs.get(text_doc.metadata.symbol or "")
        if rec is None:
            continue
        report.rec_total += 1
        theirs = record_values(rec)
        for source, doc in (("text", text_doc), ("akn", akn_doc)):
            ours = our_values(doc)
            for key in RECORD_FIELDS:
                if agrees(key, ours[key], theirs[key]):
                    report.rec_agree[source][key] += 1
                else:
                    report.rec_diff.setdefault(f"{source}.{key}", []).append(
                        f"{label}: ours {ours[key]!r} record {theirs[key]!r}"
                    )
        draft = drafts.get(str(theirs["originating"]))
        wanted = [str(x) for x in rec.get("sponsors") or []]  # type: ignore[attr-defined]
        if draft is not None and wanted:
            printed = load(str(draft)).metadata.sponsors or ""
            ok, missing = sponsors_agree(wanted, printed)
            report.sponsors_total += 1
            report.sponsors_agree += ok
            if not ok:
                report.rec_diff.setdefault("draft.sponsors", []).append(
                    f"{label} ({draft.stem}): not in the draft: {missing}"
                )
    report.worst.sort()
    report.seconds = time.perf_counter() - start
    return report


def _lines(report: Report, verbose: bool) -> Iterator[str]:
    yield f"{report.files} resolutions with a text layer and an English AKN4UN file"
    yield f"{report.seconds:.1f} s"
    yield (
        f"paragraphs equal (text layer vs AKN4UN): {report.share:.2%}"
        f"  ({report.equal2 // 2} pairs of {report.paragraphs} paragraphs)"
    )
    yield "metadata agreement, text layer vs AKN4UN:"
    for key in FIELDS:
        yield f"  {key:18} {report.meta_agree[key] / max(report.files, 1):8.2%}"
    yield f"the UN's records ({report.rec_total} resolutions) vs normalize:"
    yield f"  {'field':18} {'text':>8} {'akn':>8}"
    for key in RECORD_FIELDS:
        t, a = report.record_share("text", key), report.record_share("akn", key)
        yield f"  {key:18} {t:8.2%} {a:8.2%}"
    s = report.sponsors_agree / report.sponsors_total if report.sponsors_total else 1.0
    yield f"  {'sponsors (draft)':18} {s:8.2%}  ({report.sponsors_total} drafts in text/)"
    if verbose:
        for key, items in sorted({**report.meta_diff, **report.rec_diff}.items()):
            yield f"-- {key}: {len(items)}"
            yield from (f"   {x}" for x in items)
        yield "-- least equal documents"
        for share, label, notes in report.worst[:40]:
            yield f"   {share:.2%} {label}: {'; '.join(notes[:6])}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not AKN_DIR.is_dir():
        sys.exit(f"akn4un_crosscheck: {AKN_DIR} not found (see ../shared/corpus/README.md)")
    for line in _lines(run(args.limit), args.verbose):
        print(line)


if __name__ == "__main__":
    main()

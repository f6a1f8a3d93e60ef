"""Whole-compare cost of resdiff against general-purpose diff tools, side by side.

    .venv/bin/python benchmarks/bench_compare.py [--runs 5] [--budget 60] [--json out.json]
    .venv/bin/python benchmarks/bench_compare.py --quick   (3 runs, 28 KB and 200 KB only)

Pairs:
  28 KB   A/80/L.8 -> A/RES/80/9 (draft -> adopted, ../shared/corpus/text)
  200 KB  A/80/L.17 -> A/RES/80/109 (draft -> adopted); if that pair ever stops being
          ~200 KB, the draft -> adopted pair of chains.json closest to 200 KB is used
  2 MB    a synthetic pair built from real paragraphs (see build_synthetic below)

Tools, each given the two file paths and timed from "read both files" to "result in
memory" (imports and interpreter start-up excluded, reported separately for resdiff):
  resdiff   diffcore.load x2 (read, normalize), diffcore.compare (align, word diff),
            diffcore.classify.classified (change classes, timed as its own stage),
            renderers.comparison_json.render (the JSON string)
  difflib   difflib.HtmlDiff().make_file(old_lines, new_lines) on the raw file lines
  dmp       diff_match_patch (pure Python, library defaults: Diff_Timeout = 1 s):
            diff_main(old, new) on the raw texts, then diff_cleanupSemantic
  fast-dmp  fast_diff_match_patch.diff(old, new, counts_only=False) (C++, library
            defaults: no time limit, semantic cleanup)

Every measurement runs in a fresh subprocess. Its peak RSS is taken twice: VmHWM from
/proc/self/status at the child's end (the peak of the child's own address space), and
ru_maxrss from os.wait4 (the figure getrusage(RUSAGE_CHILDREN) accumulates). On Linux
the second can never be below the spawning process's own peak, because exec carries the
parent's high-water mark into the child's ru_maxrss; the orchestrator imports no
resdiff code and builds the synthetic pair in a child to keep that floor low, and the
report shows both. A "python" case that only imports resdiff gives the interpreter's
floor. The runs are interleaved (round r: every pair with every tool), so machine noise
is spread over all cases alike. A case stops early once its runs add up to --budget
seconds (at least one run is always made); the table then says how many runs it got.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from _common import (
    CHAINS_PATH,
    MB,
    REPO_ROOT,
    TEXT_DIR,
    ensure_repo_on_path,
    median,
    print_facts,
    require_corpus,
    table,
)

SUPPRESS = argparse.SUPPRESS
SCRIPT = str(Path(__file__).resolve())
CHANGE_OPS = ("equal", "modified", "inserted", "deleted", "moved", "split", "merged", "renumbered")
TOOLS = ("resdiff", "difflib", "dmp", "fast-dmp")
TOOL_TITLES = {
    "resdiff": "resdiff compare (JSON)",
    "difflib": "difflib.HtmlDiff.make_file",
    "dmp": "diff-match-patch (Python)",
    "fast-dmp": "fast-diff-match-patch (C++)",
}
SEED = 20251129
SYNTHETIC_BYTES = 2 * MB

TARGET_28K_S = 0.030
TARGET_200K_S = 0.120  # issue #16 (was 250 ms)
TARGET_2M_S = 3.0
TARGET_2M_RSS_MB = 500.0
TARGET_GROWTH = 15.0
TARGET_CLASSIFY_SHARE = 0.30


# --------------------------------------------------------------------------- workers


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def vmhwm_kib() -> int | None:
    """Peak resident set of this process's own address space (Linux /proc), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def worker(tool: str, old: str, new: str, out: str) -> None:
    """Run one measured case and write its timings as JSON to `out`."""
    clock = time.perf_counter
    t_import = clock()
    result: dict[str, Any] = {"tool": tool}
    if tool == "resdiff":
        ensure_repo_on_path()
        # By name: diffcore loads its modules on first use, which belongs to the imports.
        from diffcore import compare, load
        from diffcore.classify import classified
        from renderers import comparison_json

        result["import_s"] = clock() - t_import
        t0 = clock()
        a, b = load(old), load(new)
        t1 = clock()
        cmp = compare(a, b)
        t2 = clock()
        cmp = classified(cmp)
        t2c = clock()
        text = comparison_json.render(cmp)
        t3 = clock()
        result["stages"] = {
            "load": t1 - t0,
            "compare": t2 - t1,
            "classify": t2c - t2,
            "json": t3 - t2c,
        }
        result["paragraphs"] = [len(a.paragraphs), len(b.paragraphs)]
        result["summary"] = cmp.summary
        result["output_chars"] = len(text)
    elif tool == "difflib":
        import difflib

        t0 = clock()
        html = difflib.HtmlDiff().make_file(_read(old).splitlines(), _read(new).splitlines())
        t3 = clock()
        result["output_chars"] = len(html)
    elif tool == "dmp":
        from diff_match_patch import diff_match_patch

        t0 = clock()
        engine = diff_match_patch()
        diffs = engine.diff_main(_read(old), _read(new))
        t1 = clock()
        engine.diff_cleanupSemantic(diffs)
        t3 = clock()
        result["stages"] = {"diff_main": t1 - t0, "cleanup": t3 - t1}
        result["ops"] = len(diffs)
    elif tool == "fast-dmp":
        from fast_diff_match_patch import diff

        t0 = clock()
        diffs = diff(_read(old), _read(new), counts_only=False)
        t3 = clock()
        result["ops"] = len(diffs)
    elif tool == "python":  # the floor: interpreter plus resdiff imports, no work
        ensure_repo_on_path()
        from diffcore import compare, load
        from renderers import comparison_json

        t0 = t3 = clock()
    else:
        raise SystemExit(f"unknown tool {tool}")
    result["seconds"] = t3 - t0
    result["self_maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["vmhwm_kib"] = vmhwm_kib()
    Path(out).write_text(json.dumps(result))


def run_case(tool: str, old: Path, new: Path, timeout: float) -> dict[str, Any]:
    """One fresh subprocess; returns the worker's result plus the child's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="resdiff-bench-") as tmp:
        out = Path(tmp) / "result.json"
        err_path = Path(tmp) / "stderr"
        cmd = [sys.executable, SCRIPT, "--worker", tool, str(old), str(new), str(out)]
        with open(err_path, "wb") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO_ROOT)
            start = time.monotonic()
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > timeout:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    proc.returncode = -9
                    return {"tool": tool, "timeout": True, "seconds": float("inf")}
                time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or not out.exists():
            raise SystemExit(
                f"bench_compare: {tool} on {old.name} failed (exit {proc.returncode}):\n"
                + err_path.read_text(errors="replace")[-2000:]
            )
        result: dict[str, Any] = json.loads(out.read_text())
        result["maxrss_kib"] = usage.ru_maxrss  # KiB on Linux
        return result


# --------------------------------------------------------------------------- synthetic pair

SUB_LABEL = re.compile(r"\(([a-z]{1,2}|[ivxlc]{1,6})\)$")
KEEP_KINDS = ("preambular", "operative", "subparagraph")


@dataclass(frozen=True)
class Item:
    kind: str  # preambular, operative or subparagraph
    text: str
    label: str = ""  # "a", "ii" for sub-paragraphs
    section: int = 0  # index into the section list


def _items(doc: Any, section: int) -> list[Item]:
    out = []
    for p in doc.paragraphs:
        if p.kind not in KEEP_KINDS or not p.text.strip():
            continue
        label = ""
        if p.kind == "subparagraph":
            m = SUB_LABEL.search(p.number or "")
            if not m:
                continue  # numbered lists inside a paragraph ("7(1)") have no "(x)" label
            label = m.group(1)
        out.append(Item(p.kind, " ".join(p.text.split()), label, section))
    return out


def render_plain(symbols: list[str], items: list[Item]) -> tuple[str, list[str]]:
    """Plain text, one paragraph a line, blank lines between; also the expected kinds."""
    lines: list[str] = []
    kinds: list[str] = []
    current = -1
    number = 0
    for it in items:
        if it.section != current:
            current = it.section
            number = 0
            lines.append(f"Section {current + 1}. {symbols[current]}")
            kinds.append("heading")
        if it.kind == "operative":
            number += 1
            lines.append(f"{number}. {it.text}")
        elif it.kind == "subparagraph":
            lines.append(f"({it.label}) {it.text}")
        else:
            lines.append(it.text)
        kinds.append(it.kind)
    return "\n\n".join(lines) + "\n", kinds


def _edit_words(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, max(1, len(words) // 10))):
        roll = rng.random()
        pos = rng.randrange(len(words))
        if roll < 0.6:
            words[pos] = rng.choice(vocabulary)
        elif roll < 0.8 and len(words) > 3:
            del words[pos]
        else:
            words.insert(pos, rng.choice(vocabulary))
    edited = " ".join(words)
    return edited if edited != text else text + " " + rng.choice(vocabulary)


def build_synthetic(outdir: Path, target: int = SYNTHETIC_BYTES, seed: int = SEED) -> dict:
    """Write old.txt / new.txt (~`target` bytes) into `outdir` and describe them.

    Old: real documents of ../shared/corpus/text in a seeded random order, each read with
    diffcore.load and written back as plain text until the file reaches `target` bytes.
    Every source document becomes one section, "Section K. <symbol>", followed by its
    preambular paragraphs as they are, its operative paragraphs numbered "N. text"
    (from 1 in every section: the reader accepts at most three-digit numbers, so one
    running count over ~2 MB would not parse) and its sub-paragraphs as "(a) text".
    Headings, free text and footnotes of the sources are left out.

    New: the same items with seeded edits: ~10% of paragraphs get 1..(words/10) word
    edits (60% replace, 20% delete, 20% insert a word taken from the corpus), ~2% are
    deleted, ~1% are moved to a random other position unchanged, and ~2% paragraphs
    of documents not used in old are inserted at random positions. Operative numbers
    are assigned after the edits, as a revised document would print them.
    """
    ensure_repo_on_path()
    import diffcore

    rng = random.Random(seed)
    files = require_corpus()
    rng.shuffle(files)
    symbols: list[str] = []
    items: list[Item] = []
    size = 0
    used = 0
    for path in files:
        used += 1
        doc = diffcore.load(str(path))
        got = _items(doc, len(symbols))
        if not got:
            continue
        symbol = doc.metadata.symbol or path.stem
        symbols.append(symbol)
        items.extend(got)
        size += len(f"Section {len(symbols)}. {symbol}\n\n".encode())
        size += sum(len(it.text.encode()) + 10 for it in got)
        if size >= target:
            break
    old_text, old_kinds = render_plain(symbols, items)

    old_texts = {it.text for it in items}
    pool: list[Item] = []
    vocabulary: list[str] = []
    for path in files[used : used + 40]:
        for it in _items(diffcore.load(str(path)), 0):
            vocabulary.extend(w for w in it.text.split() if w.isalpha())
            if it.kind != "subparagraph" and it.text not in old_texts:
                pool.append(it)

    n = len(items)
    order = list(range(n))
    rng.shuffle(order)
    n_mod, n_del, n_move, n_ins = (round(n * f) for f in (0.10, 0.02, 0.01, 0.02))
    modified = set(order[:n_mod])
    deleted = set(order[n_mod : n_mod + n_del])
    moved = order[n_mod + n_del : n_mod + n_del + n_move]
    moved_set = set(moved)

    new_items: list[Item] = []
    for i, it in enumerate(items):
        if i in deleted or i in moved_set:
            continue
        if i in modified:
            it = replace(it, text=_edit_words(it.text, rng, vocabulary))
        new_items.append(it)

    def place(it: Item) -> None:
        """Insert at a random place of a random section, in the preamble if preambular,
        after the first operative paragraph otherwise, as a drafter would."""
        j = rng.randrange(len(new_items))
        section = new_items[j].section
        start = j
        while start > 0 and new_items[start - 1].section == section:
            start -= 1
        end = j
        while end < len(new_items) and new_items[end].section == section:
            end += 1
        first_op = next((k for k in range(start, end) if new_items[k].kind != "preambular"), end)
        if it.kind == "preambular":
            j = rng.randint(start, first_op)
        elif first_op < end:
            j = rng.randint(first_op + 1, end)
        else:
            j = end
        new_items.insert(j, replace(it, section=section))

    for i in moved:
        place(items[i])
    for it in rng.sample(pool, n_ins):
        place(it)
    new_text, new_kinds = render_plain(symbols, new_items)

    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "old.txt").write_text(old_text, encoding="utf-8")
    (outdir / "new.txt").write_text(new_text, encoding="utf-8")

    # Does it read back as written? Paragraph counts and kinds, position by position.
    fidelity = {}
    for name, kinds in (("old", old_kinds), ("new", new_kinds)):
        doc = diffcore.load(str(outdir / f"{name}.txt"))
        got_kinds = [p.kind for p in doc.paragraphs]
        fidelity[name] = {
            "format": doc.source_format,
            "written": len(kinds),
            "read": len(got_kinds),
            "kind_mismatches": sum(a != b for a, b in zip(kinds, got_kinds, strict=False)),
            "warnings": len(doc.warnings),
        }
    return {
        "seed": seed,
        "documents": len(symbols),
        "old_bytes": len(old_text.encode()),
        "new_bytes": len(new_text.encode()),
        "paragraphs_old": n,
        "paragraphs_new": len(new_items),
        "edits": {"modified": n_mod, "deleted": n_del, "moved": n_move, "inserted": n_ins},
        "fidelity": fidelity,
    }


# --------------------------------------------------------------------------- pairs


@dataclass
class Pair:
    name: str
    old: Path
    new: Path
    note: str = ""


def _size(path: Path) -> int:
    return path.stat().st_size


def pick_200k() -> Pair:
    old, new = TEXT_DIR / "A_80_L.17.txt", TEXT_DIR / "A_RES_80_109.txt"
    if old.exists() and new.exists() and 150_000 <= (_size(old) + _size(new)) / 2 <= 250_000:
        return Pair("200 KB", old, new)
    chains = json.loads(CHAINS_PATH.read_text(encoding="utf-8"))
    best: tuple[float, Path, Path] | None = None
    for chain in chains:
        by_symbol = {v["symbol"]: v for v in chain["versions"]}
        draft = by_symbol.get(chain.get("adopted_from", ""))
        adopted = next((v for v in chain["versions"] if v["role"] == "adopted"), None)
        if not draft or not adopted or not (draft["text"] and adopted["text"]):
            continue
        a = TEXT_DIR / (draft["symbol"].replace("/", "_") + ".txt")
        b = TEXT_DIR / (adopted["symbol"].replace("/", "_") + ".txt")
        if a.exists() and b.exists():
            gap = abs((_size(a) + _size(b)) / 2 - 200_000)
            if best is None or gap < best[0]:
                best = (gap, a, b)
    if best is None:
        sys.exit("bench_compare: no draft -> adopted pair in chains.json")
    return Pair("200 KB", best[1], best[2], "A/80/L.17 -> A/RES/80/109 not ~200 KB; closest")


# --------------------------------------------------------------------------- report


def _share(runs: list[dict[str, Any]]) -> float:
    """Classification time over the rest of compare (load, align, word diff, JSON), the
    medians of the same runs: side by side, so machine load weighs on both alike."""
    classify = median([r["stages"]["classify"] for r in runs])
    rest = median([sum(v for k, v in r["stages"].items() if k != "classify") for r in runs])
    return classify / rest if rest else 0.0


def fmt_time(values: list[float], runs: int) -> str:
    if any(v == float("inf") for v in values):
        return "timeout"
    m = median(values)
    text = f"{m * 1000:.0f} ms" if m < 1 else f"{m:.2f} s" if m < 10 else f"{m:.1f} s"
    if len(values) < runs:
        text += f" (n={len(values)})"
    return text


def verdict(ok: bool) -> str:
    return "MET" if ok else "**MISSED**"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--quick", action="store_true", help="3 runs, 28 KB and 200 KB pairs only")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="stop a case once its runs add up to this (s)"
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="kill a run after this (s)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the synthetic pair here")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results here")
    parser.add_argument("--worker", nargs=4, metavar=("TOOL", "OLD", "NEW", "OUT"), help=SUPPRESS)
    parser.add_argument("--build", type=Path, metavar="DIR", help=SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        worker(*args.worker)
        return 0
    if args.build:
        print(json.dumps(build_synthetic(args.build)))
        return 0

    require_corpus()
    print("# Compare benchmark")
    print()
    print_facts()

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="resdiff-bench-synthetic-"))
    try:
        return measure(args, tmp)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


def measure(args: argparse.Namespace, tmp: Path) -> int:
    if args.quick:
        args.runs = min(args.runs, 3)
    # The synthetic pair is built in a child, so this process never holds it.
    built = (
        None
        if args.quick
        else subprocess.run(
            [sys.executable, SCRIPT, "--build", str(tmp)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
        )
    )
    synth = json.loads(built.stdout) if built else None
    pairs = [
        Pair("28 KB", TEXT_DIR / "A_80_L.8.txt", TEXT_DIR / "A_RES_80_9.txt"),
        Pair(
            "28 KB changed",
            TEXT_DIR.parent / "seed" / "A_RES_72_1.ods.txt",
            TEXT_DIR / "A_RES_80_9.txt",
            "A/RES/72/1 (2017) -> A/RES/80/9 (2025): 54 changed paragraphs",
        ),
        pick_200k(),
        Pair("2 MB", tmp / "old.txt", tmp / "new.txt", "synthetic, see below"),
    ]
    if args.quick:  # the two draft -> adopted pairs; the changed pair costs dmp seconds
        pairs = [p for p in pairs if p.name in ("28 KB", "200 KB")]
    for p in pairs:
        if not (p.old.exists() and p.new.exists()):
            sys.exit(f"bench_compare: missing {p.old} or {p.new}")

    print(f"- runs per case: {args.runs} (median reported), budget {args.budget:.0f} s a case")
    print()
    print(table(["pair", "old", "new", "note"], [pair_row(p) for p in pairs]))
    print()
    if synth is not None:
        print(synthetic_description(synth))
        print()

    cases = [(p.name, tool) for p in pairs for tool in TOOLS] + [("-", "python")]
    results: dict[tuple[str, str], list[dict[str, Any]]] = {c: [] for c in cases}
    spent: dict[tuple[str, str], float] = {c: 0.0 for c in cases}
    by_name = {p.name: p for p in pairs}
    anchor = pairs[0]
    for r in range(args.runs):
        for case in cases:
            if results[case] and spent[case] >= args.budget:
                continue
            pair = by_name.get(case[0], anchor)
            res = run_case(case[1], pair.old, pair.new, args.timeout)
            results[case].append(res)
            spent[case] += res["seconds"]
        print(f"round {r + 1}/{args.runs} done", file=sys.stderr, flush=True)

    print(report(args, pairs, results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "pairs": [pair_row(p) for p in pairs],
                    "synthetic": synth,
                    "results": {f"{k[0]}|{k[1]}": v for k, v in results.items()},
                },
                indent=2,
            )
        )
    return 0


def pair_row(p: Pair) -> list[str]:
    def label(path: Path) -> str:
        return f"{path.name} ({_size(path) / 1000:.0f} KB)"

    return [p.name, label(p.old), label(p.new), p.note]


def synthetic_description(s: dict) -> str:
    e = s["edits"]
    fid = "; ".join(
        f"{k}: {v['written']} paragraphs written, {v['read']} read back as {v['format']}, "
        f"{v['kind_mismatches']} with another kind"
        for k, v in s["fidelity"].items()
    )
    return (
        f"Synthetic 2 MB pair (seed {s['seed']}): {s['documents']} real documents read with "
        f"diffcore.load and written as plain text, one paragraph a line, blank lines between, "
        f"one section per document ('Section K. <symbol>', operative paragraphs 'N. text' "
        f"numbered from 1 in each section, sub-paragraphs '(a) text'); old "
        f"{s['old_bytes'] / MB:.2f} MB, {s['paragraphs_old']} paragraphs; new "
        f"{s['new_bytes'] / MB:.2f} MB, {s['paragraphs_new']} paragraphs. Edits in new: "
        f"{e['modified']} paragraphs with changed words, {e['deleted']} deleted, "
        f"{e['moved']} moved, {e['inserted']} inserted from other documents. "
        f"Read-back check: {fid}."
    )


def report(
    args: argparse.Namespace, pairs: list[Pair], results: dict[tuple[str, str], list[dict]]
) -> str:
    def times(pair: str, tool: str) -> list[float]:
        return [r["seconds"] for r in results[(pair, tool)]]

    def finished(pair: str, tool: str) -> list[dict]:
        return [r for r in results[(pair, tool)] if not r.get("timeout")]

    def rss_mb(pair: str, tool: str) -> float:
        done = finished(pair, tool)  # a run killed at --timeout reports no memory
        return max(r.get("vmhwm_kib") or r["maxrss_kib"] for r in done) / 1024 if done else nan

    def ru_mb(pair: str, tool: str) -> float:
        done = finished(pair, tool)
        return max(r["maxrss_kib"] for r in done) / 1024 if done else nan

    nan = float("nan")
    out: list[str] = []
    out.append("## Time (median of the runs; each run a fresh process)")
    out.append("")
    rows = []
    for p in pairs:
        row = [p.name]
        for tool in TOOLS:
            row.append(fmt_time(times(p.name, tool), args.runs))
        rows.append(row)
    out.append(table(["pair", *(TOOL_TITLES[t] for t in TOOLS)], rows))
    out.append("")
    out.append("## Peak RSS (largest over the runs, MiB)")
    out.append("")
    floor = rss_mb("-", "python")
    rows = [
        [p.name, *(f"{rss_mb(p.name, t):.0f} ({ru_mb(p.name, t):.0f})" for t in TOOLS)]
        for p in pairs
    ]
    out.append(table(["pair", *(TOOL_TITLES[t] for t in TOOLS)], rows))
    out.append("")
    out.append(
        "First figure: the child's VmHWM (/proc/self/status at its end), the peak of its own "
        "address space. In brackets: ru_maxrss from os.wait4 (what RUSAGE_CHILDREN reports). "
        "Linux carries the spawning process's high-water mark into the child's ru_maxrss at "
        "exec, so that figure can never be below this orchestrator's own peak "
        f"({resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB); where the "
        "two differ, VmHWM is the child's real peak."
    )
    out.append("")
    out.append(
        f"Floor: python with diffcore and renderers imported, doing nothing: {floor:.0f} MiB."
    )
    out.append("")
    out.append("## resdiff stages (median, ms) and result")
    out.append("")
    rows = []
    for p in pairs:
        rs = results[(p.name, "resdiff")]
        st = {k: median([r["stages"][k] for r in rs]) * 1000 for k in rs[0]["stages"]}
        s = rs[0]["summary"]
        rows.append(
            [
                p.name,
                f"{median([r['import_s'] for r in rs]) * 1000:.0f}",
                f"{st['load']:.0f}",
                f"{st['compare']:.0f}",
                f"{st['classify']:.0f} ({_share(rs):.0%})",
                f"{st['json']:.0f}",
                f"{median(times(p.name, 'resdiff')) * 1000:.0f}",
                f"{min(times(p.name, 'resdiff')) * 1000:.0f}",
                "/".join(str(x) for x in rs[0]["paragraphs"]),
                ", ".join(f"{s[k]} {k}" for k in CHANGE_OPS if s.get(k)),
            ]
        )
    out.append(
        table(
            [
                "pair",
                "imports (excluded)",
                "load both",
                "align + word diff",
                "classify (share of the rest)",
                "JSON",
                "total",
                "best",
                "paragraphs old/new",
                "classified",
            ],
            rows,
        )
    )
    out.append("")

    t28 = median(times("28 KB", "resdiff"))
    t200 = median(times("200 KB", "resdiff"))
    d200 = times("200 KB", "difflib")
    big = any(p.name == "2 MB" for p in pairs)
    t2m = median(times("2 MB", "resdiff")) if big else float("nan")
    growth = t2m / t200
    if big:
        out.append(f"Growth time(2 MB) / time(200 KB) for resdiff: {growth:.1f}")
        out.append("")
    out.append("## Targets")
    out.append("")
    b28, b200 = (min(times(p, "resdiff")) for p in ("28 KB", "200 KB"))
    b2m = min(times("2 MB", "resdiff")) if big else float("nan")
    out.append(
        "Verdicts use the medians; the best run is in brackets. "
        f"loadavg (1/5/15 min) at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}."
    )
    out.append("")
    rows = [
        [
            "28 KB <= 30 ms",
            f"{t28 * 1000:.0f} ms ({b28 * 1000:.0f} ms)",
            verdict(t28 <= TARGET_28K_S),
        ],
        [
            "200 KB <= 120 ms",
            f"{t200 * 1000:.0f} ms ({b200 * 1000:.0f} ms)",
            verdict(t200 <= TARGET_200K_S),
        ],
        [
            "200 KB faster than difflib.HtmlDiff",
            f"{t200 * 1000:.0f} ms vs {median(d200) * 1000:.0f} ms",
            verdict(t200 < median(d200)),
        ],
        [
            "200 KB: classification adds <= 30% to compare",
            f"{_share(results[('200 KB', 'resdiff')]):.0%}",
            verdict(_share(results[("200 KB", "resdiff")]) <= TARGET_CLASSIFY_SHARE),
        ],
    ]
    if big:
        rows += [
            ["2 MB <= 3 s", f"{t2m:.2f} s ({b2m:.2f} s)", verdict(t2m <= TARGET_2M_S)],
            [
                "2 MB peak RSS <= 500 MB",
                f"{rss_mb('2 MB', 'resdiff') * 1.048576:.0f} MB (VmHWM)",
                verdict(rss_mb("2 MB", "resdiff") * 1.048576 <= TARGET_2M_RSS_MB),
            ],
            ["growth 2 MB / 200 KB <= 15", f"{growth:.1f}", verdict(growth <= TARGET_GROWTH)],
        ]
    out.append(table(["target", "measured", "verdict"], rows))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())

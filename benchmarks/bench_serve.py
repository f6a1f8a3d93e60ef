"""Load test of `resdiff serve` (issue #14, point 4): concurrent clients, bounded time.

    .venv/bin/python benchmarks/bench_serve.py                # 8 clients, 30 s a scenario
    .venv/bin/python benchmarks/bench_serve.py --seconds 5    # a quick look

Starts the real server (a subprocess on a free localhost port) over a corpus of
evenly spaced texts of ../shared/corpus/text, then runs each scenario for the given
time with N client threads (standard library http.client, a connection a request):

- compare: POST /api/compare with the 28 KB pair A/80/L.8 -> A/RES/80/9 (JSON answer);
- corpus list: GET /corpus, the HTML list page of the whole corpus;
- search: GET /api/search for a phrase common in resolutions (resdiff.search/1 JSON).

It prints, per scenario, requests, errors (any status but 200, or a failed
connection), throughput, median and p95 latency, and the server's resident memory
after a warm-up of the same load and after the run: with results kept in a bounded
store, memory should stay flat.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus

from _common import REPO_ROOT, TEXT_DIR, print_facts, require_corpus
from serve_client import Server, multipart, request, start

OLD = TEXT_DIR / "A_80_L.8.txt"
NEW = TEXT_DIR / "A_RES_80_9.txt"
Call = Callable[[Server], int]
PHRASE = "in accordance with international law"


@dataclass(frozen=True)
class Outcome:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    rss_before: int
    rss_after: int


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def compare_call() -> Call:
    body, content_type = multipart(
        {}, {"old": (OLD.name, OLD.read_bytes()), "new": (NEW.name, NEW.read_bytes())}
    )

    def call(server: Server) -> int:
        status, _, _ = request(server, "POST", "/api/compare", body, {"Content-Type": content_type})
        return status

    return call


def list_call(server: Server) -> int:
    status, _, _ = request(server, "GET", "/corpus")
    return status


def search_call(server: Server) -> int:
    status, _, _ = request(server, "GET", "/api/search?q=" + quote_plus(PHRASE))
    return status


def run(server: Server, call: Call, clients: int, seconds: float, warmup: float) -> Outcome:
    """`clients` threads calling for `seconds`, after a warm-up with the same threads
    (so the server's worker threads, their allocator arenas and the kept results exist
    before the RSS "before" is read)."""
    if warmup:
        run(server, call, clients, warmup, 0)
    before = rss_kb(server.proc.pid)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                ok = call(server) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += not ok

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - began
    return Outcome(len(latencies), errors, took, latencies, before, rss_kb(server.proc.pid))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--documents", type=int, default=200, help="corpus size")
    parser.add_argument("--warmup", type=float, default=15.0, help="seconds before RSS 'before'")
    args = parser.parse_args()
    files = require_corpus()
    print_facts()
    step = max(1, len(files) // args.documents)
    chosen = files[::step][: args.documents]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.sqlite"
        subprocess.run(
            [sys.executable, "-m", "cli", "corpus", "add", "-q", "--db", str(db)]
            + [str(f) for f in chosen],
            cwd=REPO_ROOT,
            check=True,
        )
        with start("--db", str(db)) as server:
            print(
                f"\n{len(chosen)} documents in the corpus; {args.clients} clients, "
                f"{args.seconds:g} s a scenario, after {args.warmup:g} s of warm-up\n"
            )
            print(
                "| scenario | requests | errors | req/s | median ms | p95 ms | "
                "server RSS before -> after (MB) |"
            )
            print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
            scenarios = (
                ("compare 28 KB pair", compare_call()),
                ("corpus list", list_call),
                (f"search '{PHRASE}'", search_call),
            )
            for name, call in scenarios:
                out = run(server, call, args.clients, args.seconds, args.warmup)
                print(
                    f"| {name} | {out.requests} | {out.errors} | "
                    f"{out.requests / out.seconds:.1f} | "
                    f"{statistics.median(out.latencies) * 1000:.0f} | "
                    f"{p95(out.latencies) * 1000:.0f} | "
                    f"{out.rss_before / 1024:.0f} -> {out.rss_after / 1024:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()

"""cProfile of the whole resdiff compare (load both, compare, JSON) on the benchmark pairs.

    .venv/bin/python benchmarks/profile_compare.py [28k] [200k] [2m] [--limit 20]

For each pair, in a fresh process per pair (as bench_compare measures it: imports done,
caches such as the stemmer's lru_cache still cold), one profiled call; with --warm, one
unprofiled call first. Prints the top functions by cumulative time and by own time
(tottime). The 2 MB pair is the synthetic pair of bench_compare.py, same seed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import TEXT_DIR, ensure_repo_on_path, require_corpus
from bench_compare import build_synthetic, pick_200k

ensure_repo_on_path()
from diffcore import compare, load  # noqa: E402  (by name: loads the modules now)
from renderers import comparison_json  # noqa: E402


def whole_compare(old: str, new: str) -> str:
    return comparison_json.render(compare(load(old), load(new)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", default=["28k", "200k", "2m"])
    parser.add_argument("--limit", type=int, default=20)
    parser.add_argument("--warm", action="store_true", help="one unprofiled call first")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if len(args.pairs) > 1 and not args.one:
        # One child per pair, so no pair warms the caches of the next.
        extra = ["--limit", str(args.limit)] + (["--warm"] if args.warm else [])
        for name in args.pairs:
            subprocess.run([sys.executable, __file__, name, "--one", *extra], check=True)
        return 0
    require_corpus()

    with tempfile.TemporaryDirectory(prefix="resdiff-profile-") as tmp:
        pairs = {
            "28k": (TEXT_DIR / "A_80_L.8.txt", TEXT_DIR / "A_RES_80_9.txt"),
            "200k": (pick_200k().old, pick_200k().new),
        }
        if "2m" in args.pairs:
            # Built in this process: the stemmer is not used by diffcore.load, so the
            # profiled compare still starts with a cold stemmer cache.
            build_synthetic(Path(tmp))
            pairs["2m"] = (Path(tmp) / "old.txt", Path(tmp) / "new.txt")
        for name in args.pairs:
            old, new = pairs[name]
            if args.warm:
                whole_compare(str(old), str(new))
            prof = cProfile.Profile()
            prof.enable()
            whole_compare(str(old), str(new))
            prof.disable()
            for key in ("cumulative", "tottime"):
                buf = io.StringIO()
                stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key)
                stats.print_stats(args.limit)
                print(f"=== {name}: {old.name} -> {new.name}, sorted by {key} ===")
                print(buf.getvalue().split("\n", 4)[-1].strip("\n"))
                print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

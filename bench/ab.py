"""Benchmark: the same renders from two versions of the code, in alternating rounds.

This machine's speed drifts (by up to 2x within minutes), so figures taken an hour apart
cannot show a change of 10-30%. This checks out ``BASE`` (a git ref) into a temporary
worktree and runs ``bench/render.py`` on it and on this checkout in turn, ``--rounds`` times,
against the same database; each version keeps its worker caches in its own Redis database.
Prints, per page, the best median of the rounds (warm and cold) and the query counts of both.

Usage: .venv/bin/python bench/ab.py BASE [--rounds 3] [--runs 100] [PATH …]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^(\S+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+([\d.]+)\s+(\d+)")


def render(code: Path, runs: int, paths: list[str], cache_db: int) -> dict[str, tuple[float, int, float, int]]:
    """path -> (warm median ms, queries, cold median ms, cold queries), from one render.py run."""
    env = {**os.environ, "CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}", "VAR_DIR": str(ROOT / "var" / "prod")}
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "render.py"), "--code", str(code), "--runs", str(runs), "--rounds", "1", *paths],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    figures = {}
    for line in output.splitlines():
        if match := LINE.match(line):
            path, warm, _p95, queries, cold, cold_queries = match.groups()
            figures[path] = (float(warm), int(queries), float(cold), int(cold_queries))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the git ref to compare this checkout with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("paths", nargs="*")
    args = parser.parse_intermixed_args()

    with tempfile.TemporaryDirectory(prefix="spd-ab-") as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(base_tree), args.base], check=True)
        try:
            rounds: dict[str, list[dict]] = {"base": [], "head": []}
            for number in range(1, args.rounds + 1):
                print(f"round {number} of {args.rounds} …", file=sys.stderr, flush=True)
                rounds["base"].append(render(base_tree, args.runs, args.paths, cache_db=5))
                rounds["head"].append(render(ROOT, args.runs, args.paths, cache_db=1))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_tree)], check=True)

    print(f"{args.base} (base) against this checkout (head): best median of {args.rounds} alternating rounds, "
          f"{args.runs} warm renders each")
    print(f"{'path':44} {'base ms':>8} {'head ms':>8} {'change':>7} {'base q':>6} {'head q':>6} "
          f"{'cold base':>9} {'cold head':>9} {'cold q':>7}")
    for path in rounds["head"][0]:
        if path not in rounds["base"][0]:
            continue
        base_warm = min(r[path][0] for r in rounds["base"])
        head_warm = min(r[path][0] for r in rounds["head"])
        base_cold = min(r[path][2] for r in rounds["base"])
        head_cold = min(r[path][2] for r in rounds["head"])
        base_q, head_q = rounds["base"][0][path][1], rounds["head"][0][path][1]
        cold_q = f"{rounds['base'][0][path][3]}->{rounds['head'][0][path][3]}"
        print(f"{path[:44]:44} {base_warm:8.2f} {head_warm:8.2f} {(head_warm / base_warm - 1) * 100:+6.0f}% "
              f"{base_q:6d} {head_q:6d} {base_cold:9.2f} {head_cold:9.2f} {cold_q:>7}")


if __name__ == "__main__":
    main()

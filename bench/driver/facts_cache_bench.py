#!/usr/bin/env python3
"""Whole-program facts and the cache on the driver bench (bench/driver/README.md).

`python3 bench/driver/facts_cache_bench.py [--build build] [--tus 12] [--functions 30] [--reps 2]`
generates the TUs of run_bench.py and measures, under /usr/bin/time -v:

1. a cold run with facts recorded against one without (CTXGUARD_FACTS=off:
   each TU alone, as before facts crossed TUs): wall, CPU and peak RSS,
   interleaved, medians;
2. the cache: a cold run into an empty --cache, a rerun with no change, and
   a rerun after editing one .cpp, as ratios of the cold run, with what the
   driver says it replayed and analysed;
3. with --cross, the same TUs calling one helper of the previous TU, so
   that every TU's findings depend on facts of another: what that costs a
   cold run, and how many TUs are analysed again (none: each TU is parsed
   once, its open findings decided when every TU is done).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_bench import generate  # noqa: E402

CROSS = """
ctx::Error step_{p}_0(const ctx::Context &parent, int n);
ctx::Error chained_{t}(const ctx::Context &parent, bool early) {{
  auto [c, cancel] = ctx::with_cancel(parent);
  ctx::Error err = step_{p}_0(c, 1);
  cancel();
  return err;
}}
"""


def run(ctxguard, out_dir, extra, env=None):
    cmd = ["/usr/bin/time", "-v", ctxguard, "-p", out_dir, "-j", "2", "--format", "json",
           "-o", os.path.join(out_dir, "report.json")] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if proc.returncode not in (0, 1):
        sys.exit(f"ctxguard failed ({proc.returncode}):\n{proc.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", proc.stderr).group(1))
              for k in ("User", "System"))
    said = re.search(r"ctxguard: (.*analysed again.*)", proc.stderr)
    return seconds, cpu, rss / 1024, said.group(1) if said else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--tus", type=int, default=12)
    ap.add_argument("--functions", type=int, default=30)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--cross", action="store_true")
    args = ap.parse_args()
    ctxguard = os.path.join(os.path.abspath(args.build), "bin", "ctxguard")
    out_dir = os.path.join(os.path.abspath(args.build), "bench-facts")
    shutil.rmtree(out_dir, ignore_errors=True)
    generate(out_dir, args.tus, args.functions)
    if args.cross:
        for t in range(args.tus):
            with open(os.path.join(out_dir, f"tu_{t:03}.cpp"), "a") as f:
                f.write(CROSS.format(t=t, p=(t + args.tus - 1) % args.tus))

    print(f"## facts and cache ({args.tus} TUs x {args.functions} functions"
          f"{', cross-TU calls' if args.cross else ''}, -j2, load "
          f"{os.getloadavg()[0]:.1f})\n")
    cold = {"off": [], "on": []}
    for _ in range(args.reps):
        for mode in ("off", "on"):
            cold[mode].append(run(ctxguard, out_dir, [], {"CTXGUARD_FACTS": mode}))
    print("| cold run | wall (s) | CPU (s) | peak RSS (MiB) | driver says |")
    print("|---|---|---|---|---|")
    for mode in ("off", "on"):
        rows = cold[mode]
        print(f"| facts {mode} | {statistics.median(r[0] for r in rows):.2f} | "
              f"{statistics.median(r[1] for r in rows):.2f} | {max(r[2] for r in rows):.0f} | "
              f"{rows[-1][3]} |")
    off_cpu = statistics.median(r[1] for r in cold["off"])
    on_cpu = statistics.median(r[1] for r in cold["on"])
    print(f"\nrecording facts: CPU {100 * (on_cpu / off_cpu - 1):+.1f}% "
          f"(wall {100 * (statistics.median(r[0] for r in cold['on']) / statistics.median(r[0] for r in cold['off']) - 1):+.1f}%)\n")

    cache = os.path.join(out_dir, "cache")
    first = run(ctxguard, out_dir, [f"--cache={cache}"])
    same = run(ctxguard, out_dir, [f"--cache={cache}"])
    with open(os.path.join(out_dir, "tu_000.cpp"), "a") as f:
        f.write("// an edit\n")
    edited = run(ctxguard, out_dir, [f"--cache={cache}"])
    print("| cache | wall (s) | CPU (s) | / cold wall | / cold CPU | driver says |")
    print("|---|---|---|---|---|---|")
    for name, r in (("cold, empty cache", first), ("no change", same), ("one .cpp edited", edited)):
        print(f"| {name} | {r[0]:.2f} | {r[1]:.2f} | {r[0] / first[0]:.2f} | "
              f"{r[1] / first[1]:.2f} | {r[3]} |")


if __name__ == "__main__":
    main()

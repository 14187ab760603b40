#!/usr/bin/env python3
"""Measures what the ctx-* checks add to parsing, as a report (never a test).

For each generated TU it times, in one run and interleaved so that machine
noise hits every variant alike:
  clang++-22 -fsyntax-only                 (the parse alone)
  clang-tidy-22 --checks=-*,ctx-*          (all checks)
  clang-tidy-22 --checks=-*,ctx-<check>    (each check alone)
and reports medians and ratios against the parse, plus clang-tidy's own
per-check profile (--enable-check-profile, median of the runs), which
isolates each check's matcher, callback and end-of-TU time from the parse.

With --branches N..., it also times one generated function of N branches
(cancels, selects, goroutines in each) per size: the checks' cost against
the size of a function, to show that it grows linearly.

usage: run_bench.py [--build DIR] [--reps N] [--functions N] [--branches N...]
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ["-std=c++20", f"-I{ROOT / 'runtime/include'}"]


def wall(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return elapsed


def list_checks(plugin):
    out = subprocess.run(["clang-tidy-22", f"--load={plugin}", "--checks=-*,ctx-*", "--list-checks"],
                         capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip().startswith("ctx-")]


def profile_once(plugin, tu):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["clang-tidy-22", f"--load={plugin}", "--checks=-*,ctx-*", "--enable-check-profile",
                        f"--store-check-profile={tmp}", str(tu), "--", *FLAGS],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = {}
        for f in Path(tmp).glob("*.json"):
            for key, value in json.loads(f.read_text()).get("profile", {}).items():
                # keys look like "time.clang-tidy.ctx-lost-cancel.user"
                parts = key.split(".")
                if len(parts) >= 4 and parts[-1] == "wall":
                    totals[parts[2]] = totals.get(parts[2], 0.0) + value
        return totals


def profile(plugin, tu, reps):
    """Per-callback median over reps of clang-tidy's profile: each check, and
    the shared analysis core's own matchers ("ctxguard-core"). Facts and CFGs
    the core computes on demand count for the first check that asks."""
    runs = [profile_once(plugin, tu) for _ in range(reps)]
    keys = sorted({k for run in runs for k in run})
    med = {k: statistics.median(run.get(k, 0.0) for run in runs) for k in keys}
    med["all"] = statistics.median(sum(run.values()) for run in runs)
    return med


def scaling(plugin, work, sizes, reps):
    """The checks' cost on one function of n branches, against the parse."""
    subprocess.run([sys.executable, str(Path(__file__).with_name("gen_tus.py")), str(work), "0",
                    "--branches", *map(str, sizes)], check=True)
    print(f"## One function of n branches (median of {reps} runs)\n")
    print("| branches | lines | parse wall (s) | all ctx-* wall (s) | check time in profile (s) "
          "| share of parse | check time per branch (ms) | slowest check |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        tu = work / f"branches_{n}.cpp"
        lines = sum(1 for _ in tu.open())
        parse = ["clang++-22", "-fsyntax-only", *FLAGS, str(tu)]
        tidy = ["clang-tidy-22", f"--load={plugin}", "--quiet", "--checks=-*,ctx-*", str(tu), "--",
                *FLAGS]
        walls = {"parse": [], "tidy": []}
        for _ in range(reps):
            walls["parse"].append(wall(parse))
            walls["tidy"].append(wall(tidy))
        base = statistics.median(walls["parse"])
        prof = profile(plugin, tu, reps)
        total = prof.pop("all")
        top = max(prof, key=prof.get)
        print(f"| {n} | {lines} | {base:.3f} | {statistics.median(walls['tidy']):.3f} | {total:.3f} "
              f"| {100 * total / base:.2f}% | {1000 * total / n:.3f} | {top} {prof[top]:.3f} |")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--functions", type=int, default=3000)
    ap.add_argument("--branches", type=int, nargs="*", default=[],
                    help="also time one function of each of these numbers of branches")
    ap.add_argument("--only-branches", action="store_true",
                    help="time the generated functions only")
    args = ap.parse_args()

    plugin = Path(args.build) / "lib/libctxguard-tidy.so"
    if not plugin.exists():
        sys.exit(f"{plugin} not found: build the plugin first")
    work = Path(args.build) / "bench-checks"
    subprocess.run([sys.executable, str(Path(__file__).with_name("gen_tus.py")), str(work),
                    str(args.functions)], check=True)
    checks = list_checks(plugin)

    print(f"# ctx-* checks: cost over clang++-22 -fsyntax-only (median of {args.reps} runs)\n")
    for name in () if args.only_branches else ("runtime_heavy.cpp", "stl_heavy.cpp"):
        tu = work / name
        lines = sum(1 for _ in tu.open())
        variants = {"parse": ["clang++-22", "-fsyntax-only", *FLAGS, str(tu)]}
        tidy = ["clang-tidy-22", f"--load={plugin}", "--quiet"]
        variants["all ctx-*"] = [*tidy, "--checks=-*,ctx-*", str(tu), "--", *FLAGS]
        for check in checks:
            variants[check] = [*tidy, f"--checks=-*,{check}", str(tu), "--", *FLAGS]
        times = {k: [] for k in variants}
        for _ in range(args.reps):
            for key, cmd in variants.items():
                times[key].append(wall(cmd))
        base = statistics.median(times["parse"])
        prof = profile(plugin, tu, args.reps)
        print(f"## {name} ({lines} lines)\n")
        print("| variant | median wall (s) | ratio to parse | check time in profile (s) | share of parse |")
        print("|---|---|---|---|---|")
        for key, samples in times.items():
            med = statistics.median(samples)
            p = prof.get("all" if key == "all ctx-*" else key)
            pcol = f"{p:.3f}" if p is not None else "-"
            share = f"{100 * p / base:.2f}%" if p is not None else "-"
            print(f"| {key} | {med:.3f} | {med / base:.3f} | {pcol} | {share} |")
        for key in sorted(set(prof) - set(times) - {"all"}):
            print(f"| ({key}) | - | - | {prof[key]:.3f} | {100 * prof[key] / base:.2f}% |")
        print()
    if args.branches:
        scaling(plugin, work, args.branches, args.reps)


if __name__ == "__main__":
    main()

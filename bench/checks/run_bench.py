#!/usr/bin/env python3
"""Measures what the ctx-* checks add to parsing, as a report (never a test).

For each generated TU it times, in one run and interleaved so that machine
noise hits every variant alike:
  clang++-22 -fsyntax-only                 (the parse alone)
  clang-tidy-22 --checks=-*,ctx-*          (all checks)
  clang-tidy-22 --checks=-*,ctx-<check>    (each check alone)
and reports medians and ratios against the parse, plus clang-tidy's own
per-check profile (--enable-check-profile), which isolates matcher and
callback time from the parse.

usage: run_bench.py [--build DIR] [--reps N] [--functions N]
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


def profile(plugin, tu, flags):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["clang-tidy-22", f"--load={plugin}", "--checks=-*,ctx-*", "--enable-check-profile",
                        f"--store-check-profile={tmp}", str(tu), "--", *flags],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals = {}
        for f in Path(tmp).glob("*.json"):
            for key, value in json.loads(f.read_text()).get("profile", {}).items():
                # keys look like "time.clang-tidy.ctx-lost-cancel.user"
                parts = key.split(".")
                if len(parts) >= 4 and parts[-1] == "wall":
                    totals[parts[2]] = totals.get(parts[2], 0.0) + value
        return totals


def grpc_flags(build):
    """The generated stubs' -I and grpc++'s flags, as the fixture harness has them."""
    inc = build / "testdata/harness/ProfileDeps.inc"
    text = inc.read_text() if inc.exists() else ""
    start = text.find("CtxguardGrpcFlags[]")
    return [line.strip().strip(",").strip('"') for line in text[start:].splitlines()[1:]
            if line.strip().startswith('"')] if start >= 0 else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--functions", type=int, default=3000)
    ap.add_argument("--profile-only", action="store_true",
                    help="only the parse and the checks' profile (no wall time per check)")
    ap.add_argument("--tus", default="runtime_heavy.cpp,stl_heavy.cpp,profiles_heavy.cpp",
                    help="the generated TUs to measure, comma-separated")
    args = ap.parse_args()

    plugin = Path(args.build) / "lib/libctxguard-tidy.so"
    if not plugin.exists():
        sys.exit(f"{plugin} not found: build the plugin first")
    work = Path(args.build) / "bench-checks"
    subprocess.run([sys.executable, str(Path(__file__).with_name("gen_tus.py")), str(work),
                    str(args.functions)], check=True)
    checks = list_checks(plugin)

    print(f"# ctx-* checks: cost over clang++-22 -fsyntax-only (median of {args.reps} runs)\n")
    for name in args.tus.split(","):
        tu = work / name
        lines = sum(1 for _ in tu.open())
        flags = FLAGS + (grpc_flags(Path(args.build)) if name.startswith("profiles") else [])
        variants = {"parse": ["clang++-22", "-fsyntax-only", *flags, str(tu)]}
        tidy = ["clang-tidy-22", f"--load={plugin}", "--quiet"]
        variants["all ctx-*"] = [*tidy, "--checks=-*,ctx-*", str(tu), "--", *flags]
        for check in [] if args.profile_only else checks:
            variants[check] = [*tidy, f"--checks=-*,{check}", str(tu), "--", *flags]
        if args.profile_only:
            del variants["all ctx-*"]
        times = {k: [] for k in variants}
        for _ in range(args.reps):
            for key, cmd in variants.items():
                times[key].append(wall(cmd))
        base = statistics.median(times["parse"])
        # The profile of a loaded machine moves too: the median of the runs'
        # totals, and each check's median.
        runs = [profile(plugin, tu, flags) for _ in range(args.reps)]
        prof = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in runs[0]} if runs else {}
        total = statistics.median(sum(r.values()) for r in runs) if runs else None
        print(f"## {name} ({lines} lines)\n")
        print("| variant | median wall (s) | ratio to parse | check time in profile (s) | share of parse |")
        print("|---|---|---|---|---|")
        for key, samples in times.items():
            med = statistics.median(samples)
            p = prof.get(key)
            if key == "all ctx-*":
                p = total
            pcol = f"{p:.3f}" if p is not None else "-"
            share = f"{100 * p / base:.2f}%" if p is not None else "-"
            print(f"| {key} | {med:.3f} | {med / base:.3f} | {pcol} | {share} |")
        if args.profile_only and total is not None:
            print(f"| all ctx-* (profile only) | - | - | {total:.3f} | {100 * total / base:.2f}% |")
            for check in checks:
                if check in prof:
                    print(f"| {check} | - | - | {prof[check]:.3f} | {100 * prof[check] / base:.2f}% |")
        print()


if __name__ == "__main__":
    main()

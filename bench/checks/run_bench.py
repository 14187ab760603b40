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

usage: run_bench.py [--build DIR] [--reps N] [--functions N] [--tus NAME...]
                    [--no-single-checks] [--branches N...]
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ["-std=c++20", f"-I{ROOT / 'runtime/include'}"]


def timed(cmd):
    """Runs cmd; returns its wall time and its CPU time (user + system): on a
    machine shared with other work, CPU time is what the load changes least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def list_checks(plugin):
    out = subprocess.run(["clang-tidy-22", f"--load={plugin}", "--checks=-*,ctx-*", "--list-checks"],
                         capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip().startswith("ctx-")]


def profile_once(plugin, tu, flags=FLAGS):
    """clang-tidy's profile of one run: per callback, its wall and CPU
    (user + sys) seconds, matchers, callbacks and end of TU included."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["clang-tidy-22", f"--load={plugin}", "--checks=-*,ctx-*", "--enable-check-profile",
                        f"--store-check-profile={tmp}", str(tu), "--", *flags],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall_s, cpu_s = {}, {}
        for f in Path(tmp).glob("*.json"):
            for key, value in json.loads(f.read_text()).get("profile", {}).items():
                # keys look like "time.clang-tidy.ctx-lost-cancel.user"
                parts = key.split(".")
                if len(parts) < 4:
                    continue
                if parts[-1] == "wall":
                    wall_s[parts[2]] = wall_s.get(parts[2], 0.0) + value
                elif parts[-1] in ("user", "sys"):
                    cpu_s[parts[2]] = cpu_s.get(parts[2], 0.0) + value
        return wall_s, cpu_s


def median_of(runs):
    keys = sorted({k for run in runs for k in run})
    med = {k: statistics.median(run.get(k, 0.0) for run in runs) for k in keys}
    med["all"] = statistics.median(sum(run.values()) for run in runs)
    return med


def profile(plugin, tu, reps, flags=FLAGS):
    """Per-callback medians over reps of clang-tidy's profile, wall and CPU:
    each check, and the shared analysis core's own matchers
    ("ctxguard-core"). Facts and CFGs the core computes on demand count for
    the first check that asks."""
    runs = [profile_once(plugin, tu, flags) for _ in range(reps)]
    return median_of([w for w, _ in runs]), median_of([c for _, c in runs])


def scaling(plugin, work, sizes, reps):
    """The checks' cost on one function of n branches, against the parse."""
    subprocess.run([sys.executable, str(Path(__file__).with_name("gen_tus.py")), str(work), "0",
                    "--branches", *map(str, sizes)], check=True)
    print(f"## One function of n branches (median of {reps} runs)\n")
    print("| branches | lines | parse CPU (s) | check CPU in profile (s) | CPU share of parse "
          "| check CPU per branch (ms) | check wall in profile (s) | slowest check (CPU s) |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        tu = work / f"branches_{n}.cpp"
        lines = sum(1 for _ in tu.open())
        parse = ["clang++-22", "-fsyntax-only", *FLAGS, str(tu)]
        base = statistics.median(timed(parse)[1] for _ in range(reps))
        wall_p, cpu_p = profile(plugin, tu, reps)
        total = cpu_p.pop("all")
        top = max(cpu_p, key=cpu_p.get)
        print(f"| {n} | {lines} | {base:.3f} | {total:.3f} | {100 * total / base:.2f}% "
              f"| {1000 * total / n:.3f} | {wall_p['all']:.3f} | {top} {cpu_p[top]:.3f} |")
    print()


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
    ap.add_argument("--tus", nargs="*", default=["runtime_heavy.cpp", "stl_heavy.cpp"],
                    help="the generated TUs to time (none: only --branches)")
    ap.add_argument("--single-checks", action=argparse.BooleanOptionalAction, default=True,
                    help="also time each check alone (wall); the profile covers every check anyway")
    ap.add_argument("--branches", type=int, nargs="*", default=[],
                    help="also time one function of each of these numbers of branches")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each table as it is measured

    plugin = Path(args.build) / "lib/libctxguard-tidy.so"
    if not plugin.exists():
        sys.exit(f"{plugin} not found: build the plugin first")
    work = Path(args.build) / "bench-checks"
    if args.tus:
        subprocess.run([sys.executable, str(Path(__file__).with_name("gen_tus.py")), str(work),
                        str(args.functions)], check=True)
    checks = list_checks(plugin) if args.single_checks else []

    print(f"# ctx-* checks: cost over clang++-22 -fsyntax-only (median of {args.reps} runs)\n")
    for name in args.tus:
        tu = work / name
        lines = sum(1 for _ in tu.open())
        flags = FLAGS + (grpc_flags(Path(args.build)) if name.startswith("profiles") else [])
        variants = {"parse": ["clang++-22", "-fsyntax-only", *flags, str(tu)]}
        tidy = ["clang-tidy-22", f"--load={plugin}", "--quiet"]
        variants["all ctx-*"] = [*tidy, "--checks=-*,ctx-*", str(tu), "--", *flags]
        for check in checks:
            variants[check] = [*tidy, f"--checks=-*,{check}", str(tu), "--", *flags]
        walls = {k: [] for k in variants}
        cpus = {k: [] for k in variants}
        for _ in range(args.reps):
            for key, cmd in variants.items():
                w, c = timed(cmd)
                walls[key].append(w)
                cpus[key].append(c)
        base_wall = statistics.median(walls["parse"])
        base_cpu = statistics.median(cpus["parse"])
        wall_p, cpu_p = profile(plugin, tu, args.reps, flags)
        print(f"## {name} ({lines} lines)\n")
        print(f"Parse: {base_wall:.3f} s wall, {base_cpu:.3f} s CPU.\n")
        print("| variant | median wall (s) | wall ratio to parse | CPU ratio to parse "
              "| check wall in profile (s) | wall share of parse | check CPU in profile (s) "
              "| CPU share of parse |")
        print("|---|---|---|---|---|---|---|---|")
        rows = list(variants) + [k for k in cpu_p if k not in variants and k != "all"]
        for key in rows:
            pkey = "all" if key == "all ctx-*" else key
            cells = [key if key in variants else f"({key})"]
            if key in variants:
                med_w, med_c = statistics.median(walls[key]), statistics.median(cpus[key])
                cells += [f"{med_w:.3f}", f"{med_w / base_wall:.3f}", f"{med_c / base_cpu:.3f}"]
            else:
                cells += ["-", "-", "-"]
            if pkey in cpu_p and key != "parse":
                cells += [f"{wall_p.get(pkey, 0.0):.3f}", f"{100 * wall_p.get(pkey, 0.0) / base_wall:.2f}%",
                          f"{cpu_p[pkey]:.3f}", f"{100 * cpu_p[pkey] / base_cpu:.2f}%"]
            else:
                cells += ["-", "-", "-", "-"]
            print("| " + " | ".join(cells) + " |")
        print()
    if args.branches:
        scaling(plugin, work, args.branches, args.reps)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How ctx-lost-cancel scales with the cancel sources of one function (a report, never a test).

Generates one function holding N cancel sources (N = 1000, 2000, 4000 by
default): every source is used, and between two sources an early return
leaves the function. Two shapes:
  manual    every cancel is called by hand at the end, so each misses the
            later early returns: N real findings, each with every later
            return to reach;
  deferred  half the cancels are deferred (ctx::Defer), half manual: N/2
            findings. Every early return now runs the destructors of all the
            guards declared before it, so the function's CFG (which lists
            them, as code generation does) holds about N*N/8 elements. Times,
interleaved and in one run, as CPU time (user + sys) so that other work on
the machine does not skew the ratio:
  clang++-22 -fsyntax-only                          (the parse)
  clang-tidy-22 --checks=-*,ctx-lost-cancel          (parse + check)
and prints the check's own CPU time from clang-tidy's profile and its ratio
to the parse.

usage: cancel_scaling.py [--build DIR] [--reps N] [--sizes 1000,2000,4000]
"""
import argparse
import json
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ["-std=c++20", f"-I{ROOT / 'runtime/include'}"]


def source(n, shape):
    deferred = set(range(0, n, 2)) if shape == "deferred" else set()
    lines = ["#include <ctx/ctx.hpp>", "int work(const ctx::Context &c);",
             "int many(const ctx::Context &c) {"]
    for i in range(n):
        lines.append(f"  auto [c{i}, cancel{i}] = ctx::with_cancel(c);")
        if i in deferred:
            lines.append(f"  ctx::Defer d{i}{{cancel{i}}};")
        lines.append(f"  if (work(c{i}) < 0) return -1;")
    lines += [f"  cancel{i}();" for i in range(n) if i not in deferred]
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd):
    start = cpu()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return cpu() - start, proc.stdout


def check_seconds(profile_dir):
    total = 0.0
    for path in Path(profile_dir).glob("*.json"):
        profile = json.loads(path.read_text())["profile"]
        total += sum(v for k, v in profile.items()
                     if "ctx-lost-cancel" in k and k.endswith((".user", ".sys")))
        path.unlink()
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--sizes", default="1000,2000,4000")
    args = ap.parse_args()
    plugin = Path(args.build) / "lib" / "libctxguard-tidy.so"
    print("| shape | sources | parse (s) | parse + check (s) | check alone (s) | check / parse "
          "| findings |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, n in ((shape, int(s)) for shape in ("manual", "deferred")
                         for s in args.sizes.split(",")):
            tu = Path(tmp) / f"cancels_{shape}_{n}.cpp"
            tu.write_text(source(n, shape))
            parse, tidy, check, findings = [], [], [], 0
            for _ in range(args.reps):
                parse.append(timed(["clang++-22", "-fsyntax-only", *FLAGS, str(tu)])[0])
                seconds, out = timed(["clang-tidy-22", f"--load={plugin}",
                                      "--checks=-*,ctx-lost-cancel", "--enable-check-profile",
                                      f"--store-check-profile={tmp}", str(tu), "--", *FLAGS])
                tidy.append(seconds)
                check.append(check_seconds(tmp))
                findings = out.count("[ctx-lost-cancel]")
            p, t, c = (statistics.median(x) for x in (parse, tidy, check))
            print(f"| {shape} | {n} | {p:.2f} | {t:.2f} | {c:.2f} | {c / p:.2f} | {findings} |")


if __name__ == "__main__":
    main()

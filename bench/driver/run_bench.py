#!/usr/bin/env python3
"""Driver throughput: ctxguard over many generated translation units.

Generates --tus translation units written against the ctx runtime (each a
few dozen functions, mostly correct, one deliberate mistake) with their
compile_commands.json under <build>/bench-driver/, then runs ctxguard over
the database with -j1 and -j2 (interleaved, --reps times each) under
/usr/bin/time -v, and prints a Markdown report: median wall time, TUs per
second, the -j2/-j1 speed-up, and the peak resident memory.

    python3 bench/driver/run_bench.py [--build build] [--tus 24] [--reps 3]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

FUNCTION = """
ctx::Error step_{t}_{i}(const ctx::Context &parent, int n) {{
  auto [c, cancel] = ctx::with_timeout(parent, std::chrono::milliseconds(n + 1));
  ctx::Defer release([&] {{ cancel(); }});
  ctx::Chan<int> results(1);
  ctx::go([c, results, n] {{
    if (!ctx::sleep(c, std::chrono::microseconds(n)))
      results.send(n);
  }});
  std::optional<int> got;
  switch (ctx::select(ctx::recv(results, got), ctx::recv(c.done()))) {{
  case 0:
    return {{}};
  default:
    return c.err();
  }}
}}
"""

MISTAKE = """
ctx::Error leaky_{t}(const ctx::Context &parent, bool early) {{
  auto [c, cancel] = ctx::with_cancel(parent);
  if (early)
    return ctx::Error::make("early");
  ctx::Error err = step_{t}_0(c, 1);
  cancel();
  return err;
}}
"""


def generate(out_dir, tus, functions):
    os.makedirs(out_dir, exist_ok=True)
    commands = []
    for t in range(tus):
        name = f"tu_{t:03}.cpp"
        body = ["#include <ctx/ctx.hpp>", "#include <chrono>", "#include <optional>", ""]
        body += [FUNCTION.format(t=t, i=i) for i in range(functions)]
        body.append(MISTAKE.format(t=t))
        with open(os.path.join(out_dir, name), "w") as f:
            f.write("\n".join(body))
        commands.append({
            "directory": out_dir,
            "file": name,
            "command": f"clang++-22 -std=c++20 -I{ROOT}/runtime/include -c {name} -o {name}.o",
        })
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


def run_once(ctxguard, out_dir, jobs):
    cmd = ["/usr/bin/time", "-v", ctxguard, "-p", out_dir, "-j", str(jobs), "--quiet",
           "--format", "json", "-o", os.path.join(out_dir, f"report-j{jobs}.json")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"ctxguard failed ({proc.returncode}):\n{proc.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    hours = int(wall.group(1) or 0)
    seconds = hours * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", proc.stderr).group(1))
              for kind in ("User", "System"))
    return seconds, rss_kb, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--tus", type=int, default=24)
    ap.add_argument("--functions", type=int, default=40)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    ctxguard = os.path.join(build, "bin", "ctxguard")
    if not os.access(ctxguard, os.X_OK):
        sys.exit(f"{ctxguard} not found: build the ctxguard target first")
    out_dir = os.path.join(build, "bench-driver")
    generate(out_dir, args.tus, args.functions)

    times = {1: [], 2: []}
    cpu = {1: [], 2: []}
    rss = {1: 0, 2: 0}
    load_before = os.getloadavg()[0]
    for _ in range(args.reps):
        for jobs in (1, 2):  # interleaved: machine load affects both alike
            seconds, kb, cpu_seconds = run_once(ctxguard, out_dir, jobs)
            times[jobs].append(seconds)
            cpu[jobs].append(cpu_seconds)
            rss[jobs] = max(rss[jobs], kb)
    load_after = os.getloadavg()[0]

    with open(os.path.join(out_dir, "report-j1.json")) as f:
        findings = len(json.load(f)["findings"])
    j1, j2 = statistics.median(times[1]), statistics.median(times[2])
    print(f"## ctxguard driver throughput ({args.tus} TUs x {args.functions} functions, "
          f"{findings} findings, {os.cpu_count()} cores, median of {args.reps})\n")
    c1, c2 = statistics.median(cpu[1]), statistics.median(cpu[2])
    print("| -j | wall (s) | TUs/s | CPU user+sys (s) | peak RSS (MiB) |")
    print("|---|---|---|---|---|")
    for jobs, t, c in ((1, j1, c1), (2, j2, c2)):
        print(f"| {jobs} | {t:.2f} | {args.tus / t:.2f} | {c:.2f} | {rss[jobs] / 1024:.0f} |")
    print(f"\nspeed-up -j2 / -j1 (wall): **{j1 / j2:.2f}x**")
    # What two free cores would give: the work -j2 adds over -j1 is overhead.
    print(f"CPU-time bound on two idle cores: {2 * c1 / c2:.2f}x "
          f"(-j2 spends {c2 / c1:.2f}x the CPU time of -j1)")
    print(f"load average (1 min) before/after: {load_before:.1f} / {load_after:.1f} "
          f"on {os.cpu_count()} cores: a wall speed-up needs idle cores")


if __name__ == "__main__":
    main()

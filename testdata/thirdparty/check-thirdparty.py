#!/usr/bin/env python3
"""Precision guard on third-party libraries: no ctx finding, no crash.

    check-thirdparty.py --ctxguard BIN --clang CLANGXX --work DIR [--jobs 2]

For each library below (Debian packages, installed by scripts/setup.sh), the
public headers are taken from the installed files at run time: every header
under the library's include directories except those in directories the
library marks private (detail/, impl/, internal/). Each library becomes
translation units that include all of them, seen through -I (a directory of
symbolic links, so that Clang treats them as user code, not system headers)
and analyzed by the driver with every ctx check and --header-filter=.*.
The guard passes when ctxguard exits 0: zero findings, zero tool errors
(crashes included).

Headers that do not compile are not analyzed: each library's TU is compiled
with clang++ -fsyntax-only first; a header whose inclusion fails is set
aside, and compiled on its own: if it compiles alone (it only clashed with
another header, e.g. boost/asio/yield.hpp's macros), it goes to another TU;
if not (it needs a missing dependency, or may not be included directly), it
is skipped. The counts are printed, so the guard cannot silently shrink.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

PRIVATE_DIRS = {"detail", "impl", "internal"}

# name -> (Debian package, include roots: files or directories under /usr/include)
LIBRARIES = {
    "absl": ("libabsl-dev", ["absl"]),
    "boost-asio": ("libboost-dev", ["boost/asio.hpp", "boost/asio"]),
    "boost-fiber": ("libboost-dev", ["boost/fiber"]),
    "boost-thread": ("libboost-dev", ["boost/thread.hpp", "boost/thread"]),
    "grpc++": ("libgrpc++-dev", ["grpcpp", "grpc++"]),
    "tbb": ("libtbb-dev", ["oneapi/tbb.h", "oneapi/tbb", "tbb"]),
    "leveldb": ("libleveldb-dev", ["leveldb"]),
}
# Top-level directories made visible through -I (the libraries include each other).
LINKED = ["absl", "boost", "grpcpp", "grpc++", "grpc", "oneapi", "tbb", "leveldb"]
SYSTEM_INCLUDE = "/usr/include"
FLAGS = ["-std=c++20", "-w"]


def installed(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True,
                         text=True)
    return out.returncode == 0 and "install ok installed" in out.stdout


def public_headers(roots):
    headers = []
    for root in roots:
        path = os.path.join(SYSTEM_INCLUDE, root)
        if os.path.isfile(path):
            headers.append(root)
            continue
        for directory, subdirs, files in os.walk(path):
            subdirs[:] = sorted(d for d in subdirs if d not in PRIVATE_DIRS)
            for f in sorted(files):
                if f.endswith((".h", ".hpp")):
                    headers.append(os.path.relpath(os.path.join(directory, f), SYSTEM_INCLUDE))
    return sorted(set(headers))


class Compiler:
    def __init__(self, clang, include, work):
        self.clang, self.include, self.work = clang, include, work
        self.runs = 0

    def write_tu(self, name, headers):
        path = os.path.join(self.work, name + ".cpp")
        with open(path, "w") as f:
            f.write("".join(f"#include <{h}>\n" for h in headers))
        return path

    def failing_lines(self, path):
        """The TU's lines (1-based) whose #include leads to an error; None if
        it compiles."""
        self.runs += 1
        out = subprocess.run([self.clang] + FLAGS + [f"-I{self.include}", "-fsyntax-only",
                                                     "-ferror-limit=0", path],
                             capture_output=True, text=True, errors="replace")
        if out.returncode == 0:
            return None
        lines, current = set(), None
        tu = re.escape(path)
        for line in out.stderr.splitlines():
            m = re.match(rf"In file included from {tu}:(\d+):", line) or \
                re.match(rf"{tu}:(\d+):\d+: (?:fatal )?error:", line)
            if m:
                current = int(m.group(1))
            # A diagnostic without an include stack is in the last one's file.
            if re.search(r"(?:fatal )?error:", line) and current is not None:
                lines.add(current)
        if not lines:
            raise RuntimeError(f"{path} does not compile and no include is to blame:\n"
                               + out.stderr[-3000:])
        return lines

    def compiles_alone(self, header):
        return self.failing_lines(self.write_tu("alone", [header])) is None


def plan(compiler, name, headers):
    """TUs (name -> headers) covering every header that compiles, and the
    headers skipped."""
    units, skipped, part = {}, [], 1
    while headers:
        unit = f"{name}-{part}" if part > 1 else name
        kept, clashing = list(headers), []
        while True:
            failing = compiler.failing_lines(compiler.write_tu(unit, kept))
            if failing is None:
                break
            blamed = [kept[i - 1] for i in sorted(failing)]
            kept = [h for h in kept if h not in blamed]
            for header in blamed:
                (clashing if compiler.compiles_alone(header) else skipped).append(header)
        if kept:
            units[unit] = kept
        if clashing and len(clashing) == len(headers):
            # Every header clashes with another: one TU each.
            for i, header in enumerate(clashing):
                units[f"{unit}-alone-{i}"] = [header]
                compiler.write_tu(f"{unit}-alone-{i}", [header])
            clashing = []
        headers, part = clashing, part + 1
    return units, skipped


def link_includes(work):
    include = os.path.join(work, "include")
    os.makedirs(include, exist_ok=True)
    for top in LINKED:
        target, link = os.path.join(SYSTEM_INCLUDE, top), os.path.join(include, top)
        if os.path.exists(target) and not os.path.lexists(link):
            os.symlink(target, link)
    return include


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ctxguard", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", default="2")
    args = ap.parse_args()
    missing = sorted({p for p, _ in LIBRARIES.values() if not installed(p)})
    if missing:
        sys.exit("not installed: " + " ".join(missing) + " (run scripts/setup.sh)")

    started = time.monotonic()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    compiler = Compiler(args.clang, link_includes(work), work)
    all_units, rows = {}, []
    for name, (_, roots) in LIBRARIES.items():
        headers = public_headers(roots)
        units, skipped = plan(compiler, name, headers)
        all_units.update(units)
        analyzed = sum(len(h) for h in units.values())
        rows.append((name, len(headers), analyzed, skipped, len(units)))
        if not analyzed:
            sys.exit(f"{name}: no header compiles; the guard would test nothing")
    if os.path.exists(os.path.join(work, "alone.cpp")):
        os.remove(os.path.join(work, "alone.cpp"))
    checked = time.monotonic()

    commands = [{"directory": work, "file": f"{unit}.cpp",
                 "arguments": ["clang++"] + FLAGS + [f"-I{compiler.include}", "-c", f"{unit}.cpp"]}
                for unit in all_units]
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)
    run = subprocess.run([args.ctxguard, "-p", work, "-j", args.jobs,
                          "--config", "{Checks: '-*,ctx-*'}", "--header-filter=.*",
                          "--format", "json", "-o", os.path.join(work, "report.json"),
                          "--sarif", os.path.join(work, "report.sarif")],
                         capture_output=True, text=True, errors="replace")
    report = json.load(open(os.path.join(work, "report.json")))

    print("| library | public headers | analyzed | skipped (do not compile alone) | TUs |")
    print("|---|---|---|---|---|")
    for name, found, analyzed, skipped, units in rows:
        print(f"| {name} | {found} | {analyzed} | {len(skipped)} | {units} |")
    for name, _, _, skipped, _ in rows:
        if skipped:
            print(f"\n{name}, skipped: " + ", ".join(skipped))
    print(f"\nheader checks: {compiler.runs} clang++ runs, {checked - started:.0f} s; "
          f"ctxguard over {len(all_units)} TUs: {time.monotonic() - checked:.0f} s")
    print(f"ctxguard exit code {run.returncode}: {len(report['findings'])} findings, "
          f"{len(report['errors'])} tool errors")
    for finding in report["findings"]:
        print(f"  {finding['file']}:{finding.get('line')}: {finding['message']} "
              f"[{finding['check']}]")
    for error in report["errors"]:
        print(f"  error: {error.get('file', '')}: {error['message']}")
    if run.returncode != 0:
        print(run.stderr[-5000:])
    sys.exit(0 if run.returncode == 0 and not report["findings"] and not report["errors"] else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the hostile-input corpus (generate.py) through the built ctxguard.

    run.py --ctxguard BIN --corpus DIR [--tools TOOLS_DIR] [--jobs 2] [--timeout 120]

Every case runs in its own directory under a timeout, and must: end by
itself (no signal, no timeout), exit with a code its expectation class
allows (expectations.py), report no internal error, print no clang
"Processing file" line, crash the analysis only where the class tolerates
it, leave complete and current reports (a SARIF log of ctxguard whose
executionSuccessful matches the exit code, a JSON report whose errors do
too; never the stale file the case starts with), name the failing
translation unit in its tool errors, and still report the witness file's
findings. A sample of the SARIF logs (one per kind) is validated with the
SARIF multitool. Prints how many cases of each kind were tried and passed.
"""
import argparse
import concurrent.futures
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

from expectations import EXPECTATIONS

STALE = b"stale report from an earlier run\n"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def limit_file_size(size):
    """Runs in the child: a disk that fills up after `size` bytes."""
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


def run_case(ctxguard, corpus, case, timeout):
    directory = os.path.join(corpus, case["dir"])
    env = dict(os.environ, **case["env"])
    env.pop("CTXGUARD_TEST_CRASH", None)
    stdout = open(os.path.join(directory, case["stdout"]), "wb") if case["stdout"] \
        else subprocess.PIPE
    started = time.monotonic()
    try:
        proc = subprocess.run([ctxguard] + case["args"], cwd=directory, env=env, stdout=stdout,
                              stderr=subprocess.PIPE, timeout=timeout,
                              preexec_fn=limit_file_size(case["fsize"]) if case["fsize"] else None)
        code, err, out = proc.returncode, proc.stderr, proc.stdout or b""
    except subprocess.TimeoutExpired as e:
        code, err, out = None, e.stderr or b"", b""
    finally:
        if case["stdout"]:
            stdout.close()
    problems, sarif = check(case, directory, code, out, err)
    return {"problems": problems, "sarif": sarif, "seconds": time.monotonic() - started,
            "crashed": b"crashed while analyzing" in err or b"did not finish within" in err}


def notifications(log):
    invocation = log["runs"][0]["invocations"][0]
    return invocation.get("toolExecutionNotifications", []) + \
        invocation.get("toolConfigurationNotifications", [])


def names_in_sarif(log, name):
    for n in notifications(log):
        uris = [loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
                for loc in n.get("locations", [])]
        if any(name in uri for uri in uris) or name in n["message"]["text"]:
            return True
    return False


def check_sarif(case, directory, code, problems):
    path = os.path.join(directory, case["sarif"])
    if not os.path.exists(path):
        problems.append("no SARIF report")
        return None
    text = read(path)
    if text == STALE:
        problems.append("the SARIF report of an earlier run was left as if current")
        return None
    try:
        log = json.loads(text)
        run = log["runs"][0]
        assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "ctxguard"
        assert isinstance(run["tool"]["driver"]["rules"], list)
        for result in run["results"]:
            assert result["ruleId"] and result["message"]["text"]
            assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        successful = run["invocations"][0]["executionSuccessful"]
    except (ValueError, KeyError, IndexError, TypeError, AssertionError) as e:
        problems.append(f"SARIF report without the required shape: {e!r}")
        return None
    if successful != (code != 2):
        problems.append(f"executionSuccessful={successful} with exit code {code}")
    if code == 1 and not run["results"] or code == 0 and run["results"]:
        problems.append(f"{len(run['results'])} SARIF results with exit code {code}")
    if code == 2 and case["names"] and not names_in_sarif(log, case["names"]):
        problems.append(f"no SARIF notification names {case['names']}")
    if case["witness"] and not any(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
                case["witness"]) for r in run["results"]):
        problems.append(f"the findings of {case['witness']} are missing")
    return path


def check_json(case, directory, code, problems):
    path = os.path.join(directory, case["json"])
    if not os.path.exists(path):
        problems.append("no JSON report")
        return
    text = read(path)
    if text == STALE:
        problems.append("the JSON report of an earlier run was left as if current")
        return
    try:
        report = json.loads(text)
        errors = report["errors"]
        assert report["version"] == 1 and isinstance(report["findings"], list)
    except (ValueError, KeyError, TypeError, AssertionError) as e:
        problems.append(f"JSON report without the required shape: {e!r}")
        return
    if bool(errors) != (code == 2):
        problems.append(f"{len(errors)} JSON errors with exit code {code}")
    if code == 2 and case["names"] and not any(
            case["names"] in e.get("file", "") or case["names"] in e["message"] for e in errors):
        problems.append(f"no JSON error names {case['names']}")


def check(case, directory, code, out, err):
    """The problems of one run; the SARIF path when there is a valid one."""
    problems = []
    expect = EXPECTATIONS[case["expect"]]
    if code is None:
        return ["did not finish in time"], None
    if code < 0:
        return [f"killed by signal {-code} ({signal.Signals(-code).name})"], None
    if code not in expect["exit"]:
        problems.append(f"exit code {code}, expected {expect['exit']}")
    text = err.decode(errors="replace")
    if "internal error" in text:
        problems.append("internal error")
    if "Processing file" in text or b"Processing file" in out:
        problems.append("clang's 'Processing file' line leaked")
    if "crashed while analyzing" in text and not expect["crash_ok"]:
        problems.append("the analysis crashed where a clear result was expected")
    for needle in case["stderr"]:
        if needle not in text:
            problems.append(f"stderr lacks {needle!r}")
    for name in case["absent"]:
        if os.path.exists(os.path.join(directory, name)):
            problems.append(f"{name} should not exist")
    sarif = check_sarif(case, directory, code, problems) if case["sarif"] else None
    if case["json"]:
        check_json(case, directory, code, problems)
    if problems:
        problems.append("stderr: " + text[-1500:])
    return problems, sarif


def validate_with_multitool(tools, files, work):
    """Errors and warnings of the SARIF multitool (SARIF and GitHub rules)."""
    tool = os.path.join(tools, "node_modules", ".bin", "sarif-multitool")
    if not os.path.exists(tool):
        return [f"{tool} is missing: run scripts/setup.sh"]
    report = os.path.join(work, "multitool-report.sarif")
    if os.path.exists(report):
        os.remove(report)
    subprocess.run(["npx", "--prefix", tools, "sarif-multitool", "validate"] + files +
                   ["--rule-kind", "Sarif", "Gh", "-o", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    if not os.path.exists(report):
        return ["the multitool wrote no report"]
    problems = []
    for run in json.loads(read(report))["runs"]:
        for result in run.get("results", []):
            if result.get("level", "warning") in ("error", "warning"):
                uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                problems.append(f"{result.get('ruleId')} in {uri}: {result['message']}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ctxguard", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tools", help="the repository's tools/ (SARIF multitool)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--only", help="run the cases whose kind/name contains this")
    args = ap.parse_args()

    cases = json.loads(read(os.path.join(args.corpus, "manifest.json")))
    if args.only:
        cases = [c for c in cases if args.only in c["dir"]]
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_case, args.ctxguard, args.corpus, c, args.timeout): i
                   for i, c in enumerate(cases)}
        for future in concurrent.futures.as_completed(futures):
            results[futures[future]] = future.result()

    tried, passed, failures, samples = {}, {}, [], {}
    for i, case in enumerate(cases):
        result = results[i]
        kind = case["kind"]
        tried[kind] = tried.get(kind, 0) + 1
        if result["problems"]:
            failures.append((case, result["problems"]))
        else:
            passed[kind] = passed.get(kind, 0) + 1
            if result["sarif"] and kind not in samples:
                samples[kind] = result["sarif"]

    print("| kind of input | cases | passed |")
    print("|---|---|---|")
    for kind in tried:
        print(f"| {kind} | {tried[kind]} | {passed.get(kind, 0)} |")
    print(f"| all | {len(cases)} | {sum(passed.values())} |")
    print("\nLOOSENED cases (expectations.py: Clang's own recursion), and whether the analysis"
          " crashed this time:")
    for i, case in enumerate(cases):
        expect = EXPECTATIONS[case["expect"]]
        if expect["crash_ok"] and 1 in expect["exit"]:
            crashed = "crashed" if results[i]["crashed"] else "completed"
            print(f"  {case['dir']}: {crashed}")
    slowest = sorted(((results[i]["seconds"], c["dir"]) for i, c in enumerate(cases)),
                     reverse=True)[:5]
    print("slowest: " + ", ".join(f"{d} {t:.1f}s" for t, d in slowest))

    if args.tools and samples:
        sample_dir = os.path.join(args.corpus, "multitool")
        shutil.rmtree(sample_dir, ignore_errors=True)
        os.makedirs(sample_dir)
        files = []
        for kind, path in samples.items():
            files.append(os.path.join(sample_dir, kind + ".sarif"))
            shutil.copyfile(path, files[-1])
        for problem in validate_with_multitool(args.tools, files, args.corpus):
            failures.append(({"dir": "multitool", "expect": "valid SARIF"}, [problem]))
        print(f"multitool: {len(files)} SARIF logs validated")

    for case, problems in failures:
        print(f"\nFAIL {case['dir']} ({case['expect']}):")
        for p in problems:
            print("  " + p)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

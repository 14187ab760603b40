#!/usr/bin/env python3
"""Generates the hostile-input corpus of the ctxguard driver.

    generate.py OUT_DIR --runtime-include DIR

Writes one directory per case under OUT_DIR/<kind>/<name>/ (sources,
compile databases, configurations, SARIF inputs, and a stale out.sarif /
out.json from "an earlier run") and OUT_DIR/manifest.json, which run.py
executes. Nothing here is committed output: every file is rebuilt at test
time. The expectation classes are in expectations.py.

Paths that are not valid UTF-8 are kept in the manifest as surrogate-escaped
strings (os.fsdecode), which subprocess turns back into the same bytes.
"""
import argparse
import json
import os
import random
import shutil

from expectations import EXPECTATIONS

# A stand-in for the runtime's context: enough for ctx-not-first-param,
# without the cost of parsing the runtime in every case.
STUB = b"namespace ctx { class Context { public: Context(); }; }\n"
FINDING = b"void submit(int item, const ctx::Context &c);\n"
WITNESS = STUB + FINDING
STALE = b"stale report from an earlier run\n"
REPORTS = ["--sarif", "out.sarif", "--format", "json", "-o", "out.json"]
JSON_VALUES = {"null": None, "true": True, "negative": -1, "fraction": 2.5, "string": "text",
               "array": [], "object": {}}


def with_reports(args):
    """`args` asking for the SARIF and JSON reports (before any "--")."""
    at = args.index("--") if "--" in args else len(args)
    return args[:at] + REPORTS + args[at:]


class Corpus:
    def __init__(self, out, runtime_include):
        self.out = out
        self.runtime = runtime_include
        self.cases = []

    def add(self, kind, name, expect, args, files=None, names=None, witness=None,
            reports=True, stdout=None, env=None, fsize=None, absent=(),
            stderr=(), json_report=None):
        """One case: `files` (relative path -> bytes) are written to its
        directory, where ctxguard runs with `args`."""
        assert expect in EXPECTATIONS, expect
        directory = os.path.join(self.out, kind, name)
        os.makedirs(directory)
        files = dict(files or {})
        if reports:
            files.setdefault("out.sarif", STALE)
            files.setdefault("out.json", STALE)
        for path, content in files.items():
            if path.endswith("compile_commands.json"):
                content = content.replace(b"$CASE", os.fsencode(directory))
            full = os.path.join(os.fsencode(directory), os.fsencode(path))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(content)
        self.cases.append({
            "kind": kind, "name": name, "dir": os.path.join(kind, name), "expect": expect,
            "args": with_reports(list(args)) if reports else list(args), "names": names,
            "witness": witness, "sarif": "out.sarif" if reports else None,
            "json": "out.json" if reports else json_report, "stdout": stdout, "env": env or {},
            "fsize": fsize, "absent": list(absent), "stderr": list(stderr),
        })
        return directory

    def database(self, files, flags="", directory=None):
        """compile_commands.json text for `files`, in the case's directory
        ("$CASE", replaced when the case is written)."""
        return json.dumps([{"directory": directory or "$CASE", "file": f,
                            "command": f"clang++ -std=c++20 {flags} -c {f}"} for f in files]).encode()


# ---------------------------------------------------------------------------
# Source files that stress Clang and the checks.

def ctx_function(body_kind, n):
    """A function written against the runtime whose body is nested or long."""
    a = "a"
    if body_kind == "plus-cancel":
        return ("int f(const ctx::Context &c, int a) {\n  auto [d, cancel] = ctx::with_cancel(c);\n"
                "  if (a) return 0;\n  cancel();\n  return " + "+".join([a] * n) + ";\n}\n")
    if body_kind == "plus-goroutine":
        return ("void f(const ctx::Context &c, int a) {\n  ctx::Chan<int> ch;\n"
                "  ctx::go([ch, a] { ch.send(" + "+".join([a] * n) + "); });\n}\n")
    if body_kind == "plus-send":
        return ("int f(const ctx::Context &c, ctx::Chan<int> ch, int a) {\n  ch.send(1);\n"
                "  return " + "+".join([a] * n) + ";\n}\n")
    head = "void f(const ctx::Context &c, ctx::Chan<int> ch, int a) {\n"
    if body_kind == "blocks":
        return head + "{" * n + "ch.send(a);" + "}" * n + "\n}\n"
    if body_kind == "ifs":
        return head + "if (a)\n" * n + "ch.send(a);\n}\n"
    if body_kind == "ternary":
        return head + "ch.send(" + "a ? a : " * n + "a);\n}\n"
    if body_kind == "parens":
        return head + "ch.send(" + "(" * n + "a" + ")" * n + ");\n}\n"
    if body_kind == "andand":
        return head + "if (" + " && ".join([a] * n) + ") ch.send(a);\n}\n"
    if body_kind == "statements":
        return head + "  if (a) ch.send(a);\n" * n + "}\n"
    if body_kind == "lambdas":
        return head + "[&] {" * n + "ch.send(a);" + "}();" * n + "\n}\n"
    raise ValueError(body_kind)


def plain_source(shape, n):
    """Code that never uses the runtime: only Clang and the matchers see it."""
    if shape == "plus":
        return "int f(int a) { return " + "+".join(["a"] * n) + "; }\n"
    if shape == "parens":
        return "int f(int a) { return " + "(" * n + "a" + ")" * n + "; }\n"
    if shape == "template":
        return ("template <int N> struct D { static constexpr int v = D<N - 1>::v + 1; };\n"
                "template <> struct D<0> { static constexpr int v = 0; };\n"
                f"int x = D<{n}>::v;\n")
    if shape == "init-list":
        return "int v[] = {" + ",".join(str(i % 100) for i in range(n)) + "};\n"
    if shape == "nested-init":
        return "int w = " + "{" * n + "1" + "}" * n + ";\n"
    if shape == "functions":
        return "".join(f"void f{i}(int n, const ctx::Context &c);\n" for i in range(n))
    if shape == "identifier":
        return "int " + "x" * n + " = 1;\n"
    if shape == "macros":
        return "#define M0 1\n" + "".join(f"#define M{i} (M{i - 1} + 1)\n" for i in range(1, n)) + \
            f"int m = M{n - 1};\n"
    raise ValueError(shape)


def deep_sources(c):
    kind = "source-deep"
    rt = f"-I{c.runtime}"

    def case(name, source, expect, flags="", runtime=True):
        header = b"#include <ctx/ctx.hpp>\n" if runtime else STUB
        files = {"deep.cpp": header + source.encode(), "witness.cpp": WITNESS,
                 "compile_commands.json": c.database(["deep.cpp", "witness.cpp"],
                                                     f"{rt if runtime else ''} {flags}")}
        c.add(kind, name, expect, ["-p", ".", "-j", "2"], files, names="deep.cpp",
              witness="witness.cpp")

    raised = "-fbracket-depth=100000"
    for n in (1000, 10000, 60000):
        case(f"plus-plain-{n}", plain_source("plus", n), "findings", runtime=False)
        case(f"plus-send-{n}", ctx_function("plus-send", n), "findings")
    for n in (1000, 10000):
        case(f"plus-cancel-{n}", ctx_function("plus-cancel", n), "findings")
        case(f"plus-goroutine-{n}", ctx_function("plus-goroutine", n), "findings")
    # Once crashers (each check's own recursion, clang's ParentMap): the core's
    # traversal is iterative and its CFG runs on a stack sized for the body.
    case("plus-cancel-60000", ctx_function("plus-cancel", 60000), "findings")
    case("plus-goroutine-60000", ctx_function("plus-goroutine", 60000), "findings")
    for shape in ("blocks", "parens", "lambdas"):
        case(f"{shape}-200", ctx_function(shape, 200), "findings")
        case(f"{shape}-300", ctx_function(shape, 300), "findings")
    case("blocks-5000-raised", ctx_function("blocks", 5000), "findings", raised)
    case("blocks-60000-raised", ctx_function("blocks", 60000), "findings", raised)
    for shape in ("parens", "lambdas"):
        case(f"{shape}-5000-raised", ctx_function(shape, 5000), "deep-for-clang", raised)
    case("parens-20000-raised", ctx_function("parens", 20000), "deep-for-clang", raised)
    for shape in ("ifs", "ternary", "andand"):
        case(f"{shape}-1000", ctx_function(shape, 1000), "findings")
        case(f"{shape}-5000", ctx_function(shape, 5000), "findings")
    case("andand-20000", ctx_function("andand", 20000), "findings")
    for shape in ("ifs", "ternary"):
        case(f"{shape}-20000", ctx_function(shape, 20000), "deep-for-clang")
    case("statements-4000", ctx_function("statements", 4000), "findings")
    case("statements-20000", ctx_function("statements", 20000), "findings")
    case("plain-parens-5000-raised", plain_source("parens", 5000), "deep-for-clang", raised,
         runtime=False)
    case("template-depth-900", plain_source("template", 900), "findings", runtime=False)
    # Clang's default limit of 1024 nested instantiations: a compile error.
    case("template-depth-2000", plain_source("template", 2000), "tool-error", runtime=False)
    case("template-depth-5000-raised", plain_source("template", 5000), "findings",
         "-ftemplate-depth=6000", runtime=False)
    case("initializer-list-100000", plain_source("init-list", 100000), "findings",
         runtime=False)
    case("nested-braces-200", plain_source("nested-init", 200), "findings", runtime=False)
    case("nested-braces-5000-raised", plain_source("nested-init", 5000), "findings", raised,
         runtime=False)
    case("functions-5000", plain_source("functions", 5000), "findings", runtime=False)
    case("identifier-1MB", plain_source("identifier", 1 << 20), "findings", runtime=False)
    case("macros-5000", plain_source("macros", 5000), "deep-for-clang", runtime=False)
    # Include chains: Clang stops at 200 nested includes.
    for depth, expect in ((150, "findings"), (250, "tool-error")):
        files = {f"h{i}.h": f'#include "h{i + 1}.h"\n'.encode() for i in range(depth)}
        files[f"h{depth}.h"] = b"int deepest;\n"
        files["deep.cpp"] = STUB + b'#include "h0.h"\n'
        files["witness.cpp"] = WITNESS
        files["compile_commands.json"] = c.database(["deep.cpp", "witness.cpp"])
        c.add(kind, f"include-chain-{depth}", expect, ["-p", "."], files, names="deep.cpp",
              witness="witness.cpp")


# ---------------------------------------------------------------------------
# Bytes: encodings, line ends, garbage, deliberate Clang crashes.

def bytes_cases(c):
    kind = "bytes"
    rnd = random.Random(11)

    def case(name, content, expect, extra_args=(), witness_file=False):
        files = {"input.cpp": content}
        sources = ["input.cpp"]
        witness = "input.cpp" if expect == "findings" else None
        if witness_file:
            files["witness.cpp"] = WITNESS
            sources.append("witness.cpp")
            witness = "witness.cpp"
        c.add(kind, name, expect, list(extra_args) + sources + ["--", "-std=c++20"], files,
              names="input.cpp", witness=witness)

    case("nul-in-comment", WITNESS + b"// a \0 b\n", "findings")
    case("nul-in-code", WITNESS + b"int x = 1;\0 int y = 2;\n", "findings")
    case("nul-in-string", WITNESS + b'const char *s = "a\0b";\n', "findings")
    case("nul-only", b"\0" * 4096, "findings", witness_file=True)
    case("invalid-utf8-in-comment", WITNESS + b"// \xff\xfe\xc3(\n", "findings")
    case("invalid-utf8-in-string", WITNESS + b'const char *s = "\xff\xc3(";\n', "findings")
    case("invalid-utf8-in-identifier", WITNESS + b"int a\xffb = 1;\n", "tool-error",
         witness_file=True)
    case("overlong-utf8", WITNESS + b"// \xc0\xaf \xe0\x80\xaf\n", "findings")
    case("utf8-bom", b"\xef\xbb\xbf" + WITNESS, "findings")
    # Clang 22 crashes on it (Lexer::peekNextPPToken; clang-tidy-22 too).
    case("utf16-text", "int x;\n".encode("utf-16"), "clang-crash", witness_file=True)
    case("crlf", WITNESS.replace(b"\n", b"\r\n"), "findings")
    case("cr-only", WITNESS.replace(b"\n", b"\r"), "findings")
    case("mixed-line-ends", STUB.replace(b"\n", b"\r\n") + FINDING.replace(b"\n", b"\r"),
         "findings")
    case("no-final-newline", WITNESS.rstrip(b"\n"), "findings")
    case("backslash-at-end", WITNESS + b"// continued \\", "findings")
    case("control-characters", WITNESS + b"// \x01\x02\x1b[31m\x7f\n", "findings")
    case("long-line-1MB", WITNESS + b"// " + b"x" * (1 << 20) + b"\n", "findings")
    case("many-lines-10MB", WITNESS + b"//\n" * (10 << 20 >> 3), "findings")
    case("empty", b"", "findings", witness_file=True)
    case("whitespace-only", b" \t\n\r\n" * 100, "findings", witness_file=True)
    for i in range(3):
        case(f"random-bytes-{i}", bytes(rnd.randrange(256) for _ in range(4096)), "tool-error",
             witness_file=True)
    case("syntax-error", WITNESS + b"int x = ;\n", "tool-error")
    case("unterminated-comment", WITNESS + b"/* never closed\n", "tool-error")
    case("unterminated-string", WITNESS + b'const char *s = "open;\n', "tool-error")
    case("unterminated-raw-string", WITNESS + b'const char *s = R"x(open;\n', "tool-error")
    case("unbalanced-braces", WITNESS + b"void g() { {\n", "tool-error")
    case("error-directive", WITNESS + b"#error stop here\n", "tool-error")
    case("missing-include", WITNESS + b"#include <no/such/header.h>\n", "tool-error")
    case("includes-itself", WITNESS + b'#include "input.cpp"\n', "tool-error")
    case("truncated-runtime-use",
         b"#include <ctx/ctx.hpp>\nvoid g(const ctx::Context &c) { auto [d, cancel] = ctx::with_",
         "tool-error", witness_file=True)
    # Clang crashes on purpose: the worker dies, the run goes on.
    for pragma in ("crash", "parser_crash", "llvm_fatal_error"):
        case(f"pragma-debug-{pragma.replace('_', '-')}",
             STUB + f"#pragma clang __debug {pragma}\n".encode(), "clang-crash",
             witness_file=True)
    # Loops forever in Debian's optimized Clang (a tail call): --timeout.
    case("pragma-debug-overflow-stack", STUB + b"#pragma clang __debug overflow_stack\n",
         "clang-crash", ["--timeout", "5"], witness_file=True)


# ---------------------------------------------------------------------------
# Paths: odd names and things that are not source files.

def path_cases(c):
    kind = "paths"

    def case(name, filename, expect, content=WITNESS, extra=(), files=None, witness_file=True):
        all_files = dict(files or {})
        if content is not None:
            all_files[filename] = content
        if witness_file:
            all_files["witness.cpp"] = WITNESS
        sources = [filename] + (["witness.cpp"] if witness_file else [])
        c.add(kind, name, expect, list(extra) + sources + ["--", "-std=c++20"], all_files,
              names=os.path.basename(filename.rstrip("/")), witness="witness.cpp")

    case("invalid-utf8-name", os.fsdecode(b"bad\xff\xfename.cpp"), "findings")
    case("invalid-utf8-directory", os.fsdecode(b"dir\xc3(/a.cpp"), "findings")
    case("spaces-and-quotes", "a b 'c' \"d\".cpp", "findings")
    case("percent-and-hash", "100% #1 ?x=y&z.cpp", "findings")
    case("newline-in-name", "line\nbreak.cpp", "findings")
    case("unicode-name", "файл-文件-😀.cpp", "findings")
    case("long-path", "/".join(["d" * 200] * 10) + "/long.cpp", "findings")
    case("leading-dash", "./-rf.cpp", "findings")
    case("dot-dot", "sub/../sub2/x.cpp", "findings",
         files={"sub/keep": b"", "sub2/x.cpp": WITNESS}, content=None)
    case("directory-as-file", "adir", "tool-error", content=None, files={"adir/keep": b""})
    case("missing-file", "missing.cpp", "tool-error", content=None)
    case("same-file-twice", "witness.cpp", "findings", content=None)
    # Not a C++ file (no extension): Clang makes no compile job of it.
    case("dev-null", "/dev/null", "tool-error", content=None)
    d = c.add(kind, "symlink-loop", "tool-error", ["loop.cpp", "witness.cpp", "--", "-std=c++20"],
              {"witness.cpp": WITNESS}, names="loop.cpp", witness="witness.cpp")
    os.symlink("loop.cpp", os.path.join(d, "loop.cpp"))
    d = c.add(kind, "fifo-as-source", "tool-error",
              ["--timeout", "5", "fifo.cpp", "witness.cpp", "--", "-std=c++20"],
              {"witness.cpp": WITNESS}, names="fifo.cpp", witness="witness.cpp")
    os.mkfifo(os.path.join(d, "fifo.cpp"))


# ---------------------------------------------------------------------------
# Compile databases.

def compile_db_cases(c):
    kind = "compile-db"

    def case(name, text, expect="tool-error", names=None, extra_files=None, witness=None):
        files = {"compile_commands.json": text, "witness.cpp": WITNESS}
        files.update(extra_files or {})
        c.add(kind, name, expect, ["-p", "."], files, names=names, witness=witness)

    entry = {"directory": "$CASE", "file": "witness.cpp",
             "command": "clang++ -std=c++20 -c witness.cpp"}
    for name, text in (("empty-file", b""), ("garbage", b"not json at all"),
                       ("unclosed-array", b"["), ("truncated", b'[{"directory": "/tmp",'),
                       ("invalid-utf8", b'[{"directory": "\xff\xfe", "file": "a.cpp"}]'),
                       ("nul-bytes", b"[\0\0\0]"), ("trailing-comma", b'[{"file": "a.cpp",},]'),
                       ("deep-arrays", b"[" * 100000),
                       ("deep-member", ('[{"directory": "$CASE", "file": "witness.cpp", '
                                        '"command": "c++ witness.cpp", "extra": ' + "[" * 100000
                                        + "]" * 100000 + "}]").encode())):
        case(name, text)
    for type_name, value in JSON_VALUES.items():
        if type_name != "array":
            case(f"top-level-{type_name}", json.dumps(value).encode())
        if type_name != "object":
            case(f"entry-{type_name}", json.dumps([value]).encode())
    for field in ("directory", "file", "command", "arguments", "output"):
        wrong = dict(JSON_VALUES)
        wrong.pop("array" if field == "arguments" else "string")
        if field == "arguments":
            wrong["array-of-numbers"] = [1, 2]
        for type_name, value in wrong.items():
            broken = dict(entry)
            if field == "arguments":
                broken.pop("command")
            broken[field] = value
            # LLVM reads the database as YAML: any scalar is a string to it, and
            # an "output" that is "true" harms nobody.
            harmless = field == "output" and not isinstance(value, (list, dict))
            case(f"{field}-{type_name}", json.dumps([broken]).encode(),
                 "findings" if harmless else "tool-error",
                 witness="witness.cpp" if harmless else None)
    for field in ("directory", "file"):
        broken = dict(entry)
        broken.pop(field)
        case(f"no-{field}", json.dumps([broken]).encode())
    no_command = dict(entry)
    no_command.pop("command")
    case("no-command", json.dumps([no_command]).encode())
    case("empty-arguments", json.dumps([{**no_command, "arguments": []}]).encode())
    # LLVM's command-line splitter closes the quote at the end.
    case("unbalanced-quote", json.dumps([{**entry, "command": "clang++ -std=c++20 'witness.cpp"}])
         .encode(), "findings", witness="witness.cpp")
    case("empty-list", b"[]")
    case("empty-command", json.dumps([{**entry, "command": ""}]).encode())
    # Entries that load but cannot be analyzed: an error for that file only.
    missing_dir = [{**entry, "file": "$CASE/other.cpp", "directory": "/nonexistent/build"}, entry]
    case("missing-directory", json.dumps(missing_dir).encode(), names="other.cpp",
         extra_files={"other.cpp": WITNESS}, witness="witness.cpp")
    file_dir = [{**entry, "file": "$CASE/other.cpp", "directory": "$CASE/afile"}, entry]
    case("directory-is-a-file", json.dumps(file_dir).encode(), names="other.cpp",
         extra_files={"other.cpp": WITNESS, "afile": b""}, witness="witness.cpp")
    relative_missing = [{**entry, "file": "other.cpp", "directory": "no-such-sub"}, entry]
    case("relative-missing-directory", json.dumps(relative_missing).encode(),
         names="other.cpp", witness="witness.cpp")
    case("missing-source", json.dumps([{**entry, "file": "gone.cpp"}, entry]).encode(),
         names="gone.cpp", witness="witness.cpp")
    case("missing-forced-include",
         json.dumps([{**entry, "command": entry["command"] + " -include nope.h"}]).encode(),
         names="witness.cpp")
    many = [{**entry, "file": f"missing-{i}.cpp"} for i in range(2000)] + [entry]
    case("2000-missing-files", json.dumps(many).encode(), names="missing-1999.cpp",
         witness="witness.cpp")
    # Entries that are odd but valid.
    # Clang's tooling cannot look a relative directory's files up again.
    case("relative-directory", json.dumps([{**entry, "directory": "."}, {
        **entry, "file": "$CASE/other.cpp", "command": "clang++ -std=c++20 -c other.cpp"}])
        .encode(), names="witness.cpp", extra_files={"other.cpp": WITNESS}, witness="other.cpp")
    case("file-through-dot-dot",
         json.dumps([{"directory": "$CASE/sub", "file": "../witness.cpp",
                      "command": "clang++ -std=c++20 -c ../witness.cpp"}]).encode(),
         "findings", extra_files={"sub/keep": b""}, witness="witness.cpp")
    case("duplicate-entries", json.dumps([entry, entry]).encode(), "findings",
         witness="witness.cpp")
    case("two-commands", json.dumps([entry, {**entry, "command": entry["command"] + " -DX"}])
         .encode(), "findings", witness="witness.cpp")
    case("unknown-compiler",
         json.dumps([{**entry, "command": "/no/such/compiler -std=c++20 -c witness.cpp"}]).encode(),
         "findings", witness="witness.cpp")
    case("arguments-form", json.dumps([{**no_command, "arguments": [
        "clang++", "-std=c++20", "-c", "witness.cpp"]}]).encode(), "findings",
        witness="witness.cpp")


# ---------------------------------------------------------------------------
# SARIF inputs: --baseline and merge-sarif, every JSON type in every position
# ctxguard reads.

SARIF_POSITIONS = [
    [], ["runs"], ["runs", 0], ["runs", 0, "tool"], ["runs", 0, "tool", "driver"],
    ["runs", 0, "tool", "driver", "name"], ["runs", 0, "tool", "driver", "rules"],
    ["runs", 0, "tool", "driver", "rules", 0], ["runs", 0, "tool", "driver", "rules", 0, "id"],
    ["runs", 0, "results"], ["runs", 0, "results", 0], ["runs", 0, "results", 0, "ruleId"],
    ["runs", 0, "results", 0, "partialFingerprints"],
    ["runs", 0, "results", 0, "partialFingerprints", "primaryLocationLineHash"],
    ["runs", 0, "results", 0, "locations"], ["runs", 0, "results", 0, "locations", 0],
    ["runs", 0, "results", 0, "locations", 0, "physicalLocation"],
    ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation"],
    ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri"],
    ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "region"],
    ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "region", "startLine"],
    ["runs", 0, "invocations"], ["runs", 0, "invocations", 0],
    ["runs", 0, "invocations", 0, "executionSuccessful"],
    ["runs", 0, "invocations", 0, "toolExecutionNotifications"],
    ["runs", 0, "invocations", 0, "toolExecutionNotifications", 0],
]


def sample_sarif():
    """A small ctxguard SARIF log with every member the readers use."""
    location = {"physicalLocation": {"artifactLocation": {"uri": "witness.cpp",
                                                          "uriBaseId": "%SRCROOT%"},
                                     "region": {"startLine": 2, "startColumn": 43}}}
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ctxguard", "version": "0.1.0",
                                "rules": [{"id": "ctx-not-first-param"}]}},
            "results": [{"ruleId": "ctx-not-first-param", "ruleIndex": 0, "level": "warning",
                         "message": {"text": "An earlier finding."}, "locations": [location],
                         "partialFingerprints": {"primaryLocationLineHash": "0:1"}}],
            "invocations": [{"executionSuccessful": False, "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "An earlier error."}}]}],
        }],
    }


def replaced(log, position, value):
    if not position:
        return value
    node = log
    for key in position[:-1]:
        node = node[key]
    node[position[-1]] = value
    return log


def same_type(a, b):
    def kind(v):
        if isinstance(v, bool):
            return "boolean"
        if isinstance(v, int):
            return "count" if v >= 0 else "negative"
        return type(v).__name__
    return kind(a) == kind(b)


def malformed_sarif_texts():
    """(name, bytes) of every malformed SARIF input."""
    for position in SARIF_POSITIONS:
        original = sample_sarif()
        for key in position:
            original = original[key]
        where = "-".join(str(k) for k in position) or "top"
        for type_name, value in JSON_VALUES.items():
            if same_type(original, value):
                continue
            yield f"{where}-{type_name}", json.dumps(replaced(sample_sarif(), position, value)).encode()
    yield "not-json", b"this is not json"
    yield "empty", b""
    yield "invalid-utf8", b'{"runs": [], "x": "\xff"}'
    yield "deep-arrays", b'{"runs": [' + b"[" * 100000 + b"]" * 100000 + b"]}"
    yield "deep-unread-member", b'{"runs": [], "properties": ' + b'{"a": ' * 100000 + \
        b"1" + b"}" * 100000 + b"}"
    yield "no-runs", b'{"version": "2.1.0"}'
    yield "huge-number", b'{"runs": [{"results": [{"locations": [{"physicalLocation": ' \
                         b'{"region": {"startLine": 1e400}}}]}]}]}'


def sarif_cases(c):
    for name, text in malformed_sarif_texts():
        c.add("baseline", name, "tool-error",
              ["--baseline", "base.sarif", "witness.cpp", "--", "-std=c++20"],
              {"base.sarif": text, "witness.cpp": WITNESS})
        c.add("merge-sarif", name, "tool-error",
              ["merge-sarif", "good.sarif", "bad.sarif", "-o", "merged.sarif"],
              {"good.sarif": json.dumps(sample_sarif()).encode(), "bad.sarif": text,
               "merged.sarif": STALE}, reports=False, absent=["merged.sarif"])
    # Odd but valid baselines: the witness's finding is new.
    odd = {"no-results": {"runs": [{}]}, "empty-runs": {"runs": []},
           "result-without-location": {"runs": [{"results": [{"ruleId": "x"}]}]},
           "another-tool": {"runs": [{"tool": {"driver": {"name": "other"}}, "results": []}]}}
    for name, log in odd.items():
        c.add("baseline", f"valid-{name}", "findings",
              ["--baseline", "base.sarif", "witness.cpp", "--", "-std=c++20"],
              {"base.sarif": json.dumps(log).encode(), "witness.cpp": WITNESS},
              witness="witness.cpp")
    c.add("merge-sarif", "valid-two-logs", "clean",
          ["merge-sarif", "a.sarif", "b.sarif", "-o", "merged.sarif"],
          {"a.sarif": json.dumps(sample_sarif()).encode(),
           "b.sarif": json.dumps(sample_sarif()).encode(), "merged.sarif": STALE},
          reports=False)
    c.add("merge-sarif", "another-tool", "tool-error",
          ["merge-sarif", "a.sarif", "-o", "merged.sarif"],
          {"a.sarif": json.dumps(replaced(sample_sarif(), ["runs", 0, "tool", "driver", "name"],
                                          "other")).encode(), "merged.sarif": STALE},
          reports=False, absent=["merged.sarif"])


# ---------------------------------------------------------------------------
# Configuration files and option values.

def config_cases(c):
    kind = "config"
    db_args = ["witness.cpp", "--", "-std=c++20"]

    def file_case(name, text, expect="tool-error", names=".clang-tidy", extra=None):
        files = {".clang-tidy": text, "witness.cpp": WITNESS}
        files.update(extra or {})
        c.add(kind, name, expect, db_args, files, names=names,
              witness="witness.cpp" if expect == "findings" else None)

    broken = {
        "unclosed-bracket": b"Checks: [unclosed\n",
        "unclosed-brace": b"CheckOptions: {a: 1\n",
        "unclosed-quote": b"Checks: '-*,ctx-*\n",
        "bad-indentation": b"CheckOptions:\n    a: 1\n  b: 2\n",
        "checks-is-a-map": b"Checks: {a: b}\n",
        "checks-is-a-list-of-lists": b"Checks: [[a]]\n",
        "options-is-a-number": b"CheckOptions: 3\n",
        "unknown-key": b"Checkz: '-*,ctx-*'\n",
        "binary-garbage": bytes(random.Random(5).randrange(256) for _ in range(512)),
        "invalid-utf8": b"Checks: '\xff\xfe'\n",
        "nul-byte": b"Checks: '-*,ctx-*'\0\n",
        "alias": b"Checks: &a '-*,ctx-*'\nWarningsAsErrors: *a\n",
        "header-filter-not-a-regex": b"HeaderFilterRegex: '(unclosed'\n",
        "exclude-filter-not-a-regex": b"ExcludeHeaderFilterRegex: '[a-'\n",
    }
    for name, text in broken.items():
        file_case(name, text)
    # What LLVM's YAML parser and clang-tidy accept, ctxguard accepts too.
    for name, text in {"empty": b"", "tab-indentation": b"CheckOptions:\n\ta: true\n",
                       "checks-as-a-list": b"Checks: ['-*', 'ctx-*']\n",
                       "second-document-ignored": b"Checks: '-*,ctx-*'\n---\nChecks: '-*'\n"
                       }.items():
        file_case(name, text, "findings")
    # A broken parent behind InheritParentConfig.
    c.add(kind, "broken-inherited-parent", "tool-error", ["sub/witness.cpp", "--", "-std=c++20"],
          {".clang-tidy": b"Checks: [\n", "sub/.clang-tidy": b"InheritParentConfig: true\n",
           "sub/witness.cpp": WITNESS}, names=".clang-tidy")

    deep = {
        "brackets": b"Checks: " + b"[" * 30000,
        "braces": b"{a: " * 30000,
        "dashes": b"- " * 30000 + b"x\n",
        "indentation": b"".join(b" " * i + b"k:\n" for i in range(2000)),
    }
    for name, text in deep.items():
        file_case(f"deep-{name}-clang-tidy", text)
        c.add(kind, f"deep-{name}-config-file", "tool-error",
              ["--config-file", "deep.yaml"] + db_args, {"deep.yaml": text, "witness.cpp": WITNESS},
              names="deep.yaml")
        if b"\n" not in text.rstrip(b"\n"):
            c.add(kind, f"deep-{name}-config", "tool-error",
                  ["--config", os.fsdecode(text)] + db_args, {"witness.cpp": WITNESS})
    # Just under the limit: reaches the YAML parser, which must cope.
    c.add(kind, "nested-250-reaches-parser", "tool-error",
          ["--config", "Checks: " + "[" * 250 + "]" * 250] + db_args, {"witness.cpp": WITNESS})
    c.add(kind, "config-and-config-file", "tool-error",
          ["--config", "{}", "--config-file", "x.yaml"] + db_args,
          {"witness.cpp": WITNESS, "x.yaml": b"{}"})
    c.add(kind, "config-file-missing", "tool-error", ["--config-file", "none.yaml"] + db_args,
          {"witness.cpp": WITNESS})
    c.add(kind, "config-file-is-a-directory", "tool-error", ["--config-file", "d"] + db_args,
          {"witness.cpp": WITNESS, "d/keep": b""})


def option_value_cases(c):
    kind = "option-value"
    db_args = ["witness.cpp", "--", "-std=c++20"]
    options = {"ctx-lost-cancel.RequireDefer": "ctx-lost-cancel",
               "ctx-blocking-without-done.FlagJoins": "ctx-blocking-without-done"}
    invalid = {"banana": "banana", "maybe": "maybe", "empty": "''", "fraction": "1.5",
               "two-words": "'true false'", "list": "[true]", "map": "{a: true}"}
    valid = {"yes": "yes", "zero": "0", "on": "ON", "two": "2", "true": "TRUE"}
    for option, check in options.items():
        short = option.split(".")[1]
        for values, expect in ((invalid, "tool-error"), (valid, "findings")):
            for name, value in values.items():
                checks = f"-*,ctx-not-first-param,{check}"
                yaml = f"Checks: '{checks}'\nCheckOptions:\n  {option}: {value}\n".encode()
                # A list or map value is not an option string: the file does not parse.
                names = ".clang-tidy" if value.startswith(("[", "{")) else None
                witness = "witness.cpp" if expect == "findings" else None
                stderr = ["invalid configuration"] if expect == "tool-error" else []
                c.add(kind, f"{short}-{name}-clang-tidy", expect, db_args,
                      {".clang-tidy": yaml, "witness.cpp": WITNESS}, names=names,
                      witness=witness, stderr=stderr)
                inline = f"{{Checks: '{checks}', CheckOptions: {{{option}: {value}}}}}"
                c.add(kind, f"{short}-{name}-config", expect, ["--config", inline] + db_args,
                      {"witness.cpp": WITNESS}, witness=witness, stderr=stderr)
    # Unknown option names are ignored, as clang-tidy ignores them.
    c.add(kind, "unknown-option-name", "findings",
          ["--config", "{CheckOptions: {ctx-lost-cancel.NoSuchOption: 1}}"] + db_args,
          {"witness.cpp": WITNESS}, witness="witness.cpp")


# ---------------------------------------------------------------------------
# Write failures and the command line.

def write_failure_cases(c):
    kind = "write-failure"
    src = ["witness.cpp", "--", "-std=c++20"]
    files = {"witness.cpp": WITNESS}
    for name, args in {"sarif-dev-full": ["--sarif", "/dev/full"],
                       "text-output-dev-full": ["-o", "/dev/full"],
                       "json-output-dev-full": ["--format", "json", "-o", "/dev/full"],
                       "sarif-output-dev-full": ["--format", "sarif", "-o", "/dev/full"],
                       "export-fixes-dev-full": ["--export-fixes", "/dev/full"],
                       "missing-directory": ["--sarif", "no/such/dir/out.sarif"],
                       "output-is-a-directory": ["-o", "adir"]}.items():
        c.add(kind, name, "tool-error", args + src, {**files, "adir/keep": b""}, reports=False,
              stderr=["cannot write"])
    for fmt in ("text", "json", "sarif"):
        c.add(kind, f"stdout-{fmt}-dev-full", "tool-error", ["--format", fmt] + src, files,
              reports=False, stdout="/dev/full", stderr=["cannot write to stdout"])
    for name, args in {"help": ["--help"], "version": ["--version"],
                       "list-checks": ["--list-checks"]}.items():
        c.add(kind, f"{name}-stdout-dev-full", "tool-error", args, {}, reports=False,
              stdout="/dev/full", stderr=["cannot write to stdout"])
    sarif = json.dumps(sample_sarif()).encode()
    c.add(kind, "merge-output-dev-full", "tool-error",
          ["merge-sarif", "a.sarif", "-o", "/dev/full"], {"a.sarif": sarif}, reports=False)
    c.add(kind, "merge-stdout-dev-full", "tool-error", ["merge-sarif", "a.sarif"],
          {"a.sarif": sarif}, reports=False, stdout="/dev/full")
    # A disk that fills up: the stale SARIF must go, not stay as if current.
    c.add(kind, "disk-full-removes-stale-sarif", "tool-error", ["--sarif", "big.sarif"] + src,
          {**files, "big.sarif": STALE}, reports=False, fsize=4096, absent=["big.sarif"],
          stderr=["File too large"])
    # Through /dev/stdout into the shell's redirection: written in place.
    c.add(kind, "dev-stdout-redirected-to-a-file", "findings",
          ["--format", "json", "-o", "/dev/stdout"] + src, {**files, "redirected.json": STALE},
          reports=False, stdout="redirected.json", json_report="redirected.json")
    c.add(kind, "invalid-utf8-output-name", "findings",
          ["--sarif", os.fsdecode(b"out\xff.sarif")] + src, files, reports=False,
          witness=None)


def cli_cases(c):
    kind = "cli"
    src = ["witness.cpp", "--", "-std=c++20"]
    files = {"witness.cpp": WITNESS}
    for name, value in {"minus-one": "-1", "zero": "0", "word": "abc", "empty": "",
                        "fraction": "1.5", "overflow": "99999999999"}.items():
        c.add(kind, f"jobs-{name}", "tool-error", ["-j", value] + src, files, stderr=["-j wants"])
    c.add(kind, "jobs-many", "findings", ["-j", "4096"] + src, files, witness="witness.cpp")
    for name, value in {"zero": "0/1", "past": "2/1", "letters": "a/b", "no-count": "1/0",
                        "empty": ""}.items():
        c.add(kind, f"shard-{name}", "tool-error", ["--shard", value] + src, files)
    for name, args in {"format-xml": ["--format", "xml"], "unknown-option": ["--frobnicate"],
                       "timeout-negative": ["--timeout", "-5"],
                       "checks-none": ["--checks", "-*"],
                       "checks-unknown": ["--checks", "-*,ctx-no-such-check"],
                       "header-filter-not-a-regex": ["--header-filter", "("]}.items():
        c.add(kind, name, "tool-error", args + src, files)
    c.add(kind, "missing-build-dir", "tool-error", ["-p", "no-such-build"], files)
    c.add(kind, "build-dir-is-a-file", "tool-error", ["-p", "witness.cpp"], files)
    c.add(kind, "nothing-to-analyze", "tool-error", [], {})
    c.add(kind, "flags-without-files", "tool-error", ["--", "-std=c++20"], {})


KINDS = [deep_sources, bytes_cases, path_cases, compile_db_cases, sarif_cases, config_cases,
         option_value_cases, write_failure_cases, cli_cases]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--runtime-include", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    corpus = Corpus(os.path.abspath(args.out), os.path.abspath(args.runtime_include))
    for generate in KINDS:
        generate(corpus)
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(corpus.cases, f, indent=1)
    counts = {}
    for case in corpus.cases:
        counts[case["kind"]] = counts.get(case["kind"], 0) + 1
    print(f"{len(corpus.cases)} cases: " + ", ".join(f"{k} {n}" for k, n in counts.items()))


if __name__ == "__main__":
    main()

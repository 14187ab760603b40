"""What the driver must do with each class of hostile input.

Every generated case names one class. The runner (run.py) checks, for every
case: the process never ends by a signal or a timeout, never reports an
internal error, never leaks clang's "Processing file" lines, and every SARIF
and JSON report it leaves is complete and current (never the stale file the
case starts with). On top of that, each class fixes the exit codes allowed
and whether a crash of the analysis is tolerated.

The class marked LOOSENED accepts a crash of the analysis of one translation
unit because Clang's own parser overflows its stack there; the driver's
isolation must still turn it into a tool error naming that translation unit
while every other translation unit's findings are reported. No ctx check may
crash: the core's traversal is iterative and the CFG of a deep body is built
on a stack sized for it.
"""

EXPECTATIONS = {
    # The hostile part is harmless: a complete run, the witness's findings.
    "findings": {"exit": [1], "crash_ok": False},
    # Nothing to report and nothing wrong.
    "clean": {"exit": [0], "crash_ok": False},
    # A clear tool error (bad input, option, configuration, write failure);
    # the analysis must not crash on the way.
    "tool-error": {"exit": [2], "crash_ok": False},
    # Clang is made to crash on purpose (#pragma clang __debug crash, ...):
    # always a tool error for that translation unit, the others reported.
    "clang-crash": {"exit": [2], "crash_ok": True},
    # LOOSENED: Clang's own parser recurses once per nesting level and
    # overflows an 8 MiB stack (clang++-22 -fsyntax-only crashes too); with
    # a larger stack (ulimit -s) the file compiles. Either way, never a lost
    # run.
    "deep-for-clang": {"exit": [1, 2], "crash_ok": True},
}

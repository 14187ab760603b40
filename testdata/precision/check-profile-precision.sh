#!/usr/bin/env bash
# Precision guards of the library profiles (docs/profiles.md): the libraries'
# own examples, in testdata/precision/profiles/, written as their
# documentation writes them. Runs clang-tidy-22 with the plugin and every
# ctx-* check over each *.cc / *.cpp there.
#
# usage: check-profile-precision.sh MODE CLANG_TIDY PLUGIN SOURCE_DIR [COMPILER_FLAGS...]
#   MODE silent  no ctx-* finding and no compiler error in any file (the
#                NOLINT comments of the examples apply)
#   MODE nolint  every NOLINT is needed: with its NOLINT comments removed, a
#                file gets exactly one warning of each NOLINT's check on its
#                line, and nothing else. A NOLINT must name its check and give
#                a reason after a colon. Files whose header says `PENDING:`
#                (behaviour not implemented yet) are skipped; exit 77 (CTest's
#                skip) when every file with a NOLINT is.
#   COMPILER_FLAGS come after -std=c++20 (the gRPC stubs' -I and grpc++'s flags).
set -uo pipefail
mode=$1 tidy=$2 plugin=$3 src=$4
shift 4
flags=(-std=c++20 "$@")
dir=$src/testdata/precision/profiles
config="{Checks: '-*,ctx-*'}"
mapfile -t files < <(find "$dir" -maxdepth 1 \( -name '*.cc' -o -name '*.cpp' \) | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "no files in $dir" >&2
  exit 1
fi

run_tidy() { "$tidy" --load="$plugin" --config="$config" --quiet "$1" -- "${flags[@]}" 2>&1; }

status=0
case $mode in
silent)
  for f in "${files[@]}"; do
    out=$(run_tidy "$f")
    rc=$?
    if grep -qE '(warning|note|error): ' <<<"$out" || [ $rc -ne 0 ]; then
      echo "FAIL $f (clang-tidy exit $rc):"
      echo "$out"
      status=1
    else
      echo "ok   ${f#"$src"/}"
    fi
  done
  echo "${#files[@]} files checked"
  ;;
nolint)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  audited=0 pending=0
  for f in "${files[@]}"; do
    name=$(basename "$f")
    grep -q 'NOLINT' "$f" || continue
    # Each NOLINT names its check and says why.
    if bad=$(grep -nE 'NOLINT' "$f" | grep -vE 'NOLINT(NEXTLINE)?\(ctx-[a-z-]+\): .+'); then
      echo "FAIL $name: a NOLINT without a ctx check and a reason:"
      echo "$bad"
      status=1
    fi
    if grep -qE '^// PENDING: ' "$f"; then
      echo "skip $name (PENDING: $(grep -m1 -E '^// PENDING: ' "$f" | cut -d' ' -f3-))"
      pending=$((pending + 1))
      continue
    fi
    audited=$((audited + 1))
    # The expected warnings: line:check for each NOLINT (the next line for NOLINTNEXTLINE).
    expected=$(grep -noE 'NOLINT(NEXTLINE)?\(ctx-[a-z-]+\)' "$f" |
      sed -E 's/^([0-9]+):NOLINT(NEXTLINE)?\((ctx-[a-z-]+)\)$/\1 =\2 \3/' |
      awk '{ print ($2 == "=NEXTLINE" ? $1 + 1 : $1) ":" $3 }' | sort)
    rm -rf "$work"/*
    cp "$dir"/* "$work"/
    sed -i -E 's@ *// *NOLINT(NEXTLINE)?\(ctx-[a-z-]+\).*$@@' "$work/$name"
    out=$(run_tidy "$work/$name")
    reported=$(grep -E "^$work/$name:[0-9]+:[0-9]+: warning: .*\[ctx-[a-z-]+\]$" <<<"$out" |
      sed -E 's/^[^:]+:([0-9]+):[0-9]+: warning: .*\[(ctx-[a-z-]+)\]$/\1:\2/' | sort)
    if [ "$expected" != "$reported" ] || grep -qE 'error: ' <<<"$out"; then
      echo "FAIL $name: the NOLINT comments do not match what the checks report without them"
      diff <(echo "$expected") <(echo "$reported") | sed -E 's/^</  NOLINT but not reported:/; s/^>/  reported without a NOLINT:/'
      echo "$out"
      status=1
    else
      echo "ok   $name ($(wc -l <<<"$expected") NOLINT)"
    fi
  done
  if [ $status -eq 0 ] && [ $audited -eq 0 ] && [ $pending -gt 0 ]; then
    echo "every file with a NOLINT is PENDING: skipped"
    exit 77
  fi
  ;;
*)
  echo "unknown mode $mode" >&2
  exit 2
  ;;
esac
exit $status

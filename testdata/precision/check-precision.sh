#!/usr/bin/env bash
# Precision guard: every ctx-* check must stay silent on code that is correct
# or does not use the runtime. Runs clang-tidy-22 with the plugin over one
# group of files and fails on any ctx-* diagnostic or any compiler error.
#
# usage: check-precision.sh CLANG_TIDY PLUGIN BUILD_DIR SOURCE_DIR GROUP
#   GROUP runtime  the runtime's sources and tests (from BUILD_DIR's compile_commands.json)
#   GROUP project  the analyzer's own sources (checks/, driver/, testdata/harness/)
#   GROUP stl      testdata/precision/stl_heavy.cpp: most of the standard library, no runtime
set -uo pipefail
tidy=$1 plugin=$2 build=$3 src=$4 group=$5
config="{Checks: '-*,ctx-*', HeaderFilterRegex: '$src/(runtime|checks|driver|testdata)/.*'}"

files_under() {
  local pattern=$1
  grep -o '"file": *"[^"]*"' "$build/compile_commands.json" | sed -E 's/.*"file": *"([^"]*)"/\1/' |
    grep -E "^$src/($pattern)/" | grep -v '/build' | sort -u
}

case $group in
  runtime) mapfile -t files < <(files_under 'runtime') ;;
  project) mapfile -t files < <(files_under 'checks|driver|testdata/harness') ;;
  stl) files=("$src/testdata/precision/stl_heavy.cpp") ;;
  *) echo "unknown group $group" >&2; exit 2 ;;
esac
if [ ${#files[@]} -eq 0 ]; then
  echo "no files in group $group (is $build/compile_commands.json there?)" >&2
  exit 1
fi

status=0
for f in "${files[@]}"; do
  if [ "$group" = stl ]; then
    out=$("$tidy" --load="$plugin" --config="$config" --quiet "$f" -- -std=c++20 2>&1)
  else
    out=$("$tidy" --load="$plugin" --config="$config" --quiet -p "$build" "$f" 2>&1)
  fi
  rc=$?
  findings=$(grep -E '(warning|note|error): ' <<<"$out")
  if [ -n "$findings" ] || [ $rc -ne 0 ]; then
    echo "FAIL $f (clang-tidy exit $rc):"
    echo "$out"
    status=1
  else
    echo "ok   $f"
  fi
done
echo "${#files[@]} files checked in group $group"
exit $status

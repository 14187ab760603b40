#!/usr/bin/env bash
# The plugin as users load it: clang-tidy-22 --load lists every ctx-* check
# that has a doc page, and --dump-config shows the options the catalogue
# names. usage: check-plugin.sh CLANG_TIDY PLUGIN DOCS_DIR
set -uo pipefail
tidy=$1 plugin=$2 docs=$3
status=0
fail() { echo "FAIL: $*"; status=1; }

listed=$("$tidy" --load="$plugin" --checks='-*,ctx-*' --list-checks 2>&1) || fail "--list-checks exited $?"
checks=()
for page in "$docs"/ctx-*.md; do
  name=$(basename "$page" .md)
  checks+=("$name")
  grep -qx "    $name" <<<"$listed" || fail "$name has a doc page but is not listed"
done
[ ${#checks[@]} -ge 9 ] || fail "only ${#checks[@]} documented checks"
extra=$(grep -E '^\s+ctx-' <<<"$listed" | wc -l)
[ "$extra" -eq ${#checks[@]} ] || fail "$extra checks listed, ${#checks[@]} documented"

config=$("$tidy" --load="$plugin" --checks='-*,ctx-*' --dump-config 2>&1) || fail "--dump-config exited $?"
for option in ctx-lost-cancel.RequireDefer ctx-lost-cancel.CancelSources ctx-lost-cancel.ScopeGuards \
  ctx-background-mid-flow.RootFunctions ctx-background-mid-flow.AllowedFunctions \
  ctx-stored-in-struct.AllowedRecords ctx-blocking-without-done.BlockingFunctions \
  ctx-blocking-without-done.AllowTimerBoundedWaits ctx-blocking-without-done.FlagJoins \
  ctx-not-first-param.AllowTypesBefore ctx-value-key-type.WithValueFunctions \
  ctx-nil-context.PlaceholderRootFunctions ctx-loop-without-done.TimerFunctions \
  ctx-jthread-foreign-token.Profiles ctx-rpc-without-deadline.DeadlineFunctions \
  ctx-loop-without-done.TokenTypes; do
  grep -q "$option:" <<<"$config" || fail "--dump-config lacks $option"
done

# Every option a check shows (its own, and one per role it reads) is on its
# doc page, written `Option`.
while IFS= read -r line; do
  [[ $line =~ ^[[:space:]]*(ctx-[a-z-]+)\.([A-Za-z]+): ]] || continue
  check=${BASH_REMATCH[1]} option=${BASH_REMATCH[2]}
  [ -f "$docs/$check.md" ] || continue
  grep -q "\`$option\`" "$docs/$check.md" || fail "$check.$option is not documented in $check.md"
done <<<"$config"

# An option set in a configuration comes back in --dump-config.
custom=$("$tidy" --load="$plugin" --dump-config \
  --config="{Checks: '-*,ctx-lost-cancel', CheckOptions: {ctx-lost-cancel.RequireDefer: true}}" 2>&1)
grep -Eq "ctx-lost-cancel.RequireDefer: *'?true" <<<"$custom" || fail "RequireDefer=true does not round-trip"

[ $status -eq 0 ] && echo "plugin lists ${#checks[@]} checks and their options"
exit $status

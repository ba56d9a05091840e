#!/usr/bin/env bash
# test.sh -- run every test (as root): bring the demo stack up, luacheck + busted on prosody-plugin/,
# then `mvn verify` with the real-stack tests on. Every suite runs; exits non-zero if any failed.
set -euo pipefail
LOG_TAG="test"
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO"

FAILED=()

# The stack's own progress lines are short; the summary is not needed here. A failure does not
# stop the run: the unit tests still say something, and the real-stack tests say what is missing.
stack_up() {
  log "bringing the stack up (scripts/stack-up.sh)"
  bash scripts/stack-up.sh --quiet || FAILED+=(stack-up)   # the tests below then say what is missing
}

lua_tests() {
  local dir=prosody-plugin
  if [ -z "$(find "$dir" -name '*.lua' -print -quit 2>/dev/null)" ]; then
    log "no Lua files in $dir/: luacheck and busted skipped"
    return 0
  fi
  log "luacheck $dir/"
  (cd "$dir" && luacheck --no-color .) || FAILED+=(luacheck)
  if [ -z "$(find "$dir" -name '*_spec.lua' -print -quit)" ]; then
    log "no *_spec.lua in $dir/: busted skipped"
    return 0
  fi
  log "busted $dir/"
  # With a .busted file busted takes its roots from there; without, search the whole directory.
  if [ -f "$dir/.busted" ]; then
    (cd "$dir" && busted -o plainTerminal) || FAILED+=(busted)
  else
    (cd "$dir" && busted -o plainTerminal .) || FAILED+=(busted)
  fi
}

maven_tests() {
  log "mvn verify (unit tests and the real-stack tests against $BASE)"
  mvn -B --no-transfer-progress -Dstyle.color=never verify -DskipStackTests=false -Dwarden.stack.base="$BASE" || FAILED+=(maven)
}

main() {
  require_root
  stack_up
  lua_tests
  maven_tests
  if [ ${#FAILED[@]} -gt 0 ]; then
    log "FAILED: ${FAILED[*]}"
    exit 1
  fi
  log "all tests passed"
}

main "$@"

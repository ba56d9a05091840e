#!/usr/bin/env bash
# stack-down.sh -- stop the demo stack's daemons (warden, prosody, saslauthd, krb5kdc).
#   --purge   also delete all state under $WARDEN_STACK_BASE (default /var/lib/warden-demo), so the
#             next stack-up.sh starts from nothing. Packages, the warden user and group
#             memberships stay.
# Only this stack's processes are touched: each one is checked against its program name and a
# path under BASE on its command line (see daemon_marker in lib.sh).
set -euo pipefail
LOG_TAG=stack-down
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  local purge=0 i
  case ${1:-} in
    --purge) purge=1 ;;
    "") ;;
    *) die "usage: stack-down.sh [--purge]" ;;
  esac
  require_root
  check_base
  take_lock
  for (( i = ${#DAEMONS[@]} - 1; i >= 0; i-- )); do
    stop_daemon "${DAEMONS[i]}"
  done
  if [ "$purge" = 1 ] && [ -e "$BASE" ]; then
    log "deleting $BASE"
    rm -rf -- "$BASE"
  fi
}

main "$@"

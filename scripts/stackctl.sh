#!/usr/bin/env bash
# stackctl.sh -- control one daemon of the demo stack (what the real-stack tests use to break things).
#   stackctl.sh start|stop|restart|kill <kdc|saslauthd|prosody|warden>
#   stackctl.sh pause|resume kdc         SIGSTOP / SIGCONT (a hung backend; any daemon is accepted)
#   stackctl.sh status [daemon]          exit 0 if running (or paused), 3 if not
# start and restart return once the daemon is ready (port, socket, or for warden a
# "link state: CONNECTED" log line written after this start) and exit non-zero otherwise.
# The files the daemons read are written by stack-up.sh; this script only starts and stops.
set -euo pipefail
LOG_TAG=stackctl
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  echo "usage: stackctl.sh <start|stop|restart|kill|pause|resume|status> <kdc|saslauthd|prosody|warden>" >&2
  exit 2
}

status_of() {
  local name=$1 pid
  pid=$(daemon_pid "$name") || true
  if [ -z "$pid" ]; then
    echo "$name: stopped"
    return 3
  fi
  local state=running
  daemon_paused "$name" && state=paused
  if [ "$name" = warden ]; then
    echo "$name: $state (pid $pid, link state: $(warden_link_state))"
  else
    echo "$name: $state (pid $pid)"
  fi
}

cmd_start() {
  if [ -n "$(daemon_pid "$1")" ]; then
    log "$1 is already running (pid $(daemon_pid "$1"))"
    return 0
  fi
  none_left "$1" || stop_daemon "$1"   # leftovers without a valid pid file (saslauthd workers)
  start_daemon "$1"
}

cmd_signal() { # DAEMON SIGNAL VERB
  signal_daemon "$1" "$2" || die "$1 is not running"
  log "$1 ${3}d (SIG$2)"
}

main() {
  [ $# -ge 1 ] || usage
  local action=$1 name=${2:-}
  require_root
  check_base
  if [ "$action" = status ]; then
    local rc=0 d
    for d in ${name:-"${DAEMONS[@]}"}; do
      daemon_pidfile "$d" >/dev/null
      status_of "$d" || rc=3
    done
    exit "$rc"
  fi
  [ $# -eq 2 ] || usage
  daemon_pidfile "$name" >/dev/null   # dies on an unknown daemon name
  take_lock
  case $action in
    start)   cmd_start "$name" ;;
    stop)    stop_daemon "$name" ;;
    kill)    stop_daemon "$name" --kill ;;
    restart) stop_daemon "$name"; start_daemon "$name" ;;
    pause)   cmd_signal "$name" STOP pause ;;
    resume)  cmd_signal "$name" CONT resume ;;
    *) usage ;;
  esac
}

main "$@"

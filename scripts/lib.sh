# lib.sh -- settings and daemon control shared by stack-up.sh, stack-down.sh, stackctl.sh and test.sh.
# Sourced, not run. Callers set `set -euo pipefail` and LOG_TAG.
# shellcheck shell=bash
shopt -s extglob   # daemon_group_comm patterns

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=${WARDEN_STACK_BASE:-/var/lib/warden-demo}
DOMAIN=coop.test
REALM=COOP.TEST
ADMIN_JID=admin1@$DOMAIN
KDC_PORT=88
C2S_PORT=5222
COMPONENT_PORT=5347
HTTP_PORT=5280
CERT=$BASE/prosody/certs/$DOMAIN.crt
WARDEN_LOG=$BASE/warden/log/warden.log
WARDEN_READY='link state: CONNECTED'   # the component logs this once the XEP-0114 handshake succeeds
# shellcheck disable=SC2034 # used by the scripts that source this
DAEMONS=(kdc saslauthd prosody warden) # start order; stop in reverse

PACKAGES=(prosody prosody-modules lua-cyrussasl sasl2-bin libsasl2-modules
          krb5-kdc krb5-admin-server krb5-user openssl
          default-jdk-headless maven lua-busted lua-check python3)

# The KDC tools and saslauthd read our files, never /etc/krb5.conf or /etc/krb5kdc/kdc.conf.
export KRB5_CONFIG=$BASE/krb5/krb5.conf
export KRB5_KDC_PROFILE=$BASE/krb5/kdc.conf

LOG_TAG=${LOG_TAG:-stack}
log()  { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2; DIED=1; exit 1; }

# set -e exits without a word; say where, unless die already explained.
set -E
trap 'FAILED_AT="${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
trap 'report_unexpected_exit $?' EXIT
report_unexpected_exit() {
  [ "$1" = 0 ] || [ -n "${DIED:-}" ] || [ -z "${FAILED_AT:-}" ] \
    || printf '[%s] ERROR: unexpected failure (exit %s) at %s\n' "$LOG_TAG" "$1" "$FAILED_AT" >&2
}

require_root() { [ "$(id -u)" = 0 ] || die "run this as root (it starts daemons as their own users)"; }

# One stack-changing script at a time per BASE: two stack-up runs, or a stack-up and a test's
# stackctl, would otherwise restart each other's daemons. The lock sits beside BASE (it outlives
# --purge) on fd 9, which every daemon launch closes so that no daemon inherits the lock.
take_lock() {
  exec 9>>"${BASE%/}.lock"
  flock -w 600 9 || die "another stack script has held ${BASE%/}.lock for 10 minutes"
}

# BASE is pasted into Lua, HOCON and krb5 files and handed to rm -rf: keep it to plain path characters.
check_base() {
  [[ $BASE =~ ^/[A-Za-z0-9._/-]+$ && $BASE != *..* && ${BASE%/} != "" ]] \
    || die "WARDEN_STACK_BASE must be an absolute path of letters, digits, . _ - / (got '$BASE')"
}

# ------------------------------------------------------------------ waiting

# wait_for SECONDS COMMAND...: poll every 0.1 s until COMMAND succeeds.
wait_for() {
  local tries=$(( $1 * 10 )); shift
  until "$@"; do
    (( --tries > 0 )) || return 1
    sleep 0.1
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports_open() { local p; for p in "$@"; do port_open "$p" || return 1; done; }

# log_has_after FILE OFFSET PATTERN: PATTERN occurs in what was appended to FILE after byte OFFSET.
log_has_after() { tail -c "+$(( $2 + 1 ))" "$1" 2>/dev/null | grep -qF -- "$3"; }
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }

# --------------------------------------------------------------- daemon table

daemon_pidfile() {
  case $1 in
    kdc)       echo "$BASE/krb5/krb5kdc.pid" ;;
    saslauthd) echo "$BASE/saslauthd/mux/saslauthd.pid" ;;
    prosody)   echo "$BASE/prosody/run/prosody.pid" ;;
    warden)    echo "$BASE/warden/run/warden.pid" ;;
    *) die "unknown daemon '$1' (kdc, saslauthd, prosody, warden)" ;;
  esac
}

# A string on the command line of this stack's instance only: another Prosody or saslauthd
# on the same machine (the reference machine had one) is never touched.
daemon_marker() {
  case $1 in
    kdc)       echo "$BASE/krb5/krb5kdc.pid" ;;
    saslauthd) echo "$BASE/saslauthd/mux" ;;
    prosody)   echo "$BASE/prosody/prosody.cfg.lua" ;;
    warden)    echo "$BASE/warden/warden.jar" ;;
  esac
}

# Expected /proc/<pid>/comm of the main process, the one in the pid file (a glob: Prosody is a Lua script).
daemon_comm() {
  case $1 in
    kdc) echo krb5kdc ;; saslauthd) echo saslauthd ;; prosody) echo 'lua*' ;; warden) echo java ;;
  esac
}

# The same for every process of the daemon. Warden's JVM has a runuser parent that mirrors it: when
# the JVM is stopped (SIGSTOP) runuser stops itself, so it must be continued as well.
daemon_group_comm() {
  case $1 in
    warden) echo '@(java|runuser)' ;;
    *) daemon_comm "$1" ;;
  esac
}

# Files whose change means a running daemon must be restarted to pick it up (relative to BASE).
daemon_inputs() {
  case $1 in
    kdc)       echo krb5/krb5.conf krb5/kdc.conf ;;
    saslauthd) echo krb5/krb5.conf saslauthd/saslauthd.conf krb5/saslauthd.keytab ;;
    prosody)   echo prosody/prosody.cfg.lua prosody/certs prosody/plugins sasl2/xmpp.conf ;;
    warden)    echo warden/warden.jar warden/warden.conf secret/component-secret ;;
  esac
}

# proc_is PID COMM_GLOB MARKER: the process runs that program with MARKER on its command line.
# No subshells in here: daemon_pids calls it for every process, ten times a second while waiting.
proc_is() {
  local comm args=()
  read -r comm 2>/dev/null < "/proc/$1/comm" || return 1
  # shellcheck disable=SC2053 # the program name is a glob on purpose
  [[ $comm == $2 ]] || return 1
  mapfile -d '' args 2>/dev/null < "/proc/$1/cmdline" || return 1
  [[ " ${args[*]} " == *"$3"* ]]
}

# is_ours PID DAEMON: PID is that daemon of this stack.
is_ours() {
  [[ $1 =~ ^[0-9]+$ ]] && proc_is "$1" "$(daemon_comm "$2")" "$(daemon_marker "$2")"
}

# daemon_pid DAEMON: the pid from its pid file, if that process is still ours.
daemon_pid() {
  local pid=""
  read -r pid 2>/dev/null < "$(daemon_pidfile "$1")" || true
  is_ours "$pid" "$1" && echo "$pid"
}

# daemon_pids DAEMON [COMM]: every process of it, found by marker: the pid file alone misses saslauthd's
# forked workers (they outlive a SIGKILLed master), warden's runuser parent, and a daemon whose
# pid file was lost. COMM narrows the search to one program.
daemon_pids() {
  local comm marker d
  comm=${2:-$(daemon_group_comm "$1")}
  marker=$(daemon_marker "$1")
  for d in /proc/[0-9]*; do
    proc_is "${d#/proc/}" "$comm" "$marker" && echo "${d#/proc/}"
  done
  return 0
}

daemon_paused() { # the main process is in state T (SIGSTOP)
  local pid stat
  pid=$(daemon_pid "$1") || return 1
  read -r stat 2>/dev/null < "/proc/$pid/stat" || return 1
  [[ ${stat##*) } == T* ]]
}

signal_daemon() { # DAEMON SIGNAL
  local pids
  if [ "$2" = STOP ]; then
    # Not warden's runuser: it stops itself when its child stops and continues the child when it
    # is continued; stopping it too leaves it stopped after a resume.
    pids=$(daemon_pids "$1" "$(daemon_comm "$1")")
  else
    pids=$(daemon_pids "$1")
  fi
  [ -n "$pids" ] || return 1
  # shellcheck disable=SC2086 # one pid per word
  kill "-$2" $pids 2>/dev/null || true
}

none_left() { [ -z "$(daemon_pids "$1")" ]; }

# stop_daemon DAEMON [--kill]: TERM (or KILL, like a crash), wait up to 10 s, then KILL what is left.
stop_daemon() {
  local name=$1 pids
  pids=$(daemon_pids "$name")
  if [ -z "$pids" ]; then
    log "$name is not running"
  elif [ "${2:-}" = --kill ]; then
    log "killing $name (SIGKILL, pid ${pids//$'\n'/ })"
    signal_daemon "$name" KILL || true
    wait_for 5 none_left "$name" || die "$name survived SIGKILL"
  else
    log "stopping $name (pid ${pids//$'\n'/ })"
    signal_daemon "$name" TERM || true
    signal_daemon "$name" CONT || true   # a paused (SIGSTOPped) daemon acts on TERM only once continued
    if ! wait_for 10 none_left "$name"; then
      warn "$name did not exit within 10 s: sending SIGKILL"
      signal_daemon "$name" KILL || true
      wait_for 5 none_left "$name" || die "$name survived SIGKILL"
    fi
  fi
  # After a KILL, leave the pid file and socket behind as a crash would; start_X clears them.
  [ "${2:-}" != --kill ] || return 0
  rm -f "$(daemon_pidfile "$name")"
  [ "$name" != saslauthd ] || rm -f "$BASE/saslauthd/mux/mux" "$BASE/saslauthd/mux/mux.accept"
}

# --------------------------------------------------------------- starting

# Each start_X returns once X is ready, or dies with the reason. They use files stack-up.sh wrote.

start_kdc() {
  [ -e "$BASE/krb5/db/principal" ] || die "no KDC database under $BASE/krb5: run scripts/stack-up.sh first"
  rm -f "$(daemon_pidfile kdc)"
  # Daemons get no terminal: a caller reading our output through a pipe (the tests) would wait for them.
  krb5kdc -P "$(daemon_pidfile kdc)" </dev/null >>"$BASE/krb5/krb5kdc.stdout" 2>&1 9>&- \
    || die "krb5kdc failed to start (see $BASE/krb5/krb5kdc.stdout and kdc.log)"
  if ! { wait_for 10 port_open "$KDC_PORT" && wait_for 5 daemon_pid kdc >/dev/null; }; then
    die "krb5kdc is not listening on 127.0.0.1:$KDC_PORT (see $BASE/krb5/kdc.log)"
  fi
}

saslauthd_ready() { [ -S "$BASE/saslauthd/mux/mux" ] && daemon_pid saslauthd >/dev/null; }

start_saslauthd() {
  [ -s "$BASE/saslauthd/saslauthd.conf" ] || die "no $BASE/saslauthd/saslauthd.conf: run scripts/stack-up.sh first"
  rm -f "$BASE/saslauthd/mux/mux" "$BASE/saslauthd/mux/mux.accept" "$(daemon_pidfile saslauthd)"
  # No -c: saslauthd's credential cache keeps old passwords and disabled principals working.
  saslauthd -a kerberos5 -n 5 -m "$BASE/saslauthd/mux" -O "$BASE/saslauthd/saslauthd.conf" \
      </dev/null >>"$BASE/saslauthd/saslauthd.stdout" 2>&1 9>&- \
    || die "saslauthd failed to start (see $BASE/saslauthd/saslauthd.stdout; run it by hand with -d for more)"
  wait_for 10 saslauthd_ready || die "saslauthd did not create $BASE/saslauthd/mux/mux"
}

prosody_ready() {
  ports_open "$C2S_PORT" "$COMPONENT_PORT" "$HTTP_PORT" && daemon_pid prosody >/dev/null
}

start_prosody() {
  local out=$BASE/prosody/log/prosody.stdout
  [ -s "$BASE/prosody/prosody.cfg.lua" ] || die "no Prosody config: run scripts/stack-up.sh first"
  rm -f "$(daemon_pidfile prosody)"
  own_file "$out" prosody
  # Never as root: Prosody 0.12 then refuses, hangs half-started and holds 5347/5280.
  # runuser applies the supplementary group sasl (the saslauthd socket); SASL_CONF_PATH makes
  # mod_auth_cyrus read our xmpp.conf. cd: the caller's directory may be closed to prosody.
  if ! (cd "$BASE/prosody" && runuser -u prosody -- env SASL_CONF_PATH="$BASE/sasl2" \
          prosody -D --config "$BASE/prosody/prosody.cfg.lua" </dev/null >>"$out" 2>&1 9>&-); then
    tail -n 20 "$out" >&2
    die "prosody failed to start (see $out and $BASE/prosody/log/prosody.err)"
  fi
  if ! wait_for 20 prosody_ready; then
    tail -n 20 "$BASE/prosody/log/prosody.log" >&2 || true
    stop_daemon prosody
    die "prosody did not listen on $C2S_PORT/$COMPONENT_PORT/$HTTP_PORT (see $BASE/prosody/log/)"
  fi
}

start_warden() {
  local jar=$BASE/warden/warden.jar conf=$BASE/warden/warden.conf pidfile offset pid="" tries=300
  if [ ! -s "$jar" ] || [ ! -s "$conf" ]; then
    die "no $jar or $conf: run scripts/stack-up.sh first (it builds and installs the jar)"
  fi
  pidfile=$(daemon_pidfile warden)
  rm -f "$pidfile"
  own_file "$WARDEN_LOG" warden
  offset=$(file_size "$WARDEN_LOG")
  # setsid: the JVM leaves our session, so it outlives this script. All of the background job's fds
  # go to the log: a caller reading our output through a pipe (the tests) must not wait for the JVM.
  # cd: java dies at start-up if it cannot read its working directory (a 0700 checkout, say).
  (cd "$BASE/warden" && exec setsid runuser -u warden -- java -Xmx64m -jar "$jar" --config "$conf") \
    </dev/null >>"$WARDEN_LOG" 2>&1 9>&- &
  # Ready = a readiness line written after this start. runuser forks: the pid file gets the JVM's pid.
  while (( tries-- > 0 )); do
    if [ -z "$pid" ]; then
      pid=$(daemon_pids warden java | head -n 1)
      [ -z "$pid" ] || echo "$pid" > "$pidfile"
    fi
    if [ -n "$pid" ]; then
      log_has_after "$WARDEN_LOG" "$offset" "$WARDEN_READY" && return 0
      is_ours "$pid" warden || { rm -f "$pidfile"; warden_failed "warden exited during start-up"; }
    elif (( tries < 200 )); then
      warden_failed "warden (java) did not start within 10 s"
    fi
    sleep 0.1
  done
  stop_daemon warden
  warden_failed "warden did not log '$WARDEN_READY' within 30 s"
}

warden_failed() {
  tail -n 20 "$WARDEN_LOG" >&2
  die "$1 (see $WARDEN_LOG)"
}

# The last 'link state: X' the component logged (empty if none).
warden_link_state() {
  { tail -c 1000000 "$WARDEN_LOG" 2>/dev/null | grep -o 'link state: [A-Za-z_]*' || true; } | tail -n 1 | cut -d' ' -f3
}

# start_daemon DAEMON: start it, wait until ready, and remember which inputs it started with.
start_daemon() {
  log "starting $1"
  "start_$1"
  inputs_sums "$1" > "$BASE/run/$1.inputs"
  log "$1 is up (pid $(daemon_pid "$1"))"
}

# inputs_sums DAEMON: "sha256  path" for each of the daemon's input files (paths relative to BASE).
inputs_sums() {
  local inputs
  read -r -a inputs <<<"$(daemon_inputs "$1")"
  (cd "$BASE" && find "${inputs[@]}" -type f -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum)
}

# inputs_changed DAEMON: true if its inputs changed since it was started; prints which files.
inputs_changed() {
  local stamp=$BASE/run/$1.inputs changed
  [ -e "$stamp" ] || { echo "inputs (no record of its start)"; return 0; }
  cmp -s <(inputs_sums "$1") "$stamp" && return 1
  changed=$(diff <(inputs_sums "$1") "$stamp" | sed -n 's/^[<>] [0-9a-f]*  //p' | sort -u)
  echo "${changed//$'\n'/ }"
}

# ----------------------------------------------------------------- files

# own_file FILE USER: create FILE owned by USER if missing (a log the daemon itself may append to).
own_file() { [ -e "$1" ] || install -o "$2" -g "$2" -m 0640 /dev/null "$1"; }

# install_text DEST MODE OWNER:GROUP < content. Replaces DEST only when the content differs
# (by rename, so a running reader keeps the old file); the temp file is 0600 while written.
install_text() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  cat > "$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; else mv -f "$tmp" "$1"; fi
  chmod "$2" "$1"
  chown "$3" "$1"
}

# render TEMPLATE DEST MODE OWNER:GROUP [KEY=VALUE...]: stack/TEMPLATE with @KEY@ replaced.
# Done in bash, so values (the component secret) never appear on a command line.
render() {
  local tpl=$REPO/stack/$1 dest=$2 mode=$3 owner=$4 text kv
  shift 4
  text=$(<"$tpl")
  for kv in BASE="$BASE" DOMAIN="$DOMAIN" REALM="$REALM" ADMIN_JID="$ADMIN_JID" KDC_PORT="$KDC_PORT" \
            C2S_PORT="$C2S_PORT" COMPONENT_PORT="$COMPONENT_PORT" HTTP_PORT="$HTTP_PORT" "$@"; do
    text=${text//"@${kv%%=*}@"/"${kv#*=}"}
  done
  [[ ! $text =~ @[A-Z_]+@ ]] || die "stack/$1: placeholder ${BASH_REMATCH[0]} has no value"
  printf '%s\n' "$text" | install_text "$dest" "$mode" "$owner"
}

# ----------------------------------------------------------------- packages

packages_missing() {
  local installed p
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null \
                | awk '$2 == "installed" { print $1 }')
  for p in "${PACKAGES[@]}"; do grep -qx "$p" <<<"$installed" || echo "$p"; done
}

# ensure_packages: apt-get only when something is missing, so re-runs stay fast.
ensure_packages() {
  local missing made_policy=0 rc=0
  missing=$(packages_missing | tr '\n' ' ')
  [ -n "$missing" ] || return 0
  log "installing Debian packages: $missing"
  # Answer krb5-config's questions up front (its postinst writes /etc/krb5.conf, which we never use).
  debconf-set-selections <<EOF
krb5-config krb5-config/default_realm string $REALM
krb5-config krb5-config/kerberos_servers string 127.0.0.1
krb5-config krb5-config/admin_server string 127.0.0.1
krb5-config krb5-config/add_servers_realm string $REALM
krb5-config krb5-config/add_servers boolean false
krb5-config krb5-config/read_conf boolean true
krb5-admin-server krb5-admin-server/kadmind boolean false
krb5-kdc krb5-kdc/debconf boolean true
EOF
  # No init system here: keep postinst scripts from starting the packaged daemons.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  # shellcheck disable=SC2086 # one package per word
  apt-get -o DPkg::Lock::Timeout=300 -q update \
    && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q -y install $missing \
    || rc=$?
  [ "$made_policy" = 0 ] || rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || die "apt-get failed (exit $rc)"
  missing=$(packages_missing | tr '\n' ' ')
  [ -z "$missing" ] || die "still not installed after apt-get: $missing"
}

# ----------------------------------------------------------------- probes
# /usr/bin/python3 (Debian's): a python3 earlier on PATH (pyenv shims) can be slow or lack ssl.

# xmpp_probe mechs DOMAIN            -> the SASL mechanisms offered after STARTTLS, space-separated
# xmpp_probe login DOMAIN USER       -> "success" or "failure: <condition>" (password in $PROBE_PASSWORD)
# TLS is verified against the stack's own certificate, so this also checks its SANs.
xmpp_probe() {
  /usr/bin/python3 - "$1" "$2" "$C2S_PORT" "$CERT" "${3:-}" <<'PY'
import base64, os, re, socket, ssl, sys
mode, domain, port, cafile, user = sys.argv[1:6]
header = ("<?xml version='1.0'?><stream:stream to='%s' version='1.0' xmlns='jabber:client' "
          "xmlns:stream='http://etherx.jabber.org/streams'>" % domain).encode()

def read_until(sock, pattern):
    buf = b""
    while not re.search(pattern, buf):
        data = sock.recv(65536)
        if not data:
            raise EOFError("stream closed: %r" % buf[-300:])
        buf += data
    return buf

try:
    raw = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
    raw.sendall(header)
    read_until(raw, rb"</stream:features>")
    raw.sendall(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    read_until(raw, rb"<proceed")
    tls = ssl.create_default_context(cafile=cafile).wrap_socket(raw, server_hostname=domain)
    tls.sendall(header)
    features = read_until(tls, rb"</stream:features>")
    if mode == "mechs":
        print(" ".join(m.decode() for m in re.findall(rb"<mechanism>([^<]*)</mechanism>", features)))
        tls.sendall(b"</stream:stream>")
        sys.exit(0)
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + os.environ.get("PROBE_PASSWORD", "").encode())
    tls.sendall(b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + b"</auth>")
    answer = read_until(tls, rb"<success|</failure>|<failure[^>]*/>")
    condition = re.search(rb"<failure[^>]*>\s*<([a-z-]+)", answer)
    print("success" if b"<success" in answer else
          "failure: " + (condition.group(1).decode() if condition else "unknown"))
    tls.sendall(b"</stream:stream>")
except Exception as e:  # noqa: BLE001 -- a probe reports, it does not crash
    print("probe error: %s" % e, file=sys.stderr)
    sys.exit(2)
PY
}

# saslauthd_check RUN_AS: alice's password through the mux socket, checked as RUN_AS (root, prosody or
# warden): the socket directory is root:sasl 0710, so this catches a missing group membership.
saslauthd_check() {
  local cmd=(testsaslauthd -u alice -p alice-Secret1 -s xmpp -r "$REALM" -f "$BASE/saslauthd/mux/mux")
  if [ "$1" = root ]; then "${cmd[@]}"; else (cd / && runuser -u "$1" -- "${cmd[@]}"); fi 2>&1 | grep -q '^0: OK'
}

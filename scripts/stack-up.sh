#!/usr/bin/env bash
# stack-up.sh -- bring up the Warden demo stack on Debian 12 (no systemd), as root, idempotently:
#   MIT KDC (realm COOP.TEST, 127.0.0.1:88) -> saslauthd -a kerberos5 -> Prosody 0.12 (coop.test,
#   guest.coop.test, cyrus.coop.test, MUC, breakout) <- XEP-0114 <- the Warden component (Java).
# State lives under $WARDEN_STACK_BASE (default /var/lib/warden-demo). Outside it this script only
# installs Debian packages, creates the system user warden and adds warden and prosody to group sasl.
# Re-running it while up is safe and quick: a daemon is restarted only when its inputs changed.
# Usage: stack-up.sh [--quiet]   (--quiet: one line instead of the summary at the end)
set -euo pipefail
LOG_TAG=stack-up
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NLOAD=${NLOAD:-200}
# focus: a service account (like Jitsi's focus), listed in warden.muc.exempt in stack/warden.conf.in.
DEMO_USERS=(alice bob carol dave erin admin1 focus)
VERIFY_PRINCIPAL=host/saslauthd.$DOMAIN   # saslauthd checks every TGT against this key
KEY=$BASE/prosody/certs/$DOMAIN.key
RESTARTED=" "                             # daemons (re)started by this run

password_of() { printf '%s-Secret1' "$1"; }

make_users() {
  getent group warden >/dev/null || groupadd --system warden
  if ! id -u warden >/dev/null 2>&1; then
    log "creating system user warden"
    useradd --system --gid warden --home-dir "$BASE/warden" --no-create-home --shell /usr/sbin/nologin warden
  fi
  # Group sasl is the only way into the saslauthd socket directory (root:sasl 0710).
  local u
  for u in prosody warden; do
    id -nG "$u" | tr ' ' '\n' | grep -qx sasl || { log "adding $u to group sasl"; usermod -a -G sasl "$u"; }
  done
}

make_dirs() {
  install -d -m 0755 "$BASE" "$BASE/krb5" "$BASE/sasl2" "$BASE/saslauthd" "$BASE/prosody" "$BASE/prosody/certs"
  install -d -m 0700 "$BASE/krb5/db" "$BASE/run"
  install -d -o root -g sasl -m 0710 "$BASE/saslauthd/mux"
  install -d -o prosody -g prosody -m 0750 "$BASE/prosody/data" "$BASE/prosody/log" "$BASE/prosody/run"
  # A file root created in here (a prosodyctl run, a log) silently stops Prosody from writing it.
  chown -R prosody:prosody "$BASE/prosody/data" "$BASE/prosody/log" "$BASE/prosody/run"
  install -d -o root -g warden -m 0750 "$BASE/warden" "$BASE/secret"
  # The JVM's per-user state (JNA's native library cache, java.util.prefs) goes to the home it
  # cannot write itself: give it these two directories.
  install -d -o warden -g warden -m 0750 "$BASE/warden/data" "$BASE/warden/log" \
    "$BASE/warden/.cache" "$BASE/warden/.java"
  install -d -m 0755 "$BASE/warden/run"   # root writes the pid file
}

# ------------------------------------------------------------------ Kerberos

setup_kdc() {
  render krb5.conf.in "$BASE/krb5/krb5.conf" 0644 root:root
  render kdc.conf.in "$BASE/krb5/kdc.conf" 0644 root:root
  if [ ! -e "$BASE/krb5/db/principal" ]; then
    log "creating the $REALM KDC database"
    # The master key is stashed (-s) and never needed again: a random one, given on stdin, not argv.
    local master
    master=$(openssl rand -hex 24)
    printf '%s\n%s\n' "$master" "$master" | kdb5_util create -s -r "$REALM" >/dev/null
  fi
  add_principals
  if ! klist -k "$BASE/krb5/saslauthd.keytab" 2>/dev/null | grep -q "$VERIFY_PRINCIPAL@$REALM"; then
    log "writing the saslauthd keytab ($VERIFY_PRINCIPAL)"
    rm -f "$BASE/krb5/saslauthd.keytab"
    kadmin.local -r "$REALM" -q "ktadd -k $BASE/krb5/saslauthd.keytab $VERIFY_PRINCIPAL" >/dev/null 2>&1
  fi
  chmod 0600 "$BASE/krb5/saslauthd.keytab"
}

# One kadmin.local process for all missing principals: 200 separate runs take a minute.
add_principals() {
  local wanted missing u cmds=""
  wanted=$(printf '%s\n' "${DEMO_USERS[@]}" "$VERIFY_PRINCIPAL"; seq -f 'user%03g' 1 "$NLOAD")
  missing=$(principals_missing "$wanted")
  [ -n "$missing" ] || return 0
  for u in $missing; do
    if [ "$u" = "$VERIFY_PRINCIPAL" ]; then cmds+="addprinc -randkey $u"$'\n'
    else cmds+="addprinc -pw $(password_of "$u") $u"$'\n'; fi
  done
  log "adding $(wc -w <<<"$missing") Kerberos principal(s)"
  # kadmin.local echoes each command: keep the passwords out of its log.
  kadmin.local -r "$REALM" <<<"$cmds" 2>&1 | sed 's/-pw [^ ]*/-pw ****/' > "$BASE/krb5/addprincs.log"
  missing=$(principals_missing "$wanted")
  [ -z "$missing" ] || die "principals not created: $missing (see $BASE/krb5/addprincs.log)"
}

# principals_missing NAMES: those of NAMES (one a line, no realm) not in the KDC database.
principals_missing() {
  kadmin.local -r "$REALM" -q listprincs 2>/dev/null | sed -n "s/@$REALM\$//p" | grep -vxF -f - <(echo "$1") || true
}

# ------------------------------------------------------------------ SASL, TLS, secret

setup_sasl() {
  render saslauthd.conf.in "$BASE/saslauthd/saslauthd.conf" 0644 root:root
  # Read by libsasl2 inside Prosody and inside Warden: no secret in it, world-readable on purpose.
  render xmpp.conf.in "$BASE/sasl2/xmpp.conf" 0644 root:root
}

cert_usable() {
  [ -s "$CERT" ] && [ -s "$KEY" ] \
    && openssl x509 -in "$CERT" -noout -ext subjectAltName 2>/dev/null | grep -qF "DNS:*.$DOMAIN" \
    && openssl x509 -in "$CERT" -noout -checkend 86400 >/dev/null
}

setup_cert() {
  if ! cert_usable; then
    log "generating a self-signed certificate for $DOMAIN, *.$DOMAIN"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$DOMAIN" \
      -addext "subjectAltName=DNS:$DOMAIN,DNS:*.$DOMAIN" \
      -keyout "$KEY.new" -out "$CERT.new" 2>/dev/null
    mv -f "$KEY.new" "$KEY"
    mv -f "$CERT.new" "$CERT"
  fi
  chown root:prosody "$KEY" "$CERT"
  chmod 0640 "$KEY"
  chmod 0644 "$CERT"
}

# Generated once; Prosody's config carries a copy. Never printed. warden2-secret belongs to the second
# component, warden2.$DOMAIN, which the package test runs from the installed .deb (tests: PackageTest).
setup_secret() {
  ensure_secret "$BASE/secret/component-secret"
  COMPONENT_SECRET=$SECRET_VALUE
  ensure_secret "$BASE/secret/warden2-secret"
  COMPONENT2_SECRET=$SECRET_VALUE
}

# ensure_secret FILE: create it (root:warden 0640) if missing; its content goes to SECRET_VALUE.
ensure_secret() {
  local f=$1
  if [ ! -s "$f" ]; then
    log "generating a component secret ($f)"
    openssl rand -hex 32 | install_text "$f" 0640 root:warden
  fi
  chown root:warden "$f"
  chmod 0640 "$f"
  SECRET_VALUE=$(<"$f")
  [[ $SECRET_VALUE =~ ^[A-Za-z0-9._+/=-]+$ ]] || die "$f holds characters that cannot go into a Lua string"
}

# ------------------------------------------------------------------ Prosody

# Copy the repo's plugins to a directory the prosody user can read: the checkout may be a 0700 temp dir.
# Lua files only (top level and module subdirectories), so that tools and caches kept beside them
# (smoke/, __pycache__/) and the busted specs in spec/ do not restart Prosody when they change.
sync_plugins() {
  local src=$REPO/prosody-plugin dst=$BASE/prosody/plugins
  rm -rf "$dst.new"
  install -d -m 0755 "$dst.new"
  if [ -d "$src" ]; then
    (cd "$src" && find . -path ./spec -prune -o -name '*.lua' -type f -print0 \
       | xargs -0 -r cp --parents -t "$dst.new")
  fi
  chown -R root:root "$dst.new"
  chmod -R u=rwX,go=rX "$dst.new"
  rm -rf "$dst"
  mv "$dst.new" "$dst"
}

setup_prosody() {
  local muc_extra='    -- mod_warden_muc.lua is not written yet: stack-up.sh enables it once prosody-plugin/ has it.'
  if [ -f "$BASE/prosody/plugins/mod_warden_muc.lua" ]; then
    # The timeout must exceed warden.muc.sync-timeout in stack/warden.conf.in: joins held during
    # the component's sync are then answered by it, not given up by the module.
    muc_extra="    modules_enabled = { \"warden_muc\" }
    warden_component = \"warden.$DOMAIN\"
    warden_muc_timeout = 3"
  fi
  render prosody.cfg.lua.in "$BASE/prosody/prosody.cfg.lua" 0640 root:prosody \
    WARDEN_MUC="$muc_extra" COMPONENT_SECRET="$COMPONENT_SECRET" COMPONENT2_SECRET="$COMPONENT2_SECRET"
  runuser -u prosody -- test -r "$BASE/prosody/prosody.cfg.lua" \
    || die "the prosody user cannot read $BASE/prosody/prosody.cfg.lua: is a parent of $BASE closed to others?"
}

# Prosody's own lint; it also fails on mere warnings, so it informs rather than stops us.
check_prosody_config() {
  local out=$BASE/prosody/check-config.txt
  if ! (cd "$BASE/prosody" && prosodyctl --config "$BASE/prosody/prosody.cfg.lua" check config) >"$out" 2>&1; then
    warn "prosodyctl check config has remarks (see $out)"
  fi
}

# If lua-cyrussasl misses xmpp.conf, libsasl2 offers every mechanism it has, ANONYMOUS included,
# and anyone logs in. So insist on exactly PLAIN.
check_mechanisms() {
  local host=$1 mechs
  mechs=$(xmpp_probe mechs "$host") || die "could not read the SASL mechanisms of $host"
  [ "$mechs" = PLAIN ] || die "$host offers SASL mechanisms '$mechs', expected exactly PLAIN"
  log "$host offers SASL mechanisms: PLAIN"
}

# ------------------------------------------------------------------ Warden

# sources_newer_than FILE: some Warden source or pom is newer than FILE (or FILE is missing).
sources_newer_than() {
  [ -e "$1" ] || return 0
  [ -n "$(find "$REPO/component/src" "$REPO/sasl-bridge/src" "$REPO/pom.xml" "$REPO/component/pom.xml" \
               "$REPO/sasl-bridge/pom.xml" -type f -newer "$1" -print -quit 2>/dev/null)" ]
}

# Build component/target/warden.jar when missing or older than its sources; install it under BASE.
# Returns 1 (after a warning) when there is no runnable jar yet: the rest of the stack still comes up.
setup_warden_jar() {
  local jar=$REPO/component/target/warden.jar failed=$BASE/run/warden-build.failed
  [ -f "$REPO/component/pom.xml" ] || { warn "no component/pom.xml: Warden is not started"; return 1; }
  if ! sources_newer_than "$jar"; then
    :
  elif ! sources_newer_than "$failed"; then
    # Keeps re-runs quick while the component does not compile: retry once a source changes.
    warn "the last Warden build failed and no source changed since (see $BASE/warden/build.log)"
  else
    log "building component/target/warden.jar (mvn package; log in $BASE/warden/build.log)"
    if (cd "$REPO" && mvn -q -B -Dstyle.color=never -DskipTests -Dwarden.deb.skip=true package -pl component -am) >"$BASE/warden/build.log" 2>&1; then
      rm -f "$failed"
    else
      touch "$failed"
      grep -F '[ERROR]' "$BASE/warden/build.log" | head -n 8 >&2 || true
      warn "the Warden build failed (see $BASE/warden/build.log)"
    fi
  fi
  [ -f "$jar" ] || { warn "there is no component/target/warden.jar: Warden is not started"; return 1; }
  sources_newer_than "$jar" && warn "component/target/warden.jar is older than its sources: using it anyway"
  if ! cmp -s "$jar" "$BASE/warden/warden.jar"; then   # (an identical one was checked when installed)
    if ! /usr/bin/python3 -c 'import sys, zipfile; sys.exit("coop/warden/Main.class" not in zipfile.ZipFile(sys.argv[1]).namelist())' "$jar" 2>/dev/null; then
      warn "component/target/warden.jar has no coop.warden.Main yet: Warden is not started"
      return 1
    fi
  fi
  install_text "$BASE/warden/warden.jar" 0640 root:warden < "$jar"
}

setup_warden_conf() {
  render warden.conf.in "$BASE/warden/warden.conf" 0640 root:warden
  runuser -u warden -- test -r "$BASE/warden/warden.conf" \
    || die "the warden user cannot read $BASE/warden/warden.conf: is a parent of $BASE closed to others?"
}

# ------------------------------------------------------------------ daemons

# ensure DAEMON: start it if down, restart it if its inputs changed, resume it if paused.
ensure() {
  local name=$1 changed
  if [ -z "$(daemon_pid "$name")" ]; then
    none_left "$name" || stop_daemon "$name"   # leftovers without a valid pid file
    [ "$name" != prosody ] || check_prosody_config
    start_daemon "$name"
  elif changed=$(inputs_changed "$name"); then
    log "$name: restarting for changed $changed"
    stop_daemon "$name"
    [ "$name" != prosody ] || check_prosody_config
    start_daemon "$name"
  else
    if daemon_paused "$name"; then log "$name was paused (SIGSTOP): resuming"; signal_daemon "$name" CONT; fi
    log "$name already running (pid $(daemon_pid "$name"))"
    return 0
  fi
  RESTARTED+="$name "
}

# The whole member path: Prosody -> mod_auth_warden -> Warden -> saslauthd -> KDC. Both halves are
# young, so a failure here is reported, not fatal.
check_warden_login() {
  local answer
  [ -f "$BASE/prosody/plugins/mod_auth_warden.lua" ] || return 0
  answer=$(PROBE_PASSWORD=alice-Secret1 xmpp_probe login "$DOMAIN" alice 2>&1) || true
  if [ "$answer" = success ]; then
    log "alice logs in to $DOMAIN through Warden"
  else
    warn "alice could not log in to $DOMAIN through Warden: $answer"
  fi
}

warden_link_up() { [ "$(warden_link_state)" = CONNECTED ]; }

# Whack does not reconnect after Prosody closes the stream cleanly (a Prosody restart does), and
# the component's own supervisor may be backing off: give it 15 s, then restart it.
ensure_warden_link() {
  local offset=$1
  if [[ $RESTARTED == *" prosody "* && $RESTARTED != *" warden "* ]]; then
    # Right after the restart the last logged state may still read CONNECTED: want a fresh one.
    wait_for 15 log_has_after "$WARDEN_LOG" "$offset" "$WARDEN_READY" && return 0
  else
    wait_for 15 warden_link_up && return 0
  fi
  warn "warden is not connected to Prosody (link state: $(warden_link_state)): restarting it"
  stop_daemon warden
  start_daemon warden
}

summary() {
  local warden_line=$1
  cat <<EOF

Warden demo stack is up (state in $BASE).

  XMPP domain    $DOMAIN      members log in here (passwords checked by Warden -> saslauthd -> Kerberos)
                 cyrus.$DOMAIN  same accounts through mod_auth_cyrus (the old way, for comparison)
                 guest.$DOMAIN  anonymous guests
  MUC            conference.$DOMAIN, breakout.$DOMAIN (Warden decides; refused while it is down)
                 open.$DOMAIN (Warden decides; let through uncounted while it is down)
  Client login   server 127.0.0.1 port $C2S_PORT, STARTTLS required, SASL PLAIN
                 e.g. alice@$DOMAIN / alice-Secret1 (also bob, carol, dave, erin, user001..user$(printf '%03d' "$NLOAD"))
  Admin          $ADMIN_JID / admin1-Secret1
  Trust cert     $CERT  (self-signed, covers $DOMAIN and *.$DOMAIN)
  Other ports    component 127.0.0.1:$COMPONENT_PORT, http 127.0.0.1:$HTTP_PORT, Kerberos KDC 127.0.0.1:$KDC_PORT (realm $REALM)
  Warden         $warden_line
  Logs           $BASE/prosody/log/prosody.log (and prosody.err)
                 $WARDEN_LOG
                 $BASE/krb5/kdc.log
  Control        scripts/stackctl.sh status | start|stop|restart|kill|pause|resume <kdc|saslauthd|prosody|warden>
  Stop           scripts/stack-down.sh      (add --purge to delete all state)

EOF
}

main() {
  local quiet=0 warden_ok=1 offset warden_line
  case ${1:-} in
    --quiet) quiet=1 ;;
    "") ;;
    *) die "usage: stack-up.sh [--quiet]" ;;
  esac
  require_root
  check_base
  take_lock
  ensure_packages
  make_users
  make_dirs

  setup_kdc
  setup_sasl
  setup_cert
  setup_secret
  sync_plugins
  setup_prosody
  setup_warden_jar || warden_ok=0
  setup_warden_conf

  ensure kdc
  ensure saslauthd
  local who
  for who in root prosody warden; do
    saslauthd_check "$who" || die "testsaslauthd as $who: alice was not accepted via $BASE/saslauthd/mux/mux"
  done
  log "saslauthd accepts alice (checked as root, prosody and warden)"

  offset=$(file_size "$WARDEN_LOG")
  ensure prosody
  check_mechanisms "cyrus.$DOMAIN"
  if [ -f "$BASE/prosody/plugins/mod_auth_warden.lua" ]; then
    check_mechanisms "$DOMAIN"
  else
    warn "prosody-plugin/mod_auth_warden.lua does not exist yet: $DOMAIN cannot authenticate; mechanism check skipped"
  fi
  [ "$(PROBE_PASSWORD=alice-Secret1 xmpp_probe login "cyrus.$DOMAIN" alice)" = success ] \
    || die "alice could not log in to cyrus.$DOMAIN"
  log "alice logs in to cyrus.$DOMAIN"

  local warden_rc=0
  if [ "$warden_ok" = 1 ]; then
    # In a subshell so that a component that will not start still leaves the rest up and summarised;
    # set +e around it keeps errexit in force inside (a subshell in a condition would lose it).
    set +e
    (set -e; ensure warden; ensure_warden_link "$offset")
    warden_rc=$?
    set -e
    if [ "$warden_rc" = 0 ]; then
      warden_line="running (pid $(daemon_pid warden)), link CONNECTED, jid warden.$DOMAIN"
      check_warden_login
    else
      warden_line="FAILED to start or connect: see the error above and $WARDEN_LOG"
    fi
  else
    none_left warden || stop_daemon warden
    warden_line="NOT RUNNING (no runnable jar yet, see the warnings above)"
  fi

  if [ "$quiet" = 1 ]; then
    log "UP: kdc $(daemon_pid kdc), saslauthd $(daemon_pid saslauthd), prosody $(daemon_pid prosody), warden $(daemon_pid warden || echo none)"
  else
    summary "$warden_line"
  fi
  [ "$warden_rc" = 0 ] || die "warden is not up (the rest of the stack is)"
}

main "$@"

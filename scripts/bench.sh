#!/usr/bin/env bash
# bench.sh -- Warden's benchmark on the demo stack (docs/performance.md), as root, in one run:
#   1. login storm: N members at concurrency 1, 8, 32 through Warden (coop.test; cold right after a
#      restart, then warm, then cold again with the JVM warmed up by wrong-password logins, 16 at a
#      time) and through mod_auth_cyrus (cyrus.coop.test), same saslauthd and KDC;
#   2. liveness: a connected member's ping while logins run against a KDC made slow by a delay proxy;
#   3. joins: rooms on Warden's MUC host (conference.coop.test) and on plain Prosody MUC (plain.coop.test);
#   4. footprint: Warden's RSS, heap and start-up time; its room bookkeeping for 10,000 rooms in -Xmx64m;
#   5. the decision engine alone (JMH, one core).
# Every cell is run --runs times, interleaved (run 1 of every cell, then run 2, ...). Raw JSON lines,
# summary.md and the charts go to the results directory. Not part of scripts/test.sh or CI.
#
# Usage: bench.sh [--quick] [--runs N] [--logins N] [--members M] [--kdc-delay MS] [--only STAGES]
#                 [--results DIR] [--wait-quiet MINUTES] [--publish]
#   --quick            smoke run: 40 logins, 20 members, 2,000 rooms, 1 run, short windows, 1 JMH fork (~3 min)
#   --runs N           runs per cell (default 3)
#   --logins N         members per login storm, user001..userN (default 200, at most 200)
#   --members M        members in the join benchmark (default 100)
#   --kdc-delay MS     delay the proxy adds to every KDC request in the liveness stage (default 100;
#                      a password check makes 3 KDC requests)
#   --only STAGES      comma-separated subset of login,liveness,joins,footprint,jmh (default: all)
#   --results DIR      where results go (default bench-results/<date-time> in the repository)
#   --wait-quiet MIN   first wait up to MIN minutes for a quiet machine (1-minute load < 1.0, no other
#                      Maven or surefire JVM), checking every 30 s; the load is recorded either way
#   --publish          copy summary.md and the charts to docs/perf/ (what docs/performance.md shows)
set -euo pipefail
LOG_TAG=bench
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=3 LOGINS=200 MEMBERS=100 KDC_DELAY=100 ONLY=login,liveness,joins,footprint,jmh
RESULTS="" WAIT_QUIET=0 PUBLISH=0 QUICK=0
WARMUP=20 JIT_WARMUP=400 CONCS=(1 8 32) IDLE_S=5 WINDOW_S=10 ROUNDS=5 ROOMS=10000 JMH_OPTS=()
COMMAND_LINE="bash scripts/bench.sh $*"

while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1; RUNS=1; LOGINS=40; MEMBERS=20; WARMUP=5; JIT_WARMUP=40; IDLE_S=2; WINDOW_S=4; ROUNDS=2; ROOMS=2000
             JMH_OPTS=(-f 1 -wi 1 -i 2) ;;
    --runs) RUNS=$2; shift ;;
    --logins) LOGINS=$2; shift ;;
    --members) MEMBERS=$2; shift ;;
    --kdc-delay) KDC_DELAY=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    --wait-quiet) WAIT_QUIET=$2; shift ;;
    --publish) PUBLISH=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
(( LOGINS >= 1 && LOGINS <= 200 )) || die "--logins must be 1..200 (the stack has user001..user200)"
(( MEMBERS >= 10 && MEMBERS <= 200 )) || die "--members must be 10..200"
RESULTS=${RESULTS:-$REPO/bench-results/$(date +%Y%m%d-%H%M%S)}
KRB5_SAVED=""

stage() { [[ ",$ONLY," == *",$1,"* ]]; }
load1() { cut -d' ' -f1 /proc/loadavg; }
note() { printf '%s\n' "$*" >> "$RESULTS/meta.md"; }

# Java for the tools: C1 only and the serial GC, so that the load generator itself stays light; a
# young generation large enough that a run (which starts with an explicit GC) needs no collection,
# so that the generator's own pauses do not pass for the server's. GC log: gc/ in the results.
# A failed run is reported and noted, and the benchmark goes on with the next one.
FAILURES=0
bench() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms1g -Xmx1g -Xmn900m -Xlog:gc:file="$RESULTS/gc/$1-%p.log" \
    -cp "$CP" coop.warden.bench.Bench "$@" 9>&- && return 0
  FAILURES=$(( FAILURES + 1 ))
  warn "failed: bench $*"
  note "FAILED run: \`$*\` (its cell has fewer runs; see the output)"
}

# Other engineers' JVMs (Maven, surefire) and a high load both skew the figures.
others_busy() {
  pgrep -f 'plexus-classworlds|surefirebooter' >/dev/null 2>&1 && return 0
  awk '{ exit !($1 >= 1.0) }' /proc/loadavg
}

# Quiet = two checks 30 s apart both find no other Maven/surefire JVM and a 1-minute load below 1.0.
wait_quiet() {
  local deadline=$(( $(date +%s) + WAIT_QUIET * 60 )) quiet=0
  while (( quiet < 2 )) && (( $(date +%s) < deadline )); do
    if others_busy; then
      quiet=0
      log "waiting for a quiet machine (load $(load1), other JVMs: $(pgrep -fc 'plexus-classworlds|surefirebooter' || true))"
    else
      quiet=$(( quiet + 1 ))
    fi
    (( quiet >= 2 )) || sleep 30
  done
  if (( quiet < 2 )); then warn "the machine is still busy (load $(load1)): measuring anyway"; fi
}

# The tools run from a copy of the classes: other builds in this checkout may rewrite target/ meanwhile.
build() {
  log "building the benchmark (mvn -Pbench -pl tests -am compile)"
  (cd "$REPO" && mvn -q -B -Dstyle.color=never -Pbench -pl tests -am compile) > "$RESULTS/build.log" 2>&1 \
    || { tail -n 30 "$RESULTS/build.log" >&2; die "the benchmark build failed (see $RESULTS/build.log)"; }
  local cp_dir=$RESULTS/classes
  mkdir -p "$cp_dir"
  cp -r "$REPO/tests/target/bench/classes" "$cp_dir/bench"
  cp -r "$REPO/component/target/classes" "$cp_dir/component"
  CP="$cp_dir/bench:$cp_dir/component:$(tr ':' '\n' < "$REPO/tests/target/bench/classpath.txt" \
      | grep -v '/target/classes$' | paste -sd:)"
}

restart_warden() { # REP: a cold Warden (empty caches), and a start-up sample
  local offset
  offset=$(file_size "$WARDEN_LOG")
  bash "$REPO/scripts/stackctl.sh" restart warden >/dev/null
  sleep 2   # let the MUC sync and the JIT of start-up settle before the idle sample
  bench process --base "$BASE" --phase "idle, 2 s after a restart" --rep "$1" --log-offset "$offset" \
    --out "$RESULTS/process.jsonl" >/dev/null
}

login_stage() {
  local rep conc cell order
  for rep in $(seq 1 "$RUNS"); do
    for conc in "${CONCS[@]}"; do
      # warden-cold: right after a restart, so the JVM's JIT is still compiling the login path;
      # warden-warm: the same members again (cache hits); warden-kdc: after another restart and
      # JIT_WARMUP wrong-password logins (the whole backend path, no cache entry left), the members
      # for the first time: what a storm costs a long-running Warden whose cache has expired.
      order=(warden-cold warden-warm warden-kdc cyrus)
      (( rep % 2 == 1 )) || order=(cyrus warden-kdc warden-cold warden-warm)
      for cell in "${order[@]}"; do
        local extra=()
        case $cell in
          warden-cold) restart_warden "$rep" ;;
          warden-kdc) restart_warden "$rep"; extra=(--jit-warmup "$JIT_WARMUP") ;;
        esac
        bench login --base "$BASE" --cell "$cell" --domain "$([ "$cell" = cyrus ] && echo "cyrus.$DOMAIN" || echo "$DOMAIN")" \
          --conc "$conc" --n "$LOGINS" --warmup "$WARMUP" --rep "$rep" --out "$RESULTS/login.jsonl" "${extra[@]}"
      done
      bench process --base "$BASE" --phase "after a login storm (conc $conc)" --rep "$rep" \
        --out "$RESULTS/process.jsonl" >/dev/null
    done
  done
}

# The krb5.conf swap is restored by the tool itself; this copy is the last line of defence.
restore_krb5() {
  [ -n "$KRB5_SAVED" ] && [ -f "$KRB5_SAVED" ] || return 0
  if ! cmp -s "$KRB5_SAVED" "$BASE/krb5/krb5.conf"; then
    warn "restoring $BASE/krb5/krb5.conf from the copy taken before the liveness stage"
    install -m 0644 "$KRB5_SAVED" "$BASE/krb5/krb5.conf.bench-restore"
    mv -f "$BASE/krb5/krb5.conf.bench-restore" "$BASE/krb5/krb5.conf"
  fi
}

liveness_stage() {
  local rep cell order
  KRB5_SAVED=$RESULTS/krb5.conf.orig
  cp "$BASE/krb5/krb5.conf" "$KRB5_SAVED"
  for rep in $(seq 1 "$RUNS"); do
    order=(warden cyrus)
    (( rep % 2 == 1 )) || order=(cyrus warden)
    for cell in "${order[@]}"; do
      # Warden's cache holds every member since the login stage: empty it, or no check reaches the KDC.
      [ "$cell" = cyrus ] || restart_warden "$rep"
      # Hold the stack lock while the KDC is slow, so that no stack script restarts a daemon meanwhile.
      ( take_lock
        bench liveness --base "$BASE" --cell "$cell" --domain "$([ "$cell" = cyrus ] && echo "cyrus.$DOMAIN" || echo "$DOMAIN")" \
          --conc 4 --idle-s "$IDLE_S" --window-s "$WINDOW_S" --delay-ms "$KDC_DELAY" --rep "$rep" \
          --out "$RESULTS/liveness.jsonl" )
      restore_krb5
    done
  done
}

joins_stage() {
  grep -q '"plain\.' "$BASE/prosody/prosody.cfg.lua" || die "Prosody has no plain.$DOMAIN MUC host: run scripts/stack-up.sh"
  local rep
  for rep in $(seq 1 "$RUNS"); do
    bench joins --base "$BASE" --members "$MEMBERS" --rounds "$ROUNDS" --rate 100 --conc 8 --rep "$rep" \
      --hosts "conference.$DOMAIN,plain.$DOMAIN" --out "$RESULTS/joins.jsonl"
  done
}

footprint_stage() {
  local rep
  for rep in $(seq 1 "$RUNS"); do
    # Warden's own heap limit (stackctl.sh starts it with -Xmx64m) and default GC.
    java -Xmx64m -cp "$CP" -DWARDEN_LOG_LEVEL=WARN coop.warden.bench.Bench rooms --rooms "$ROOMS" --per-room 5 \
      --rep "$rep" --out "$RESULTS/rooms.jsonl" 9>&-
  done
}

jmh_stage() {
  log "JMH on CPU 1 (taskset): RoomDecisionBench CacheHashBench ${JMH_OPTS[*]}"
  taskset -c 1 java -cp "$CP" org.openjdk.jmh.Main RoomDecisionBench CacheHashBench "${JMH_OPTS[@]}" -t 1 \
    -rf json -rff "$RESULTS/jmh.json" > "$RESULTS/jmh.log" 2>&1 9>&- \
    || { tail -n 20 "$RESULTS/jmh.log" >&2; die "JMH failed (see $RESULTS/jmh.log)"; }
  grep -E '^(RoomDecisionBench|CacheHashBench|Benchmark)' "$RESULTS/jmh.log" || true
}

finish() {
  local rc=$?
  restore_krb5 || true
  # Whatever happened, leave the stack as stack-up.sh makes it: every daemon running, normal config.
  bash "$REPO/scripts/stack-up.sh" --quiet >/dev/null 2>&1 || warn "stack-up.sh failed afterwards: run it by hand"
  report_unexpected_exit "$rc"
}

main() {
  require_root
  check_base
  mkdir -p "$RESULTS/gc"
  : > "$RESULTS/meta.md"
  (( WAIT_QUIET == 0 )) || wait_quiet
  trap finish EXIT
  log "results: $RESULTS"
  bash "$REPO/scripts/stack-up.sh" --quiet
  build
  note "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))," \
       "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM; $(java -version 2>&1 | head -n 1);" \
       "Prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null)."
  note "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg); other Maven/surefire JVMs:" \
       "$(pgrep -fc 'plexus-classworlds|surefirebooter' || true)."
  note "$(bench cache-config --base "$BASE")"
  [ "$QUICK" = 0 ] || note "Quick run (--quick): small N, one run per cell; for a smoke test, not for the figures."
  local s started
  for s in login liveness joins footprint jmh; do
    stage "$s" || continue
    log "stage $s (load $(load1))"
    started=$(date +%s)
    "${s}_stage"
    note "Stage $s: $(( $(date +%s) - started )) s, load average after it: $(cut -d' ' -f1-3 /proc/loadavg)."
  done
  bench report --results "$RESULTS" --cores "$(nproc)" --command "$COMMAND_LINE" > /dev/null
  if [ "$PUBLISH" = 1 ]; then
    install -d "$REPO/docs/perf"
    cp "$RESULTS/summary.md" "$RESULTS"/*.png "$REPO/docs/perf/" 2>/dev/null || true
    log "published summary.md and charts to docs/perf/"
  fi
  log "done: $RESULTS/summary.md"
  [ "$FAILURES" = 0 ] || die "$FAILURES run(s) failed (listed in $RESULTS/meta.md)"
}

main

#!/bin/sh
# Smoke test: mod_auth_warden in a throwaway Prosody, with a fake Warden component (python3).
# Needs root (Prosody runs as user prosody) and free loopback ports (defaults below; never the
# real stack's 5222/5347/5280). Leaves nothing behind; KEEP=1 keeps the temp dir for reading logs.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
export SMOKE_C2S="${SMOKE_C2S:-25222}" SMOKE_HTTP="${SMOKE_HTTP:-25280}" SMOKE_COMPONENT="${SMOKE_COMPONENT:-25347}"
TIMEOUT=2
T=$(mktemp -d /tmp/warden-auth-smoke.XXXXXX)
LAUNCHER=

cleanup() {
	if [ -s "$T/run/prosody.pid" ]; then kill "$(cat "$T/run/prosody.pid")" 2>/dev/null || true; fi
	if [ -n "$LAUNCHER" ]; then wait "$LAUNCHER" 2>/dev/null || true; fi
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT INT TERM

mkdir -p "$T/data" "$T/log" "$T/run" "$T/plugins"
cp "$HERE"/../*.lua "$T/plugins/"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=coop.test" -addext "subjectAltName=DNS:coop.test" \
	-keyout "$T/coop.test.key" -out "$T/coop.test.crt" 2>/dev/null
cat > "$T/prosody.cfg.lua" <<CFG
pidfile = "$T/run/prosody.pid"
data_path = "$T/data"
plugin_paths = { "$T/plugins" }
log = { { levels = { min = "debug" }, to = "file", filename = "$T/log/prosody.log" } }
admin_socket = "$T/run/admin.sock"
c2s_ports = { $SMOKE_C2S }; c2s_interfaces = { "127.0.0.1" }; c2s_direct_tls_ports = { }
component_ports = { $SMOKE_COMPONENT }; component_interfaces = { "127.0.0.1" }
http_ports = { $SMOKE_HTTP }; http_interfaces = { "127.0.0.1" }; https_ports = { }
consider_bosh_secure = true; consider_websocket_secure = true -- as behind Jitsi's TLS-terminating nginx
modules_enabled = { "tls", "saslauth", "disco", "ping", "bosh", "websocket" }
modules_disabled = { "s2s", "offline" }
VirtualHost "coop.test"
	authentication = "warden"
	warden_component = "warden.coop.test"
	warden_auth_timeout = $TIMEOUT
	ssl = { certificate = "$T/coop.test.crt", key = "$T/coop.test.key" }
Component "warden.coop.test"
	component_secret = "smoke-secret"
CFG
chown -R prosody:prosody "$T"
chmod 755 "$T"

runuser -u prosody -- prosody -F --config "$T/prosody.cfg.lua" > "$T/log/stdout.txt" 2>&1 &
LAUNCHER=$!
for _ in $(seq 50); do
	if [ "$(grep -cE "Activated service '(c2s|component|http)' on \[" "$T/log/prosody.log" 2>/dev/null)" = 3 ]; then
		break
	fi
	sleep 0.2
done
if grep -q "Error initializing module 'auth_warden'" "$T/log/prosody.log"; then
	grep -A3 "Error initializing module 'auth_warden'" "$T/log/prosody.log"; exit 1
fi
cd "$HERE" && python3 scenarios.py "$T/log/prosody.log" "$TIMEOUT"

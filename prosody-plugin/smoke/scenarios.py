"""Smoke scenarios for mod_auth_warden against a running throwaway Prosody (see run.sh)."""
import base64, sys, threading, time
from collections import Counter
from xmpp import C2S, FakeWarden, bosh_login, c2s_login, websocket_login

LOG, TIMEOUT = sys.argv[1], float(sys.argv[2])
failures = []


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  [{detail}]" if detail else ""), flush=True)
    if not ok:
        failures.append(name)


def condition(answer):
    return "success" if answer.startswith("<success") else answer.split("><")[1].split("/")[0].split(">")[0]


warden = FakeWarden()

c = C2S()
before, after = c.starttls()
check("PLAIN offered only after STARTTLS", before == [] and after == [b"PLAIN"], f"before={before} after={after}")
answer, took = c.auth("alice", "alice-Secret1")
check("accepted -> SASL success", condition(answer) == "success", f"{took * 1000:.0f} ms")
check("bind after success", c.bind().startswith("alice@coop.test/"))

seen = warden.checks[-1]
check("IQ as the component sees it", seen == {"type": "get", "from": "coop.test", "user": "alice", "ip": "127.0.0.1",
                                              "ns_ok": True}, str(seen))

answer, _ = c2s_login("Alice", "wrong")
check("rejected -> not-authorized", condition(answer) == "not-authorized", answer)

asked = len(warden.checks)
for user, pw in (("alice@REALM", "x"), ("a" * 256, "x"), ("alice", "p" * 256)):
    answer, _ = c2s_login(user, pw)
    check(f"invalid input {user[:12]!r}/{len(pw)} bytes -> not-authorized", condition(answer) == "not-authorized")
check("invalid input never reaches the component", len(warden.checks) == asked)

# A silent component costs the caller the timeout, and nobody else anything.
result = {}
slow = threading.Thread(target=lambda: result.update(answer=c2s_login("slow", "slow-Secret1")))
slow.start()
rtts, n = [], 0
while slow.is_alive():
    n += 1
    rtts.append(c.ping(n) * 1000)
    time.sleep(0.2)
answer, took = result["answer"]
check("silent component -> temporary-auth-failure after warden_auth_timeout",
      condition(answer) == "temporary-auth-failure" and abs(took - TIMEOUT) < 0.5, f"{took * 1000:.0f} ms: {answer}")
check("another session's pings answered promptly meanwhile", len(rtts) >= 3 and max(rtts) < 250,
      f"{len(rtts)} pings, max {max(rtts):.1f} ms")

for name, login in (("BOSH", bosh_login), ("WebSocket", websocket_login)):
    outcomes = [condition(login(u, p)[0]) for u, p in (("alice", "alice-Secret1"), ("alice", "nope"), ("slow", "x"))]
    check(f"{name}: accepted/rejected/silent", outcomes == ["success", "not-authorized", "temporary-auth-failure"],
          str(outcomes))

# The answer arrives after the client has gone: Prosody must shrug.
gone = C2S()
gone.starttls()
gone.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>"
          % base64.b64encode(b"\0late\0late-Secret1").decode())
time.sleep(0.2)
gone.sock.close()
time.sleep(2)
answer, _ = c2s_login("alice", "alice-Secret1")
check("late answer for a vanished client is harmless", condition(answer) == "success")

# More waiting checks than module:send_iq tracks (256): the oldest are failed at once.
clients, answers, barrier = [], [None] * 260, threading.Barrier(260)


def flood_login(i):
    client = C2S()
    client.starttls()
    clients.append(client)
    barrier.wait()  # all connected: now ask at once
    answers[i] = client.auth("slow", "x")


threads = [threading.Thread(target=flood_login, args=(i,)) for i in range(len(answers))]
for t in threads:
    t.start()
for t in threads:
    t.join()
summary = Counter((condition(a), "prompt" if took < 1 else "timeout") for a, took in answers)
check("over 256 pending: all temporary-auth-failure, some at once",
      set(summary) == {("temporary-auth-failure", "prompt"), ("temporary-auth-failure", "timeout")}, str(dict(summary)))
for client in clients:
    client.sock.close()

warden.stop()
time.sleep(0.5)
answer, took = c2s_login("alice", "alice-Secret1")
check("component offline -> temporary-auth-failure at once",
      condition(answer) == "temporary-auth-failure" and took < 0.5, f"{took * 1000:.0f} ms")

log = open(LOG, encoding="utf-8", errors="replace").read()
secrets = ["alice-Secret1", "slow-Secret1", "late-Secret1"]
leaked = [s for s in secrets if s in log or base64.b64encode(s.encode()).decode().rstrip("=") in log]
check("no password in Prosody's debug log", not leaked, str(leaked))
check("one info line per check", log.count("auth_warden\tinfo\tPassword check for ") >= 10)

print(f"\n{'FAILED: ' + ', '.join(failures) if failures else 'all passed'}")
sys.exit(1 if failures else 0)

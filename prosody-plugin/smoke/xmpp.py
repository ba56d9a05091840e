"""Just enough XMPP for the smoke test: a fake Warden component and c2s/BOSH/WebSocket clients."""
import base64, hashlib, os, re, socket, ssl, struct, threading, time, urllib.request

HOST, DOMAIN, COMPONENT, SECRET = "127.0.0.1", "coop.test", "warden.coop.test", "smoke-secret"
C2S_PORT = int(os.environ.get("SMOKE_C2S", "25222"))
HTTP_PORT = int(os.environ.get("SMOKE_HTTP", "25280"))
COMPONENT_PORT = int(os.environ.get("SMOKE_COMPONENT", "25347"))
SASL_RESULT = rb"<success\b[^>]*/>|<success\b.*?</success>|<failure\b.*?</failure>"
PASSWORDS = {"alice": "alice-Secret1", "late": "late-Secret1"}


def plain(user, pw):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + pw.encode()).decode()


def attr(raw, name):
    m = re.search(rb"\b" + name.encode() + rb"=['\"]([^'\"]*)['\"]", raw or b"")
    return m.group(1).decode() if m else None


def child_text(raw, name):
    m = re.search(rb"<" + name.encode() + rb">([^<]*)</" + name.encode() + rb">", raw or b"")
    return m.group(1).decode() if m else None


class FakeWarden(threading.Thread):
    """Answers urn:warden:auth:1 checks: PASSWORDS are accepted, 'slow' never answered,
    'late' accepted after 1.5 s, anything else rejected. Records every check (without passwords)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.checks, self.sock = [], socket.create_connection((HOST, COMPONENT_PORT))
        self.sock.sendall(f"<stream:stream xmlns='jabber:component:accept' "
                          f"xmlns:stream='http://etherx.jabber.org/streams' to='{COMPONENT}'>".encode())
        buf = b""
        while not re.search(rb"<stream:stream[^>]*>", buf):
            buf += self.sock.recv(4096)
        digest = hashlib.sha1((attr(buf, "id") + SECRET).encode()).hexdigest()
        self.sock.sendall(f"<handshake>{digest}</handshake>".encode())
        buf = b""
        while b"<handshake" not in buf:
            buf += self.sock.recv(4096)
        self.start()

    def answer(self, iq_id, to, value):
        self.sock.sendall(f"<iq type='result' id='{iq_id}' from='{COMPONENT}' to='{to}'>"
                          f"<outcome xmlns='urn:warden:auth:1' value='{value}'/></iq>".encode())

    def run(self):
        buf, iq_re = b"", re.compile(rb"<iq\b([^>]*?)(?:/>|>(.*?)</iq>)", re.S)
        while True:
            try:
                data = self.sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while (m := iq_re.search(buf)):
                buf = buf[m.end():]
                head, body = m.group(1), m.group(2)
                user, frm, iq_id = child_text(body, "username"), attr(head, "from"), attr(head, "id")
                pw_b64 = child_text(body, "password")
                pw = base64.b64decode(pw_b64).decode() if pw_b64 else None
                self.checks.append({"type": attr(head, "type"), "from": frm, "user": user, "ip": child_text(body, "ip"),
                                    "ns_ok": b"<check xmlns='urn:warden:auth:1'>" in (body or b"")})
                if user == "slow":
                    continue
                if user == "late":
                    threading.Timer(1.5, self.answer, (iq_id, frm, "accepted")).start()
                    continue
                self.answer(iq_id, frm, "accepted" if PASSWORDS.get(user) == pw else "rejected")

    def stop(self):
        self.sock.sendall(b"</stream:stream>")
        self.sock.close()


class C2S:
    def __init__(self):
        self.sock, self.buf = socket.create_connection((HOST, C2S_PORT)), b""

    def send(self, text):
        self.sock.sendall(text.encode())

    def until(self, pattern, timeout=30):
        self.sock.settimeout(timeout)
        while not (m := re.search(pattern, self.buf, re.S)):
            self.buf += self.sock.recv(65536)
        self.buf = self.buf[m.end():]
        return m

    def open(self):
        self.send(f"<?xml version='1.0'?><stream:stream to='{DOMAIN}' xmlns='jabber:client' "
                  "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
        return self.until(rb"<stream:features.*?</stream:features>").group(0)

    def starttls(self):
        """Returns the mechanisms offered before and after STARTTLS."""
        before = re.findall(rb"<mechanism>([^<]+)", self.open())
        self.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        self.until(rb"<proceed[^>]*/>")
        ctx = ssl.create_default_context()
        ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
        self.sock, self.buf = ctx.wrap_socket(self.sock, server_hostname=DOMAIN), b""
        return before, re.findall(rb"<mechanism>([^<]+)", self.open())

    def auth(self, user, pw):
        started = time.monotonic()
        self.send(f"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{plain(user, pw)}</auth>")
        return self.until(SASL_RESULT).group(0).decode(), time.monotonic() - started

    def bind(self):
        self.buf = b""
        self.open()
        self.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        return self.until(rb"<jid>([^<]+)</jid>").group(1).decode()

    def ping(self, n):
        started = time.monotonic()
        self.send(f"<iq type='get' id='p{n}' to='{DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>")
        self.until(rb"<iq[^>]*id=['\"]p%d['\"]" % n)
        return time.monotonic() - started


def c2s_login(user, pw):
    c = C2S()
    c.starttls()
    return c.auth(user, pw)


def bosh_login(user, pw):
    def post(body):
        req = urllib.request.Request(f"http://{HOST}:{HTTP_PORT}/http-bind", data=body.encode(),
                                     headers={"Content-Type": "text/xml"})
        return urllib.request.urlopen(req, timeout=30).read()
    reply = post(f"<body content='text/xml; charset=utf-8' hold='1' rid='1000' to='{DOMAIN}' ver='1.6' wait='10' "
                 "xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' xmpp:version='1.0'/>")
    sid, started = attr(reply, "sid"), time.monotonic()
    reply = post(f"<body rid='1001' sid='{sid}' xmlns='http://jabber.org/protocol/httpbind'>"
                 f"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{plain(user, pw)}</auth></body>")
    return re.search(SASL_RESULT, reply, re.S).group(0).decode(), time.monotonic() - started


def websocket_login(user, pw):
    sock = socket.create_connection((HOST, HTTP_PORT))
    sock.settimeout(30)
    sock.sendall((f"GET /xmpp-websocket HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: xmpp\r\n\r\n").encode())
    buf = b""
    while b"\r\n\r\n" not in buf:
        buf += sock.recv(4096)
    assert b" 101 " in buf.split(b"\r\n")[0], buf
    buf = buf.split(b"\r\n\r\n", 1)[1]

    def send(text):
        data, mask = text.encode(), os.urandom(4)
        length = bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(data))
        sock.sendall(b"\x81" + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def need(k):
        nonlocal buf
        while len(buf) < k:
            buf += sock.recv(65536)

    def frame():  # server frames are unmasked; 16-bit lengths are plenty here
        nonlocal buf
        need(2)
        n, off = buf[1] & 0x7f, 2
        if n == 126:
            need(4)
            n, off = struct.unpack(">H", buf[2:4])[0], 4
        need(off + n)
        payload, buf = buf[off:off + n], buf[off + n:]
        return payload

    def receive_until(pattern):
        text = b""
        while not (m := re.search(pattern, text, re.S)):
            text += frame()
        return m

    send(f"<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='{DOMAIN}' version='1.0'/>")
    receive_until(rb"</stream:features>")
    started = time.monotonic()
    send(f"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{plain(user, pw)}</auth>")
    return receive_until(SASL_RESULT).group(0).decode(), time.monotonic() - started

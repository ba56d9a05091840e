// A minimal c2s client for the benchmark: string-based stream handling, STARTTLS, SASL PLAIN/ANONYMOUS, bind.
package coop.warden.bench.xmpp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;

/**
 * What a member's client does on the wire, and nothing more: the load generator shares the
 * machine with the servers it measures, so it must cost little. {@link #connect} covers TCP, the
 * stream, STARTTLS, the TLS handshake and the stream restart; {@link #loginPlain} SASL, the second
 * restart and resource binding. After login, {@link #listen} hands every stanza to a consumer on
 * a reader thread of this connection.
 */
public final class RawXmpp implements Closeable {
    private static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    private static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";

    private final Socket raw;
    private final String domain;
    private SSLSocket tls;
    private OutputStream out;
    private StanzaSplitter in;
    private String jid;

    private RawXmpp(Socket raw, String domain) {
        this.raw = raw;
        this.domain = domain;
    }

    /** Connects and secures the stream; returns once the post-TLS stream features are in. */
    public static RawXmpp connect(PinnedTls pinned, String host, int port, String domain, int timeoutMs)
            throws IOException {
        Socket raw = new Socket();
        RawXmpp c = new RawXmpp(raw, domain);
        try {
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(timeoutMs);
            raw.connect(new InetSocketAddress(host, port), timeoutMs);
            c.out = raw.getOutputStream();
            c.in = new StanzaSplitter(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
            String features = c.openStream();
            if (!features.contains(TLS_NS)) {
                throw new XmppException("no STARTTLS offered by " + domain);
            }
            c.write("<starttls xmlns='" + TLS_NS + "'/>");
            String answer = c.in.next();
            if (!answer.startsWith("<proceed")) {
                throw new XmppException("STARTTLS refused: " + answer);
            }
            c.tls = pinned.wrap(raw, domain);
            c.out = c.tls.getOutputStream();
            c.in = new StanzaSplitter(new InputStreamReader(c.tls.getInputStream(), StandardCharsets.UTF_8));
            c.openStream();
            return c;
        } catch (IOException | RuntimeException e) {
            c.abort();
            throw e;
        }
    }

    /** SASL PLAIN, stream restart, bind. Throws {@link AuthFailed} with the server's condition. */
    public void loginPlain(String user, String password, String resource) throws IOException {
        byte[] token = ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        authenticate("PLAIN", Base64.getEncoder().encodeToString(token), resource);
    }

    /** SASL ANONYMOUS (a guest host), stream restart, bind. */
    public void loginAnonymous(String resource) throws IOException {
        authenticate("ANONYMOUS", "", resource);
    }

    private void authenticate(String mechanism, String initial, String resource) throws IOException {
        write("<auth xmlns='" + SASL_NS + "' mechanism='" + mechanism + "'>" + initial + "</auth>");
        Stanza answer = new Stanza(in.next());
        if (!answer.xml().startsWith("<success")) {
            throw new AuthFailed(answer.condition());
        }
        openStream();
        write("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
                + resource + "</resource></bind></iq>");
        Stanza bound = new Stanza(in.next());
        int start = bound.xml().indexOf("<jid>");
        if (!"result".equals(bound.attr("type")) || start < 0) {
            throw new XmppException("bind failed: " + bound.condition());
        }
        jid = bound.xml().substring(start + 5, bound.xml().indexOf("</jid>", start));
    }

    /** Sends the header, reads the server's header and its features; returns the features. */
    private String openStream() throws IOException {
        write("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams'>");
        String header = in.next();
        if (!header.startsWith("<stream:stream")) {
            throw new XmppException("expected a stream header, got: " + header);
        }
        String features = in.next();
        if (!features.startsWith("<stream:features")) {
            throw new XmppException("expected stream features, got: " + features);
        }
        return features;
    }

    /** The bound full JID. */
    public String jid() {
        return jid;
    }

    public synchronized void write(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads stanzas on a daemon thread from now on; {@code onEnd} gets the reason when the stream ends. */
    public void listen(Consumer<Stanza> onStanza, Consumer<Exception> onEnd) throws IOException {
        raw.setSoTimeout(0);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    String s = in.next();
                    if (StanzaSplitter.STREAM_END.equals(s)) {
                        throw new XmppException("the server closed the stream");
                    }
                    onStanza.accept(new Stanza(s));
                }
            } catch (IOException | RuntimeException e) {
                onEnd.accept(e);
            }
        }, "xmpp-" + jid);
        t.setDaemon(true);
        t.start();
    }

    /** Ends the stream politely and closes the socket; never throws. */
    @Override
    public void close() {
        try {
            write("</stream:stream>");
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
        abort();
    }

    private void abort() {
        try {
            raw.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** A protocol step went wrong (not a refused login). */
    public static class XmppException extends IOException {
        public XmppException(String message) {
            super(message);
        }
    }

    /** The server refused the login; {@link #condition()} is its SASL condition. */
    public static final class AuthFailed extends XmppException {
        private final String condition;

        AuthFailed(String condition) {
            super("login refused: " + condition);
            this.condition = condition;
        }

        public String condition() {
            return condition;
        }
    }
}

// A minimal XEP-0114 server for link tests: handshake, ping answers, clean close on demand.
package coop.warden.xmpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Public so that the CLI's tests (coop.warden.cli) can play Prosody's component port too. */
public final class FakeComponentServer implements AutoCloseable {
    private static final Pattern HANDSHAKE = Pattern.compile("<handshake>([0-9a-f]+)</handshake>");
    private static final Pattern PING = Pattern.compile("<iq[^>]*?id=\"([^\"]+)\"[^>]*>\\s*<ping");

    private final ServerSocket server;
    private final String secret;
    private volatile boolean answerPings = true;
    private volatile Socket current;
    final AtomicInteger handshakesAccepted = new AtomicInteger();
    final AtomicInteger handshakesRefused = new AtomicInteger();
    /** "accepted" or "refused", as each handshake is decided. */
    public final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    public FakeComponentServer(int port, String secret) throws IOException {
        this.server = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        this.secret = secret;
        Thread t = new Thread(this::acceptLoop, "fake-prosody");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    void answerPings(boolean on) {
        answerPings = on;
    }

    /** Ends the stream cleanly, as Prosody does when it shuts down. */
    void closeStreamCleanly() throws IOException {
        Socket s = current;
        if (s != null) {
            s.getOutputStream().write("</stream:stream>".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.shutdownOutput();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                current = s;
                serve(s);
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        StringBuilder buf = new StringBuilder();
        byte[] chunk = new byte[4096];
        readUntil(in, buf, chunk, "<stream:stream");
        readUntil(in, buf, chunk, ">");
        String id = "sid" + System.nanoTime();
        out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
                + " xmlns:stream='http://etherx.jabber.org/streams' id='" + id + "' from='warden.test'>")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        buf.setLength(0);
        readUntil(in, buf, chunk, "</handshake>");
        Matcher m = HANDSHAKE.matcher(buf);
        if (!m.find() || !m.group(1).equals(sha1Hex(id + secret))) {
            handshakesRefused.incrementAndGet();
            events.add("refused");
            out.write(("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    + "</stream:error></stream:stream>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            s.close();
            return;
        }
        out.write("<handshake/>".getBytes(StandardCharsets.UTF_8));
        out.flush();
        handshakesAccepted.incrementAndGet();
        events.add("accepted");
        buf.setLength(0);
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            Matcher p = PING.matcher(buf);
            int end = 0;
            while (p.find()) {
                end = p.end();
                if (answerPings) {
                    out.write(("<iq type='result' id='" + p.group(1) + "' from='coop.test' to='warden.test'/>")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            buf.delete(0, end);
        }
        s.close();
    }

    private static void readUntil(InputStream in, StringBuilder buf, byte[] chunk, String marker) throws IOException {
        while (buf.indexOf(marker) < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("closed");
            }
            buf.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
        }
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }
}

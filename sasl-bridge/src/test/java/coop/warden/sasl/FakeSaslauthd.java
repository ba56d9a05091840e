// A stand-in saslauthd on a Unix socket that speaks its wire protocol, records requests and can hang.
package coop.warden.sasl;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * saslauthd's protocol: four fields (login, password, service, realm), each a 2-byte big-endian
 * length and bytes; the answer is a length-prefixed "OK" or "NO reason". In HANG mode it reads the
 * request and never answers, like a saslauthd stuck on a hung KDC.
 */
final class FakeSaslauthd implements AutoCloseable {

    record Request(String login, String password, String service, String realm) {
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Predicate<Request> accepts;
    private final List<SocketChannel> held = new ArrayList<>();
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile boolean hang;

    private FakeSaslauthd(Path socket, ServerSocketChannel server, Predicate<Request> accepts) {
        this.socket = socket;
        this.server = server;
        this.accepts = accepts;
    }

    static FakeSaslauthd start(Path socket, Predicate<Request> accepts) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        FakeSaslauthd fake = new FakeSaslauthd(socket, server, accepts);
        Thread t = new Thread(fake::acceptLoop, "fake-saslauthd");
        t.setDaemon(true);
        t.start();
        return fake;
    }

    void hang(boolean on) {
        hang = on;
    }

    /** Closes the connections held in HANG mode: libsasl2 then sees EOF and gives up. */
    void releaseHeld() throws IOException {
        synchronized (held) {
            for (SocketChannel c : held) {
                c.close();
            }
            held.clear();
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread t = new Thread(() -> serve(c), "fake-saslauthd-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel c) {
        try {
            Request r = new Request(field(c), field(c), field(c), field(c));
            requests.add(r);
            if (hang) {
                synchronized (held) {
                    held.add(c);
                }
                return;
            }
            byte[] answer = (accepts.test(r) ? "OK" : "NO authentication failed").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(2 + answer.length).putShort((short) answer.length).put(answer).flip();
            while (out.hasRemaining()) {
                c.write(out);
            }
            c.close();
        } catch (IOException e) {
            // client went away
        }
    }

    private static String field(SocketChannel c) throws IOException {
        ByteBuffer len = read(c, 2);
        return StandardCharsets.UTF_8.decode(read(c, Short.toUnsignedInt(len.getShort()))).toString();
    }

    private static ByteBuffer read(SocketChannel c, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new IOException("eof");
            }
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        server.close();
        releaseHeld();
        Files.deleteIfExists(socket);
    }
}

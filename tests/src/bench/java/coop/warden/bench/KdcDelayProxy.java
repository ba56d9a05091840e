// A slow Kerberos backend: a UDP+TCP proxy on loopback that forwards each KDC request after a fixed delay.
package coop.warden.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Both auth paths (Warden and mod_auth_cyrus) reach the KDC through the same saslauthd, so a
 * delay here slows both equally. One password check makes three KDC requests (AS-REQ, AS-REQ
 * with pre-authentication, TGS-REQ for saslauthd's verify principal), so a check takes at least
 * three delays. Requests are delayed, not queued: concurrent checks overlap as with a slow link.
 */
final class KdcDelayProxy implements AutoCloseable {
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final InetSocketAddress kdc;
    private final long delayMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("kdc-delay"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("kdc-proxy"));
    private volatile boolean closed;

    KdcDelayProxy(int kdcPort, long delayMs) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.kdc = new InetSocketAddress(lo, kdcPort);
        this.delayMs = delayMs;
        this.tcp = new ServerSocket(0, 64, lo);
        this.udp = new DatagramSocket(new InetSocketAddress(lo, tcp.getLocalPort()));
        workers.execute(this::udpLoop);
        workers.execute(this::tcpLoop);
    }

    /** The port the proxy listens on, UDP and TCP alike. */
    int port() {
        return tcp.getLocalPort();
    }

    /** Stand-alone: {@code kdc-proxy --kdc-port 88 --delay-ms 100}; runs until killed. */
    static void run(Args a) throws Exception {
        try (KdcDelayProxy p = new KdcDelayProxy(a.integer("kdc-port", 88), a.integer("delay-ms", 100))) {
            System.out.println("kdc-proxy listening on 127.0.0.1:" + p.port());
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    private void udpLoop() {
        byte[] buf = new byte[65536];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (IOException e) {
                return;
            }
            byte[] request = java.util.Arrays.copyOf(p.getData(), p.getLength());
            SocketAddress client = p.getSocketAddress();
            timer.schedule(() -> workers.execute(() -> forwardUdp(request, client)), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void forwardUdp(byte[] request, SocketAddress client) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(10_000);
            s.send(new DatagramPacket(request, request.length, kdc));
            byte[] buf = new byte[65536];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            s.receive(answer);
            udp.send(new DatagramPacket(answer.getData(), answer.getLength(), client));
        } catch (IOException e) {
            // the client retries or gives up, as with a lost datagram
        }
    }

    private void tcpLoop() {
        while (!closed) {
            try {
                Socket client = tcp.accept();
                workers.execute(() -> forwardTcp(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Kerberos over TCP: each message is a 4-byte big-endian length and the message. */
    private void forwardTcp(Socket client) {
        try (client; Socket upstream = new Socket()) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            upstream.connect(kdc, 5_000);
            upstream.setSoTimeout(10_000);
            DataInputStream upIn = new DataInputStream(upstream.getInputStream());
            DataOutputStream upOut = new DataOutputStream(upstream.getOutputStream());
            while (!closed) {
                byte[] request = new byte[in.readInt()];
                in.readFully(request);
                Thread.sleep(delayMs); // this thread exists to be late
                upOut.writeInt(request.length);
                upOut.write(request);
                upOut.flush();
                byte[] answer = new byte[upIn.readInt()];
                upIn.readFully(answer);
                out.writeInt(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // connection ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

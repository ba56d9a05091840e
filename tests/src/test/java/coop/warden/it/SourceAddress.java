// Clients that connect from a chosen loopback address, so Prosody (and Warden's limits) see another client IP.
package coop.warden.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.SocketFactory;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Prosody listens on 127.0.0.1 only, but Linux lets a client bind any address of 127.0.0.0/8
 * as its source: Prosody then sees that address as the client's IP.
 */
final class SourceAddress {
    private SourceAddress() {
    }

    /** A loopback address no other run of the suite is likely to have used in the last minutes. */
    static InetAddress fresh() throws IOException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] {127, (byte) (2 + r.nextInt(250)), (byte) r.nextInt(256),
            (byte) (1 + r.nextInt(254))});
    }

    /** Binds each socket Smack makes to {@code source} before Smack connects it. */
    static SocketFactory boundTo(InetAddress source) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(source, 0));
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                throw new UnsupportedOperationException("Smack calls createSocket() and connects itself");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static XMPPTCPConnection connection(InetAddress source, String user, String password) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(Stack.DOMAIN)
                .setHostAddress(InetAddress.getByName(Stack.HOST))
                .setPort(Stack.C2S_PORT)
                .setUsernameAndPassword(user, password)
                .setResource("it" + ThreadLocalRandom.current().nextInt(1_000_000))
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(Clients.trust())
                .setHostnameVerifier((host, session) -> true)
                .setSendPresence(false)
                .setConnectTimeout(10_000)
                .setSocketFactory(boundTo(source))
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(config);
        c.setReplyTimeout(15_000);
        return c;
    }

    /** Like {@link Clients#attempt}, from {@code source}. */
    static Clients.Attempt attempt(InetAddress source, String user, String password) throws Exception {
        XMPPTCPConnection c = connection(source, user, password);
        c.connect();
        long t0 = System.nanoTime();
        try {
            c.login();
            return new Clients.Attempt("ok", null, java.time.Duration.ofNanos(System.nanoTime() - t0));
        } catch (SASLErrorException e) {
            var failure = e.getSASLFailure();
            return new Clients.Attempt(failure.getSASLErrorString(), failure.getDescriptiveText(),
                    java.time.Duration.ofNanos(System.nanoTime() - t0));
        } catch (SmackException | XMPPException e) {
            return new Clients.Attempt("error:" + e.getClass().getSimpleName(), e.getMessage(),
                    java.time.Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            c.disconnect();
        }
    }
}

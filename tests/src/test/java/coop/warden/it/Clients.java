// Smack clients for the tests: STARTTLS against the stack's self-signed certificate, pinned, no DNS.
package coop.warden.it;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Builds connections the way a member's client would: TLS required, PLAIN over it. */
final class Clients {
    private static X509TrustManager trustManager;

    private Clients() {
    }

    /** Trusts exactly the stack's self-signed certificate. */
    static synchronized X509TrustManager trust() throws Exception {
        if (trustManager == null) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(Stack.certificate())) {
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                ks.setCertificateEntry("stack", cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        }
        return trustManager;
    }

    static XMPPTCPConnection connection(String domain, String user, String password) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getByName(Stack.HOST))
                .setPort(Stack.C2S_PORT)
                .setUsernameAndPassword(user, password)
                .setResource("it" + ThreadLocalRandom.current().nextInt(1_000_000))
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(trust())
                .setHostnameVerifier((host, session) -> true)
                .setSendPresence(false)
                .setConnectTimeout(10_000)
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(config);
        c.setReplyTimeout(15_000);
        return c;
    }

    /** Connects and logs in a member of coop.test. */
    static XMPPTCPConnection login(String user) throws Exception {
        return login(user, Stack.password(user));
    }

    static XMPPTCPConnection login(String user, String password) throws Exception {
        XMPPTCPConnection c = connection(Stack.DOMAIN, user, password);
        c.connect();
        try {
            c.login();
        } catch (Exception e) {
            c.disconnect();
            throw e;
        }
        return c;
    }

    /** What a login attempt ended as: "ok", or the SASL failure condition. */
    record Attempt(String outcome, String text, Duration took) {}

    static Attempt attempt(String user, String password) throws Exception {
        XMPPTCPConnection c = connection(Stack.DOMAIN, user, password);
        c.connect();
        long t0 = System.nanoTime();
        try {
            c.login();
            return new Attempt("ok", null, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SASLErrorException e) {
            var failure = e.getSASLFailure();
            return new Attempt(failure.getSASLErrorString(), failure.getDescriptiveText(),
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (SmackException | XMPPException e) {
            return new Attempt("error:" + e.getClass().getSimpleName(), e.getMessage(),
                    Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            c.disconnect();
        }
    }
}

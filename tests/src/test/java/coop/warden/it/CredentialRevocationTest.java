// Issue 6: a password changed in the KDC stops working even though Warden had it cached; the session it opened is ended.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class CredentialRevocationTest {
    private static final String MEMBER = "user199"; // used by no other test
    /** warden.auth.cache.recheck-interval (reference.conf's 30 s; the stack keeps it). */
    private static final Duration RECHECK_INTERVAL = Duration.ofSeconds(30);

    /** {@code <revoke xmlns='urn:warden:auth:1'>}, as a member's client could craft it. */
    static final class RevokeIq extends IQ {
        private final String user;

        RevokeIq(String user) {
            super("revoke", "urn:warden:auth:1");
            this.user = user;
            setType(Type.set);
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.rightAngleBracket();
            xml.element("username", user);
            return xml;
        }
    }

    /** Changes a principal's password with kadmin.local, the password on stdin (never on a command line). */
    private static void changePassword(String user, String password) throws Exception {
        Path base = Stack.base();
        ProcessBuilder pb = new ProcessBuilder("kadmin.local", "-r", "COOP.TEST").redirectErrorStream(true);
        pb.environment().put("KRB5_CONFIG", base.resolve("krb5/krb5.conf").toString());
        pb.environment().put("KRB5_KDC_PROFILE", base.resolve("krb5/kdc.conf").toString());
        Process p = pb.start();
        p.getOutputStream().write(("cpw -pw " + password + " " + user + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kadmin.local").isZero();
        assertThat(out.replace(password, "****")).contains("changed");
    }

    @Test
    void aCachedLoginWithAChangedPasswordIsEndedWithinSecondsAndTheOldPasswordStopsWorking() throws Exception {
        String old = Stack.password(MEMBER);
        String changed = MEMBER + "-Changed-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            Exception ended = null;
            for (int attempt = 1; ended == null; attempt++) {
                long mark = Stack.read(wardenLog()).length();
                Clients.login(MEMBER).disconnect(); // the backend confirms the password now: it is cached
                long confirmedAt = System.nanoTime();
                changePassword(MEMBER, changed);
                // Inside recheck-interval Warden does not ask the backend again; past it, it must.
                long wait = RECHECK_INTERVAL.toNanos() + TimeUnit.SECONDS.toNanos(2) - (System.nanoTime() - confirmedAt);
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // letting Warden's configured interval pass, not synchronising
                }
                ended = cachedLoginEnded(old);
                if (ended == null) {
                    // The stack is shared: a restarted Warden has an empty cache. Anything else is a failure.
                    assertThat(Stack.read(wardenLog()).substring((int) mark)).as("the old password was refused at "
                            + "login although Warden had it cached and did not restart").contains("Warden started");
                    assertThat(attempt).as("Warden restarted during every attempt").isLessThan(3);
                    changePassword(MEMBER, old);
                }
            }
            assertThat(ended).as("the server ended the session").isInstanceOf(XMPPException.StreamErrorException.class);
            StreamError error = ((XMPPException.StreamErrorException) ended).getStreamError();
            assertThat(error.getCondition()).isEqualTo(StreamError.Condition.not_authorized);
            assertThat(error.getDescriptiveText()).contains("password was changed or your account was disabled");

            assertThat(Clients.attempt(MEMBER, old).outcome()).as("the old password now").isEqualTo("not-authorized");
            assertThat(Clients.attempt(MEMBER, changed).outcome()).as("the new password").isEqualTo("ok");
        } finally {
            changePassword(MEMBER, old);
        }
        assertThat(Clients.attempt(MEMBER, old).outcome()).as("password restored").isEqualTo("ok");
        StackLogs.assertNoneHolds(List.of(changed));
    }

    /**
     * Logs in with {@code password} and returns how the server ended the session within 10 s, or null
     * if the login was refused at SASL. Warden answers from its cache at once and re-checks right after:
     * the session may be ended once bound, or while still binding (then login() itself fails).
     */
    private static Exception cachedLoginEnded(String password) throws Exception {
        XMPPTCPConnection c = Clients.connection(Stack.DOMAIN, MEMBER, password);
        CompletableFuture<Exception> ended = new CompletableFuture<>();
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                ended.complete(e);
            }

            @Override
            public void connectionClosed() {
                ended.complete(null);
            }
        });
        c.setReplyTimeout(5_000);
        c.connect();
        try {
            try {
                c.login();
            } catch (SASLErrorException refused) {
                return null;
            } catch (Exception whileBinding) {
                // ended below says why
            }
            return ended.get(10, TimeUnit.SECONDS);
        } finally {
            c.disconnect();
        }
    }

    private static Path wardenLog() {
        return Stack.base().resolve("warden/log/warden.log");
    }

    @Test
    void aMemberCannotEndAnotherMembersSessions() throws Exception {
        XMPPTCPConnection victim = Clients.login("user196");
        XMPPTCPConnection attacker = Clients.login("dave");
        try {
            RevokeIq iq = new RevokeIq("user196");
            iq.setTo(JidCreate.from(Stack.DOMAIN));
            StanzaCollector collector = attacker.createStanzaCollectorAndSend(iq);
            IQ reply;
            try {
                reply = collector.nextResult(10_000);
            } finally {
                collector.cancel();
            }
            assertThat(reply).as("an answer from coop.test").isNotNull();
            assertThat(reply.getType()).isEqualTo(IQ.Type.error);
            assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
            // The victim's session is still served: a ping to its own server is answered.
            assertThat(victim.isConnected()).isTrue();
            assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(victim).pingMyServer()).isTrue();
        } finally {
            attacker.disconnect();
            victim.disconnect();
        }
    }
}

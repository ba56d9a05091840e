package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.sasl.CheckResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** A login served from the cache is checked again; a refusal drops the entry and ends the member's sessions. */
class RevocationTest {
    private final AuthFixture f = new AuthFixture("cache { recheck-interval = 30 seconds, hash-iterations = 1000 }");

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aCachedLoginAfterThePasswordChangedEndsTheMembersSessionsOnEveryHost() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        f.checker.answer = (u, p) -> new CheckResult.Rejected(); // the admin changed alice's password
        f.clock.advance(Duration.ofSeconds(31));
        assertThat(f.login("alice", "alice-Secret1", null)).as("served from the cache").isEqualTo("accepted");

        assertThat(f.checker.calls).containsExactly("alice:alice-Secret1", "alice:alice-Secret1");
        assertThat(f.guards().cache().size()).isZero();
        assertThat(f.sent).hasSize(2);
        assertThat(f.sent).extracting(iq -> iq.getTo().toString()).containsExactlyInAnyOrder("coop.test", "other.test");
        for (IQ iq : f.sent) {
            assertThat(iq.getType()).isEqualTo(IQ.Type.set);
            assertThat(iq.getChildElement().getName()).isEqualTo("revoke");
            assertThat(iq.getChildElement().getNamespaceURI()).isEqualTo("urn:warden:auth:1");
            assertThat(iq.getChildElement().elementText("username")).isEqualTo("alice");
            assertThat(iq.toXML()).doesNotContain("Secret1");
        }
        assertThat(f.login("alice", "alice-Secret1", null)).as("the old password is refused now").isEqualTo("rejected");
        assertThat(f.checker.passwordsSeen).allSatisfy(p -> assertThat(p).containsOnly((byte) 0));
    }

    @Test
    void noRecheckWithinTheIntervalAfterTheBackendConfirmed() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        f.clock.advance(Duration.ofSeconds(29));
        f.login("alice", "alice-Secret1", null);
        assertThat(f.checker.calls).hasSize(1);
    }

    @Test
    void aConfirmingRecheckRenewsTheEntry() throws Exception {
        f.checker.members("alice");
        f.login("alice", "alice-Secret1", null);
        f.clock.advance(Duration.ofMinutes(9));
        f.login("alice", "alice-Secret1", null); // re-checked and confirmed: the lifetime starts again
        f.clock.advance(Duration.ofMinutes(9));
        f.login("alice", "alice-Secret1", null);
        assertThat(f.checker.calls).hasSize(3);
        assertThat(f.guards().cache().size()).isEqualTo(1);
        assertThat(f.sent).isEmpty();
    }

    @Test
    void withRecheckIntervalZeroEveryCachedLoginIsCheckedAgain() throws Exception {
        try (AuthFixture every = new AuthFixture("cache.recheck-interval = 0 seconds")) {
            every.checker.members("alice");
            for (int i = 0; i < 3; i++) {
                every.login("alice", "alice-Secret1", null);
            }
            assertThat(every.checker.calls).hasSize(3);
        }
    }

    @Test
    void aRefusalWhileNoKdcIsReachableIsAnOutageNotARevocation() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (AuthFixture probed = new AuthFixture("cache.recheck-interval = 0 seconds, kdc-probe.addresses = [\"127.0.0.1:"
                + closedPort + "\"]")) {
            probed.checker.members("alice");
            probed.guards().cache().store("alice", "alice-Secret1".getBytes(),
                    new CredentialCache.Lookup(null, null, false));
            probed.checker.answer = (u, p) -> new CheckResult.Rejected(); // what saslauthd says with the KDC down
            assertThat(probed.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
            assertThat(probed.sent).as("no revocation").isEmpty();
            assertThat(probed.guards().cache().size()).isEqualTo(1);
            assertThat(probed.login("bob", "bob-Secret1", "192.0.2.7")).as("not 'rejected'").isEqualTo("unavailable");
            assertThat(probed.guards().limits().tracked()).as("nothing counted").isZero();
        }
    }

    @Test
    void aRefusalWhileTheKdcIsReachableIsBelieved() throws Exception {
        try (ServerSocket kdc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             AuthFixture probed = new AuthFixture("cache.recheck-interval = 0 seconds, kdc-probe.addresses = [\"127.0.0.1:"
                     + kdc.getLocalPort() + "\"]")) {
            probed.checker.members("alice");
            probed.login("alice", "alice-Secret1", null);
            probed.checker.answer = (u, p) -> new CheckResult.Rejected();
            probed.login("alice", "alice-Secret1", null);
            assertThat(probed.sent).hasSize(2);
            assertThat(probed.guards().cache().size()).isZero();
            assertThat(probed.login("bob", "guess", null)).isEqualTo("rejected");
        }
    }

    @Test
    void theProbeSeesAListeningPortAndAClosedOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            KdcProbe both = probe("127.0.0.1:" + closedPort, "127.0.0.1:" + open.getLocalPort());
            assertThat(both.reachable().get(5, TimeUnit.SECONDS)).isTrue();
            both.close();
        }
        KdcProbe none = probe("127.0.0.1:" + closedPort);
        assertThat(none.reachable().get(5, TimeUnit.SECONDS)).isFalse();
        none.close();
        KdcProbe off = new KdcProbe(KdcProbeSettings.off());
        assertThat(off.reachable().get()).as("no probe: trust saslauthd").isTrue();
    }

    private static KdcProbe probe(String... addresses) throws IOException {
        return new KdcProbe(new KdcProbeSettings(java.util.Arrays.stream(addresses)
                .map(com.google.common.net.HostAndPort::fromString).toList(), Duration.ofSeconds(1)));
    }
}

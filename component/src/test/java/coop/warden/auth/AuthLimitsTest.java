package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.common.net.InetAddresses;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuthLimitsTest {
    private final AuthFixture f = new AuthFixture("""
            cache.enabled = false
            limits { per-user { failures = 3, window = 5 minutes }, per-ip { failures = 5, window = 5 minutes },
                     exempt-ips = ["198.51.100.0/24"] }
            """);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger limitsLog = (Logger) LoggerFactory.getLogger(AuthLimits.class);

    AuthLimitsTest() {
        logged.start();
        limitsLog.addAppender(logged);
        f.checker.members("alice", "bob");
    }

    @AfterEach
    void stop() {
        limitsLog.detachAppender(logged);
        f.close();
    }

    private long trips() {
        return logged.list.stream().filter(e -> e.getFormattedMessage().startsWith("auth limit tripped")).count();
    }

    @Test
    void failuresForOneMemberFromOneAddressLockThatPairWithoutAskingTheBackend() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(f.login("alice", "guess" + i, "192.0.2.7")).isEqualTo("rejected");
        }
        int asked = f.checker.calls.size();
        assertThat(f.login("alice", "guess3", "192.0.2.7")).isEqualTo("unavailable");
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).as("even the right password").isEqualTo("unavailable");
        assertThat(f.checker.calls).hasSize(asked);
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.99")).as("another address").isEqualTo("accepted");
        assertThat(f.login("bob", "bob-Secret1", "192.0.2.7")).as("another member").isEqualTo("accepted");
        assertThat(trips()).as("the trip is logged once, the refused attempts are not").isEqualTo(1);
    }

    @Test
    void theLockLiftsWhenTheWindowHasPassed() throws Exception {
        for (int i = 0; i < 3; i++) {
            f.login("alice", "guess" + i, "192.0.2.7");
        }
        f.clock.advance(Duration.ofMinutes(4));
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("unavailable");
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
    }

    @Test
    void aSuccessClearsTheMembersCountAtThatAddress() throws Exception {
        f.login("alice", "guess0", "192.0.2.7");
        f.login("alice", "guess1", "192.0.2.7");
        f.login("alice", "alice-Secret1", "192.0.2.7");
        f.login("alice", "guess2", "192.0.2.7");
        f.login("alice", "guess3", "192.0.2.7");
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
    }

    @Test
    void anAddressSprayingManyUsernamesIsLockedForEveryone() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(f.login("user" + i, "guess", "203.0.113.5")).isEqualTo("rejected");
        }
        assertThat(f.login("bob", "bob-Secret1", "203.0.113.5")).isEqualTo("unavailable");
        assertThat(f.login("bob", "bob-Secret1", "203.0.113.6")).isEqualTo("accepted");
        assertThat(trips()).isEqualTo(1);
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() throws Exception {
        for (int i = 0; i < 5; i++) {
            f.login("user" + i, "guess", "2001:db8:1:2::" + (i + 1));
        }
        assertThat(f.login("bob", "bob-Secret1", "2001:db8:1:2:ffff::9")).isEqualTo("unavailable");
        assertThat(f.login("bob", "bob-Secret1", "2001:db8:1:3::1")).isEqualTo("accepted");
        assertThat(AuthLimits.source(InetAddresses.forString("::ffff:192.0.2.1"))).isEqualTo("192.0.2.1");
    }

    @Test
    void exemptAddressesAreNeverLimited() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(f.login("alice", "guess" + i, "198.51.100.20")).isEqualTo("rejected");
        }
        assertThat(f.login("alice", "alice-Secret1", "198.51.100.20")).isEqualTo("accepted");
        assertThat(f.guards().limits().tracked()).isZero();
        assertThat(trips()).isZero();
    }

    @Test
    void backendOutagesAreNotCountedAsFailures() throws Exception {
        f.checker.answer = (u, p) -> new coop.warden.sasl.CheckResult.Unavailable("down");
        for (int i = 0; i < 10; i++) {
            assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("unavailable");
        }
        f.checker.members("alice");
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
    }

    @Test
    void zeroFailuresTurnsALimitOff() throws Exception {
        try (AuthFixture off = new AuthFixture("cache.enabled = false, limits.per-user.failures = 0, limits.per-ip.failures = 0")) {
            off.checker.members("alice");
            for (int i = 0; i < 30; i++) {
                off.login("alice", "guess" + i, "192.0.2.7");
            }
            assertThat(off.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
        }
    }

    @Test
    void addressRangesParseAndMatch() {
        AddressRange net = AddressRange.parse("10.0.0.0/8");
        assertThat(net.contains(InetAddresses.forString("10.200.3.4"))).isTrue();
        assertThat(net.contains(InetAddresses.forString("11.0.0.1"))).isFalse();
        assertThat(net.contains(InetAddresses.forString("::1"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.10").contains(InetAddresses.forString("192.0.2.11"))).isFalse();
        assertThat(AddressRange.parse("2001:db8::/33").contains(InetAddresses.forString("2001:db8:7fff::1"))).isTrue();
        assertThat(AddressRange.parse("2001:db8::/33").contains(InetAddresses.forString("2001:db8:8000::1"))).isFalse();
        for (String bad : new String[] {"example.org", "10.0.0.0/33", "10.0.0.0/x", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressRange.parse(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

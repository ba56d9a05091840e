// sasl-bridge against the real stack: libsasl2 (JNA) -> saslauthd -a kerberos5 -> MIT KDC, realm COOP.TEST.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.sasl.CheckResult;
import coop.warden.sasl.CyrusPasswordChecker;
import coop.warden.sasl.PasswordChecker;
import coop.warden.sasl.SaslConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker reads the stack's own SASL application config ({@code <base>/sasl2/xmpp.conf}: saslauthd
 * at {@code <base>/saslauthd/mux/mux}), as the component does, and must end up asking saslauthd what
 * {@code testsaslauthd -u alice -r COOP.TEST -s xmpp} asks.
 *
 * <p>DESIGN.md fact 11: "saslauthd's wire protocol is four 2-byte-length-prefixed fields (login,
 * password, service, realm) ... fields are capped at 256 bytes." Fact 10: "Its saslauthd client has
 * no read timeout ... every check needs a deadline enforced from Java."
 */
class SaslBridgeStackTest {

    private static final String REALM = "COOP.TEST";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static PasswordChecker checker;

    @BeforeAll
    static void start() throws Exception {
        Path confDir = Stack.base().resolve("sasl2");
        Path conf = confDir.resolve("xmpp.conf");
        assertThat(conf).as("the stack's SASL app config (scripts/stack-up.sh writes it)").isRegularFile();
        assertThat(Files.readString(conf))
                .as("xmpp.conf must send checks to this stack's saslauthd")
                .contains("pwcheck_method: saslauthd")
                .contains("saslauthd_path: " + Stack.base().resolve("saslauthd/mux/mux"));
        checker = CyrusPasswordChecker.start(new SaslConfig("xmpp", "xmpp", REALM, confDir, TIMEOUT, 4, 64));
    }

    @AfterAll
    static void stop() {
        if (checker != null) {
            checker.close();
        }
    }

    private static CheckResult check(String user, String password) throws Exception {
        return check(user, password.getBytes(StandardCharsets.UTF_8));
    }

    private static CheckResult check(String user, byte[] password) throws Exception {
        return checker.check(user, password).get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    @Test
    void rightPasswordIsAccepted() throws Exception {
        assertThat(check("alice", Stack.password("alice"))).isEqualTo(new CheckResult.Accepted());
        assertThat(check("user001", Stack.password("user001"))).isEqualTo(new CheckResult.Accepted());
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        assertThat(check("alice", "alice-Wrong1")).isEqualTo(new CheckResult.Rejected());
    }

    @Test
    void unknownUserIsRejected() throws Exception {
        assertThat(check("mallory", Stack.password("mallory"))).isEqualTo(new CheckResult.Rejected());
    }

    /** libsasl2 is shared by the checker's threads (mutexes set before sasl_server_init). */
    @Test
    void concurrentChecksEachGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String user = String.format("user%03d", i);
            String password = i % 2 == 0 ? Stack.password(user) : "wrong-" + i;
            futures.add(checker.check(user, password.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 1; i <= 40; i++) {
            assertThat(futures.get(i - 1).get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)).as("user%03d", i)
                    .isEqualTo(i % 2 == 0 ? new CheckResult.Accepted() : new CheckResult.Rejected());
        }
    }

    /**
     * These carry alice's right password, and most would be checked as plain {@code alice} (and so
     * accepted) if they reached libsasl2: it cuts every field at a NUL, strips whitespace around the
     * name and splits {@code user@realm} itself, sending saslauthd whatever realm the client chose.
     */
    @Test
    void hostileInputsAreRejectedEvenWithTheRightPassword() throws Exception {
        for (Map.Entry<String, String> e : hostileUsernames().entrySet()) {
            assertThat(check(e.getValue(), Stack.password("alice"))).as(e.getKey()).isEqualTo(new CheckResult.Rejected());
        }
        assertThat(check("alice", Stack.password("alice") + "\0tail")).as("NUL in password")
                .isEqualTo(new CheckResult.Rejected());
        assertThat(check("alice", "x".repeat(300))).as("300-byte password").isEqualTo(new CheckResult.Rejected());
    }

    /**
     * With saslauthd gone, whatever reaches it comes back Unavailable; hostile input still comes
     * back Rejected, so it was refused before libsasl2 was called. Then saslauthd comes back and
     * the same checker recovers without a restart. saslauthd is killed (a crash: its socket file
     * stays, so connect() is refused); FailureTest covers a clean stop (no socket file) end to end.
     */
    @Test
    void saslauthdDownIsUnavailableAndHostileInputNeverReachesIt() throws Exception {
        Path stackctl = Stack.repo().resolve("scripts/stackctl.sh");
        Assumptions.assumeTrue(Files.isRegularFile(stackctl), "no " + stackctl + " to stop saslauthd with");
        try {
            Stack.ctl("kill", "saslauthd");

            CheckResult down = check("alice", Stack.password("alice"));
            assertThat(down).isInstanceOf(CheckResult.Unavailable.class);
            assertThat(((CheckResult.Unavailable) down).reason())
                    .contains("cannot connect to saslauthd server")
                    .doesNotContain(Stack.password("alice"));
            assertThat(check("alice", "alice-Wrong1")).as("a wrong password is no verdict either while it is down")
                    .isInstanceOf(CheckResult.Unavailable.class);
            for (Map.Entry<String, String> e : hostileUsernames().entrySet()) {
                assertThat(check(e.getValue(), Stack.password("alice"))).as(e.getKey())
                        .isEqualTo(new CheckResult.Rejected());
            }
        } finally {
            Stack.ctl("start", "saslauthd");
        }
        assertThat(check("alice", Stack.password("alice"))).isEqualTo(new CheckResult.Accepted());
    }

    private static Map<String, String> hostileUsernames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NUL in username", "alice\0mallory");
        m.put("300-byte username", "alice" + "a".repeat(295));
        m.put("another realm", "alice@OTHER.REALM");
        m.put("the configured realm spelled out", "alice@" + REALM);
        m.put("surrounding whitespace", " alice ");
        return m;
    }
}

// The real libsasl2 binding against a fake saslauthd: realm on the wire, return codes, hangs.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.warden.sasl.jna.SaslLibrary;
import coop.warden.sasl.jna.SaslServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CyrusPasswordCheckerNativeTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private FakeSaslauthd saslauthd;
    private final List<CyrusPasswordChecker> checkers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        NativeFixture.assumeLibsasl2();
        saslauthd = NativeFixture.startSaslauthd();
    }

    @AfterEach
    void tearDown() throws Exception {
        checkers.forEach(CyrusPasswordChecker::close);
        if (saslauthd != null) {
            saslauthd.close();
        }
    }

    private CyrusPasswordChecker checker(String realm, Duration timeout, int threads, int queue) throws Exception {
        CyrusPasswordChecker c = CyrusPasswordChecker.start(NativeFixture.config(realm, timeout, threads, queue));
        checkers.add(c);
        return c;
    }

    private static CheckResult await(CompletableFuture<CheckResult> f) throws Exception {
        return f.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    }

    private static byte[] pw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void saslauthdSeesUserRealmAndServiceSeparately() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofSeconds(10), 2, 4);

        assertThat(await(c.check("alice", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Accepted());

        FakeSaslauthd.Request r = saslauthd.requests.poll(10, TimeUnit.SECONDS);
        assertThat(r).isEqualTo(new FakeSaslauthd.Request("alice", NativeFixture.PASSWORD, "xmpp", "COOP.TEST"));
    }

    @Test
    void withoutRealmSaslauthdGetsAnEmptyRealm() throws Exception {
        CyrusPasswordChecker c = checker(null, Duration.ofSeconds(10), 1, 1);

        assertThat(await(c.check("alice", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Accepted());

        assertThat(saslauthd.requests.poll(10, TimeUnit.SECONDS).realm()).isEmpty();
    }

    @Test
    void saslauthdSayingNoIsRejected() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);

        assertThat(await(c.check("alice", pw("wrong")))).isEqualTo(new CheckResult.Rejected());
        assertThat(await(c.check("mallory", pw("whatever")))).isEqualTo(new CheckResult.Rejected());
    }

    @Test
    void hostileInputNeverReachesSaslauthd() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);

        assertThat(await(c.check("alice@OTHER.REALM", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Rejected());
        assertThat(await(c.check("alice\0x", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Rejected());
        assertThat(await(c.check("alice", pw(NativeFixture.PASSWORD + "\0tail")))).isEqualTo(new CheckResult.Rejected());
        assertThat(await(c.check("a".repeat(300), pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Rejected());
        assertThat(await(c.check(" alice", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Rejected());
        // A legitimate check afterwards is the first and only request saslauthd saw.
        assertThat(await(c.check("alice", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Accepted());
        assertThat(saslauthd.requests).hasSize(1);
    }

    @Test
    void saslauthdNotRunningIsUnavailableWithTheReason() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);
        saslauthd.close(); // socket file removed

        CheckResult r = await(c.check("alice", pw(NativeFixture.PASSWORD)));

        assertThat(r).isInstanceOf(CheckResult.Unavailable.class);
        assertThat(((CheckResult.Unavailable) r).reason())
                .startsWith("SASL_FAIL (-1)")
                .contains("cannot connect to saslauthd server")
                .doesNotContain(NativeFixture.PASSWORD);
    }

    @Test
    void hungSaslauthdTimesOutAndItsThreadIsNotReusedUntilItReturns() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofMillis(1000), 1, 1);
        saslauthd.hang(true);

        CheckResult first = await(c.check("alice", pw(NativeFixture.PASSWORD)));
        assertThat(first).isEqualTo(new CheckResult.Unavailable("timed out after 1000 ms"));
        // The only thread is still inside libsasl2's read(): the next check waits in the queue and
        // times out there; it never reaches saslauthd.
        CheckResult second = await(c.check("alice", pw(NativeFixture.PASSWORD)));
        assertThat(second).isEqualTo(new CheckResult.Unavailable("timed out after 1000 ms"));
        assertThat(saslauthd.requests).hasSize(1);

        saslauthd.hang(false);
        saslauthd.releaseHeld(); // EOF: libsasl2 returns SASL_FAIL and the thread is free again
        assertThat(await(c.check("alice", pw(NativeFixture.PASSWORD)))).isEqualTo(new CheckResult.Accepted());
    }

    @Test
    void concurrentChecksGetTheirOwnAnswers() throws Exception {
        CyrusPasswordChecker c = checker("COOP.TEST", Duration.ofSeconds(15), 4, 64);
        List<CompletableFuture<CheckResult>> good = new ArrayList<>();
        List<CompletableFuture<CheckResult>> bad = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            good.add(c.check("alice", pw(NativeFixture.PASSWORD)));
            bad.add(c.check("alice", pw("wrong-" + i)));
        }
        for (CompletableFuture<CheckResult> f : good) {
            assertThat(await(f)).isEqualTo(new CheckResult.Accepted());
        }
        for (CompletableFuture<CheckResult> f : bad) {
            assertThat(await(f)).isEqualTo(new CheckResult.Rejected());
        }
    }

    @Test
    void libsasl2UsesOurMutexes() throws Exception {
        checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);
        SaslServer server = SaslLibrary.load(CyrusPasswordChecker.LIBRARY_NAME)
                .initialiseServer(NativeFixture.APP, NativeFixture.configDir().toAbsolutePath());
        // sasl_server_init allocates at least the mutex that serialises sasl_dispose.
        assertThat(server.mutexesAllocated()).isPositive();
    }

    @Test
    void aSecondAppNameInTheSameProcessIsRefused() throws Exception {
        checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);
        SaslConfig other = new SaslConfig("otherapp", "xmpp", "COOP.TEST", NativeFixture.configDir(),
                Duration.ofSeconds(1), 1, 1);
        java.nio.file.Files.writeString(NativeFixture.configDir().resolve("otherapp.conf"), "pwcheck_method: saslauthd\n");
        try {
            assertThatThrownBy(() -> CyrusPasswordChecker.start(other))
                    .isInstanceOf(SaslUnavailableException.class)
                    .hasMessageContaining("already initialised in this process for app 'xmpp'");
        } finally {
            java.nio.file.Files.delete(NativeFixture.configDir().resolve("otherapp.conf"));
        }
    }

    @Test
    void checkToolPrintsTheOutcome() throws Exception {
        checker("COOP.TEST", Duration.ofSeconds(10), 1, 1);
        Path dir = NativeFixture.configDir();
        var out = new java.io.ByteArrayOutputStream();
        int rc = CheckTool.run(new String[] {"--config-path", dir.toString(), "--app", NativeFixture.APP,
                "--service", "xmpp", "--realm", "COOP.TEST", "--user", "alice"},
                new java.io.ByteArrayInputStream((NativeFixture.PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(rc).isEqualTo(CheckTool.ACCEPTED);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("accepted" + System.lineSeparator());
    }
}

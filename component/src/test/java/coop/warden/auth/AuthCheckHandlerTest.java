package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.config.AuthConfig;
import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

class AuthCheckHandlerTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FakeChecker checker = new FakeChecker();
    private final AuthCheckHandler handler = new AuthCheckHandler(
            new AuthConfig(Set.of("coop.test"), "COOP.TEST", "xmpp", "xmpp", null, Duration.ofSeconds(3), 2, 8,
                    Duration.ZERO),
            checker, timers, Clock.systemUTC());

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    /** Records what it was asked (copying the password, which the handler wipes) and answers as told. */
    static final class FakeChecker implements PasswordChecker {
        final List<String> calls = new ArrayList<>();
        final List<byte[]> passwordsSeen = new ArrayList<>();
        CheckResult answer = new CheckResult.Accepted();

        @Override
        public CompletableFuture<CheckResult> check(String username, byte[] password) {
            calls.add(username + ":" + new String(password, StandardCharsets.UTF_8));
            passwordsSeen.add(password);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public void close() {
        }
    }

    private static IQ check(String from, String user, String password) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom(new JID(from));
        iq.setTo(new JID("warden.coop.test"));
        Element check = iq.setChildElement("check", "urn:warden:auth:1");
        if (user != null) {
            check.addElement("username").setText(user);
        }
        if (password != null) {
            check.addElement("password").setText(password);
        }
        check.addElement("ip").setText("192.0.2.7");
        return iq;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private IqOutcome run(IQ iq) throws Exception {
        return handler.handle(iq).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String outcomeValue(IqOutcome o) {
        assertThat(o).isInstanceOf(IqOutcome.Result.class);
        Element payload = ((IqOutcome.Result) o).payload();
        assertThat(payload.getNamespaceURI()).isEqualTo("urn:warden:auth:1");
        assertThat(payload.getName()).isEqualTo("outcome");
        return payload.attributeValue("value");
    }

    @Test
    void trustedHostGetsEachOfTheThreeOutcomes() throws Exception {
        checker.answer = new CheckResult.Accepted();
        assertThat(outcomeValue(run(check("coop.test", "alice", b64("alice-Secret1"))))).isEqualTo("accepted");
        checker.answer = new CheckResult.Rejected();
        assertThat(outcomeValue(run(check("coop.test", "alice", b64("nope"))))).isEqualTo("rejected");
        checker.answer = new CheckResult.Unavailable("saslauthd: connection refused");
        IqOutcome unavailable = run(check("coop.test", "alice", b64("x")));
        assertThat(outcomeValue(unavailable)).isEqualTo("unavailable");
        assertThat(((IqOutcome.Result) unavailable).payload().asXML()).doesNotContain("saslauthd");
        assertThat(checker.calls).containsExactly("alice:alice-Secret1", "alice:nope", "alice:x");
    }

    @Test
    void passwordIsWipedAfterTheCheck() throws Exception {
        run(check("coop.test", "alice", b64("alice-Secret1")));
        assertThat(checker.passwordsSeen.get(0)).containsOnly((byte) 0);
    }

    @Test
    void anyoneButTheConfiguredHostIsForbiddenAndNothingIsChecked() throws Exception {
        for (String from : List.of("alice@coop.test/laptop", "alice@coop.test", "coop.test/res",
                "other.test", "conference.coop.test")) {
            IqOutcome o = run(check(from, "alice", b64("alice-Secret1")));
            assertThat(o).as(from).isInstanceOf(IqOutcome.Failure.class);
            assertThat(((IqOutcome.Failure) o).condition()).isEqualTo(ErrorCondition.FORBIDDEN);
        }
        assertThat(checker.calls).isEmpty();
    }

    @Test
    void malformedChecksAreBadRequestsAndNeverReachTheBackend() throws Exception {
        List<IQ> bad = List.of(
                check("coop.test", null, b64("pw")),
                check("coop.test", "alice", null),
                check("coop.test", "alice", "%%%not base64%%%"),
                check("coop.test", "alice", b64("pw\0with-nul")),
                check("coop.test", "a".repeat(300), b64("pw")),
                check("coop.test", "alice", b64("p".repeat(300))));
        for (IQ iq : bad) {
            IqOutcome o = run(iq);
            assertThat(o).isInstanceOf(IqOutcome.Failure.class);
            IqOutcome.Failure f = (IqOutcome.Failure) o;
            assertThat(f.condition()).isEqualTo(ErrorCondition.BAD_REQUEST);
            assertThat(f.text()).isNotBlank().doesNotContain("pw");
        }
        assertThat(checker.calls).isEmpty();
    }

    @Test
    void aCheckerThatThrowsEndsAsUnavailable() throws Exception {
        PasswordChecker broken = new PasswordChecker() {
            @Override
            public CompletableFuture<CheckResult> check(String username, byte[] password) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void close() {
            }
        };
        AuthCheckHandler h = new AuthCheckHandler(
                new AuthConfig(Set.of("coop.test"), null, "xmpp", "xmpp", null, Duration.ofSeconds(3), 1, 1, Duration.ZERO),
                broken, timers, Clock.systemUTC());
        IqOutcome o = h.handle(check("coop.test", "alice", b64("pw"))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(outcomeValue(o)).isEqualTo("unavailable");
    }
}

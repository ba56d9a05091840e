package coop.warden.auth;

import static coop.warden.auth.AuthFixture.b64;
import static coop.warden.auth.AuthFixture.check;
import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

class AuthCheckHandlerTest {
    private final AuthFixture f = new AuthFixture("cache.enabled = false");

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void trustedHostGetsEachOfTheThreeOutcomes() throws Exception {
        f.checker.answer = (u, p) -> new CheckResult.Accepted();
        assertThat(f.login("alice", "alice-Secret1", "192.0.2.7")).isEqualTo("accepted");
        f.checker.answer = (u, p) -> new CheckResult.Rejected();
        assertThat(f.login("alice", "nope", "192.0.2.7")).isEqualTo("rejected");
        f.checker.answer = (u, p) -> new CheckResult.Unavailable("saslauthd: connection refused");
        IqOutcome unavailable = f.run(check("coop.test", "alice", "x", "192.0.2.7"));
        assertThat(AuthFixture.value(unavailable)).isEqualTo("unavailable");
        assertThat(((IqOutcome.Result) unavailable).payload().asXML()).doesNotContain("saslauthd");
        assertThat(f.checker.calls).containsExactly("alice:alice-Secret1", "alice:nope", "alice:x");
    }

    @Test
    void passwordIsWipedAfterTheCheck() throws Exception {
        f.login("alice", "alice-Secret1", null);
        assertThat(f.checker.passwordsSeen.get(0)).containsOnly((byte) 0);
    }

    @Test
    void anyoneButTheConfiguredHostIsForbiddenAndNothingIsChecked() throws Exception {
        for (String from : List.of("alice@coop.test/laptop", "alice@coop.test", "coop.test/res",
                "elsewhere.test", "conference.coop.test")) {
            IqOutcome o = f.run(check(from, "alice", "alice-Secret1", null));
            assertThat(o).as(from).isInstanceOf(IqOutcome.Failure.class);
            assertThat(((IqOutcome.Failure) o).condition()).isEqualTo(ErrorCondition.FORBIDDEN);
        }
        assertThat(f.checker.calls).isEmpty();
    }

    @Test
    void malformedChecksAreBadRequestsAndNeverReachTheBackend() throws Exception {
        IQ notBase64 = check("coop.test", "alice", null, null);
        notBase64.getChildElement().addElement("password").setText("%%%not base64%%%");
        List<IQ> bad = List.of(
                check("coop.test", null, "pw", null),
                check("coop.test", "alice", null, null),
                notBase64,
                check("coop.test", "alice", "pw\0with-nul", null),
                check("coop.test", "a".repeat(300), "pw", null),
                check("coop.test", "alice", "p".repeat(300), null),
                check("coop.test", "alice@OTHER.REALM", "pw", null),
                check("coop.test", "Alice", "pw", null),
                check("coop.test", "al ice", "pw", null),
                check("coop.test", "alice\0", "pw", null),
                check("coop.test", "alice", "pw", "not-an-address"),
                check("coop.test", "alice", "pw", "example.org"));
        for (IQ iq : bad) {
            IqOutcome o = f.run(iq);
            assertThat(o).as(iq.toXML()).isInstanceOf(IqOutcome.Failure.class);
            IqOutcome.Failure failure = (IqOutcome.Failure) o;
            assertThat(failure.condition()).isEqualTo(ErrorCondition.BAD_REQUEST);
            assertThat(failure.text()).isNotBlank().doesNotContain("pw").doesNotContain(b64("pw"));
        }
        assertThat(f.checker.calls).isEmpty();
        assertThat(f.guards().limits().tracked()).isZero();
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
        f.checker.answer = (u, p) -> {
            broken.check(u, null);
            return null;
        };
        assertThat(f.login("alice", "pw", null)).isEqualTo("unavailable");
        f.checker.answer = (u, p) -> null; // a checker that completes with nothing at all
        assertThat(f.login("alice", "pw", null)).isEqualTo("unavailable");
    }
}

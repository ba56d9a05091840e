// Answers urn:warden:auth:1 password checks from trusted Prosody hosts through the SASL bridge.
package coop.warden.auth;

import coop.warden.config.AuthConfig;
import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Runs a password check for the Prosody host that asked. A check is run only when {@code from}
 * is exactly a configured host JID: Prosody stamps client stanzas with the client's full JID,
 * so a member can never pass this test, and the component is no password oracle.
 */
public final class AuthCheckHandler implements IqHandler {
    private static final Logger log = LoggerFactory.getLogger(AuthCheckHandler.class);

    private final AuthConfig config;
    private final PasswordChecker checker;
    private final ScheduledExecutorService timers;
    private final Clock clock;

    public AuthCheckHandler(AuthConfig config, PasswordChecker checker, ScheduledExecutorService timers, Clock clock) {
        this.config = config;
        this.checker = checker;
        this.timers = timers;
        this.clock = clock;
    }

    @Override
    public String element() {
        return AuthElements.CHECK;
    }

    @Override
    public String namespace() {
        return AuthElements.NAMESPACE;
    }

    @Override
    public CompletionStage<IqOutcome> handle(IQ request) {
        JID from = request.getFrom();
        if (from == null || from.getNode() != null || from.getResource() != null
                || !config.hosts().contains(from.getDomain())) {
            log.warn("refused a password check from {}: not a configured Prosody host", from);
            return CompletableFuture.completedFuture(IqOutcome.error(ErrorCondition.FORBIDDEN, null));
        }
        AuthElements.CheckRequest check;
        try {
            check = AuthElements.parse(request.getChildElement());
        } catch (AuthElements.BadRequest e) {
            return CompletableFuture.completedFuture(IqOutcome.error(ErrorCondition.BAD_REQUEST, e.getMessage()));
        }
        long started = clock.millis();
        byte[] password = check.password();
        CompletableFuture<CheckResult> result;
        try {
            result = checker.check(check.username(), password);
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(new CheckResult.Unavailable("checker failed: " + e.getClass().getSimpleName()));
        }
        return result.handle((r, failure) -> {
            Arrays.fill(password, (byte) 0);
            return failure != null ? new CheckResult.Unavailable("checker failed: " + failure.getClass().getSimpleName()) : r;
        }).thenCompose(r -> answer(r, check, from, started));
    }

    private CompletionStage<IqOutcome> answer(CheckResult r, AuthElements.CheckRequest check, JID host, long started) {
        String value;
        if (r instanceof CheckResult.Accepted) {
            value = "accepted";
        } else if (r instanceof CheckResult.Rejected) {
            value = "rejected";
        } else {
            value = "unavailable";
        }
        long elapsed = clock.millis() - started;
        if (r instanceof CheckResult.Unavailable u) {
            log.warn("login user={} ip={} host={} outcome=unavailable ({}) {} ms",
                    check.username(), check.ip(), host, u.reason(), elapsed);
        } else {
            log.info("login user={} ip={} host={} outcome={} {} ms", check.username(), check.ip(), host, value, elapsed);
        }
        IqOutcome outcome = IqOutcome.result(AuthElements.outcome(value));
        long wait = config.rejectFloor().toMillis() - elapsed;
        if (!(r instanceof CheckResult.Rejected) || wait <= 0) {
            return CompletableFuture.completedFuture(outcome);
        }
        CompletableFuture<IqOutcome> delayed = new CompletableFuture<>();
        timers.schedule(() -> delayed.complete(outcome), wait, TimeUnit.MILLISECONDS);
        return delayed;
    }
}

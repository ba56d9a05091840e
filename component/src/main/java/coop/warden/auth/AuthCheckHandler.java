// Answers urn:warden:auth:1 password checks from trusted Prosody hosts: limits, then the cache, then the backend.
package coop.warden.auth;

import coop.warden.config.AuthConfig;
import coop.warden.metrics.AuthMetrics;
import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.ErrorCondition;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>Order: trust, parsing (bad input changes nothing), the brute-force limits, the credential
 * cache, the backend. Every answer but "accepted" leaves no sooner than {@code reject-floor}
 * after the request came, so neither "unknown user" nor "limited" shows in the timing.
 */
public final class AuthCheckHandler implements IqHandler {
    private static final Logger log = LoggerFactory.getLogger(AuthCheckHandler.class);

    /** How a check ended: the wire value, and a word for the log. */
    enum Verdict {
        ACCEPTED("accepted", ""), CACHED("accepted", " (cache)"), REJECTED("rejected", ""),
        UNAVAILABLE("unavailable", ""), LIMITED("unavailable", " (limited)");

        final String wire;
        final String note;

        Verdict(String wire, String note) {
            this.wire = wire;
            this.note = note;
        }
    }

    private final AuthConfig config;
    private final PasswordChecker checker;
    private final AuthGuards guards;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final AuthMetrics metrics;

    AuthCheckHandler(AuthConfig config, PasswordChecker checker, AuthGuards guards,
                     ScheduledExecutorService timers, Clock clock, AuthMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.checker = checker;
        this.guards = guards;
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
        long started = clock.millis();
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
            log.warn("refused a malformed password check from {}: {}", from, e.getMessage());
            return CompletableFuture.completedFuture(IqOutcome.error(ErrorCondition.BAD_REQUEST, e.getMessage()));
        }
        return decide(check, from, started);
    }

    private CompletionStage<IqOutcome> decide(AuthElements.CheckRequest check, JID host, long started) {
        AuthLimits.Verdict limit = guards.limits().check(check.username(), check.ip());
        if (limit != AuthLimits.Verdict.OPEN) {
            Arrays.fill(check.password(), (byte) 0);
            return answer(Verdict.LIMITED, limit.name().toLowerCase(java.util.Locale.ROOT), check, host, started);
        }
        CredentialCache.Lookup lookup = guards.cache().lookup(check.username(), check.password());
        if (guards.cache().enabled()) {
            if (lookup.hit() != null) {
                metrics.cacheHit();
            } else {
                metrics.cacheMiss();
            }
        }
        if (lookup.hit() != null) {
            guards.limits().succeeded(check.username(), check.ip());
            guards.rechecker().submit(check.username(), lookup.hit(), check.password()); // it wipes the password
            return answer(Verdict.CACHED, null, check, host, started);
        }
        CompletableFuture<CheckResult> asked = ask(check);
        // The backend has its own copy of the password now: hash it for the cache meanwhile, on this thread.
        CredentialCache.Lookup full = guards.cache().withCandidate(lookup, check.password());
        return backend(asked, check, full).thenCompose(r -> answer(verdict(r),
                r instanceof CheckResult.Unavailable u ? u.reason() : null, check, host, started));
    }

    /** Starts the backend check (the checker copies the password before this returns). */
    private CompletableFuture<CheckResult> ask(AuthElements.CheckRequest check) {
        try {
            return checker.check(check.username(), check.password());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable(e));
        }
    }

    /** Believes a rejection only while the KDC is reachable, records the result, wipes the password. */
    private CompletableFuture<CheckResult> backend(CompletableFuture<CheckResult> result,
                                                   AuthElements.CheckRequest check, CredentialCache.Lookup lookup) {
        byte[] password = check.password();
        return result.handle((r, failure) -> failure != null ? unavailable(failure) : r)
                .thenCompose(r -> r instanceof CheckResult.Rejected
                        ? guards.probe().reachable()
                                .thenApply(up -> up ? r : new CheckResult.Unavailable("no KDC reachable"))
                        : CompletableFuture.completedFuture(r))
                .thenApply(r -> {
                    record(check, lookup, r);
                    return r;
                })
                .whenComplete((r, failure) -> Arrays.fill(password, (byte) 0));
    }

    private void record(AuthElements.CheckRequest check, CredentialCache.Lookup lookup, CheckResult r) {
        if (r instanceof CheckResult.Accepted) {
            guards.cache().store(check.username(), check.password(), lookup);
            guards.limits().succeeded(check.username(), check.ip());
        } else if (r instanceof CheckResult.Rejected) {
            guards.cache().evict(check.username());
            guards.limits().failed(check.username(), check.ip());
        }
    }

    private static CheckResult unavailable(Throwable failure) {
        return new CheckResult.Unavailable("checker failed: " + failure.getClass().getSimpleName());
    }

    private static Verdict verdict(CheckResult r) {
        if (r instanceof CheckResult.Accepted) {
            return Verdict.ACCEPTED;
        }
        return r instanceof CheckResult.Rejected ? Verdict.REJECTED : Verdict.UNAVAILABLE;
    }

    /** Logs the check and answers; every verdict but "accepted" waits for the reject floor. */
    private CompletionStage<IqOutcome> answer(Verdict v, String reason, AuthElements.CheckRequest check, JID host,
                                              long started) {
        long elapsed = clock.millis() - started;
        String ip = check.ip() == null ? null : check.ip().getHostAddress();
        metrics.login(v.wire, Duration.ofMillis(elapsed));
        if (v == Verdict.LIMITED) {
            metrics.rateLimited();
        }
        if (v == Verdict.UNAVAILABLE) {
            log.warn("login user={} ip={} host={} outcome=unavailable ({}) {} ms", check.username(), ip, host, reason,
                    elapsed);
        } else if (v == Verdict.LIMITED) {
            // INFO like every other decision: one line per login, so that fail2ban-style tools see each attempt.
            log.info("login user={} ip={} host={} outcome=unavailable ({}) {} ms", check.username(), ip, host, reason,
                    elapsed);
        } else {
            log.info("login user={} ip={} host={} outcome={}{} {} ms", check.username(), ip, host, v.wire, v.note,
                    elapsed);
        }
        IqOutcome outcome = IqOutcome.result(AuthElements.outcome(v.wire));
        long wait = config.rejectFloor().toMillis() - elapsed;
        if (v == Verdict.ACCEPTED || v == Verdict.CACHED || wait <= 0) {
            return CompletableFuture.completedFuture(outcome);
        }
        CompletableFuture<IqOutcome> delayed = new CompletableFuture<>();
        try {
            timers.schedule(() -> delayed.complete(outcome), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            delayed.complete(outcome); // shutting down: answer now rather than never
        }
        return delayed;
    }
}

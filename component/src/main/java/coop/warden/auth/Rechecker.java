// Checks logins served from the cache against the backend right after, so the cache never outlives a revocation.
package coop.warden.auth;

import coop.warden.sasl.CheckResult;
import coop.warden.sasl.PasswordChecker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks cached logins off the answer path. If the backend now refuses (and the KDC is
 * reachable, so the refusal is real), the entry is dropped and the member's sessions are ended.
 * A member whose password the backend confirmed less than {@code recheck-interval} ago is not
 * checked again: that is what spares the KDC in a storm. At most {@code maxInFlight} re-checks
 * run at once, so they never crowd out logins that need the backend; one per member at a time.
 */
final class Rechecker {
    private static final Logger log = LoggerFactory.getLogger(Rechecker.class);
    /** Members waiting for a re-check; beyond this, cached logins go unchecked (logged). */
    static final int MAX_QUEUED = 1024;

    private record Pending(String username, CredentialCache.Entry entry, byte[] password) {}

    private final PasswordChecker checker;
    private final CredentialCache cache;
    private final KdcProbe probe;
    private final SessionRevoker revoker;
    private final Clock clock;
    private final Duration interval;
    private final int maxInFlight;
    private final Map<String, Pending> queued = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();

    Rechecker(PasswordChecker checker, CredentialCache cache, KdcProbe probe, SessionRevoker revoker,
              Clock clock, Duration interval, int maxInFlight) {
        this.checker = checker;
        this.cache = cache;
        this.probe = probe;
        this.revoker = revoker;
        this.clock = clock;
        this.interval = interval;
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    /** A login was answered from {@code entry}; takes ownership of {@code password} and wipes it. */
    void submit(String username, CredentialCache.Entry entry, byte[] password) {
        if (clock.millis() - entry.verifiedAt() < interval.toMillis()) {
            Arrays.fill(password, (byte) 0);
            return;
        }
        synchronized (this) {
            if (queued.size() >= MAX_QUEUED && !queued.containsKey(username)) {
                Arrays.fill(password, (byte) 0);
                log.warn("re-check queue full ({}): a cached login of user={} is not checked again", MAX_QUEUED,
                        username);
                return;
            }
            Pending older = queued.put(username, new Pending(username, entry, password));
            if (older != null) {
                Arrays.fill(older.password(), (byte) 0);
            }
        }
        drain();
    }

    /** Members queued or being re-checked (for tests and metrics). */
    synchronized int backlog() {
        return queued.size() + inFlight.size();
    }

    private void drain() {
        List<Pending> start = new ArrayList<>();
        synchronized (this) {
            Iterator<Pending> it = queued.values().iterator();
            while (inFlight.size() < maxInFlight && it.hasNext()) {
                Pending p = it.next();
                if (inFlight.add(p.username())) {
                    it.remove();
                    start.add(p);
                }
            }
        }
        start.forEach(this::run);
    }

    private void run(Pending p) {
        long started = clock.millis();
        CompletableFuture<CheckResult> result;
        try {
            result = checker.check(p.username(), p.password());
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(new CheckResult.Unavailable(e.getClass().getSimpleName()));
        }
        result.handle((r, failure) -> {
            Arrays.fill(p.password(), (byte) 0);
            return failure != null ? new CheckResult.Unavailable(failure.getClass().getSimpleName()) : r;
        }).thenCompose(r -> r instanceof CheckResult.Rejected
                ? probe.reachable().thenApply(up -> up ? r : new CheckResult.Unavailable("no KDC reachable"))
                : CompletableFuture.completedFuture(r))
                .thenAccept(r -> apply(p, r, started))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.error("re-check of user={} failed: {}", p.username(), failure.getClass().getName());
                    }
                    synchronized (this) {
                        inFlight.remove(p.username());
                    }
                    drain();
                });
    }

    private void apply(Pending p, CheckResult r, long started) {
        if (r instanceof CheckResult.Accepted) {
            cache.confirm(p.username(), p.entry(), started);
        } else if (r instanceof CheckResult.Rejected) {
            cache.evict(p.username(), p.entry());
            log.warn("the backend now refuses the cached password of user={} (changed or disabled): entry dropped, "
                    + "ending the member's sessions", p.username());
            revoker.revoke(p.username());
        } else if (r instanceof CheckResult.Unavailable u) {
            log.info("re-check of user={} could not be done ({}): the cached entry stays", p.username(), u.reason());
        }
    }
}

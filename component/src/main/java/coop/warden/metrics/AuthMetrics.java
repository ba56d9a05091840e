// What the auth feature reports: login outcomes, check latency, credential cache use, rate-limit trips.
package coop.warden.metrics;

import java.time.Duration;
import java.util.List;

/**
 * The auth feature's hooks. {@link #login} is called once per answered check; the cache and
 * rate-limit hooks are for the credential cache and the limiter to call. An
 * {@link #unregistered()} instance counts into nothing that is exported (for tests and tools).
 */
public final class AuthMetrics {
    private final LabeledCounter logins;
    private final Histogram latency;
    private final LabeledCounter cache;
    private final Counter rateLimited;

    AuthMetrics(MetricRegistry registry) {
        logins = registry.register(new LabeledCounter("warden_logins",
                "Password checks Warden answered, by outcome: accepted, rejected (wrong password or unknown user),"
                        + " unavailable (saslauthd or the KDC gave no verdict; the member is told to try later).",
                "outcome", List.of("accepted", "rejected", "unavailable")));
        latency = registry.register(new Histogram("warden_login_check_duration_seconds",
                "Time from a password check's arrival to its outcome, before the reject floor delays a rejection.",
                "seconds", 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10));
        cache = registry.register(new LabeledCounter("warden_login_cache_lookups",
                "Credential cache lookups, by result (hit: answered without asking saslauthd).",
                "result", List.of("hit", "miss")));
        registry.register(new Gauge("warden_login_cache_hit_ratio",
                "Share of credential cache lookups that were hits since start (NaN before the first lookup).",
                this::hitRatio));
        rateLimited = registry.register(Counter.counting("warden_login_rate_limited",
                "Password checks refused by the rate limit without asking saslauthd."));
    }

    public static AuthMetrics unregistered() {
        return new AuthMetrics(new MetricRegistry());
    }

    /** One answered check; {@code outcome} is accepted, rejected or unavailable. */
    public void login(String outcome, Duration took) {
        logins.inc(outcome);
        latency.observe(took.toNanos() / 1e9);
    }

    public void cacheHit() {
        cache.inc("hit");
    }

    public void cacheMiss() {
        cache.inc("miss");
    }

    public void rateLimited() {
        rateLimited.inc();
    }

    long logins(String outcome) {
        return logins.get(outcome);
    }

    private double hitRatio() {
        long hits = cache.get("hit");
        long all = hits + cache.get("miss");
        return all == 0 ? Double.NaN : (double) hits / all;
    }
}

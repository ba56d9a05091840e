// Settings of the credential cache (warden.auth.cache in the HOCON config).
package coop.warden.auth;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code warden.auth.cache}: whether recently verified credentials are remembered (as salted
 * PBKDF2 hashes), for how long after the backend last confirmed them, how many, how slow each
 * hash is, and how soon a cached login is checked with the backend again.
 */
record CacheSettings(boolean enabled, Duration lifetime, long maxEntries, int hashIterations,
                     Duration recheckInterval) {
    /** Below this, a hash is cheap enough to brute-force from a heap dump in minutes. */
    static final int MIN_ITERATIONS = 1_000;

    CacheSettings {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("warden.auth.cache.lifetime must be positive, got " + lifetime);
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("warden.auth.cache.max-entries must be >= 1, got " + maxEntries);
        }
        if (hashIterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("warden.auth.cache.hash-iterations must be >= " + MIN_ITERATIONS
                    + ", got " + hashIterations);
        }
        if (recheckInterval.isNegative()) {
            throw new IllegalArgumentException("warden.auth.cache.recheck-interval must not be negative");
        }
    }

    static CacheSettings off() {
        return new CacheSettings(false, Duration.ofMinutes(10), 1, MIN_ITERATIONS, Duration.ZERO);
    }

    static CacheSettings from(Config auth) {
        Config c = auth.getConfig("cache");
        return new CacheSettings(c.getBoolean("enabled"), c.getDuration("lifetime"), c.getLong("max-entries"),
                c.getInt("hash-iterations"), c.getDuration("recheck-interval"));
    }
}

// Composition of the auth feature: the check handler and its guards (cache, limits, KDC probe, re-checks, revocation).
package coop.warden.auth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import coop.warden.config.AuthConfig;
import coop.warden.metrics.AuthMetrics;
import coop.warden.sasl.PasswordChecker;
import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqRequester;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires password checks from {@code warden.auth}. Register {@link #handler()} with the IQ router
 * and {@link #close()} on shutdown. {@code requester} carries the revoke IQs to Prosody.
 */
public final class AuthModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuthModule.class);

    private final AuthCheckHandler handler;
    private final AuthGuards guards;

    /**
     * @param auth the typed {@code warden.auth} settings
     * @param root the whole configuration; {@code warden.auth.cache}, {@code .limits} and {@code .kdc-probe} are read here
     * @throws ConfigException.BadValue for a value out of range, naming the key
     */
    public AuthModule(AuthConfig auth, Config root, PasswordChecker checker, IqRequester requester,
                      ScheduledExecutorService timers, Clock clock) {
        this(auth, root, checker, requester, timers, clock, null, AuthMetrics.unregistered());
    }

    /** {@code metrics}: where login outcomes, latency, cache use and rate-limit trips are counted. */
    public AuthModule(AuthConfig auth, Config root, PasswordChecker checker, IqRequester requester,
                      ScheduledExecutorService timers, Clock clock, AuthMetrics metrics) {
        this(auth, root, checker, requester, timers, clock, null, metrics);
    }

    /** {@code probeExecutor}: where KDC probes run; null for a thread of their own. */
    AuthModule(AuthConfig auth, Config root, PasswordChecker checker, IqRequester requester,
               ScheduledExecutorService timers, Clock clock, Executor probeExecutor) {
        this(auth, root, checker, requester, timers, clock, probeExecutor, AuthMetrics.unregistered());
    }

    AuthModule(AuthConfig auth, Config root, PasswordChecker checker, IqRequester requester,
               ScheduledExecutorService timers, Clock clock, Executor probeExecutor, AuthMetrics metrics) {
        Config c = root.getConfig("warden.auth");
        CacheSettings cacheSettings = parse(c, "cache", () -> CacheSettings.from(c));
        LimitSettings limitSettings = parse(c, "limits", () -> LimitSettings.from(c));
        KdcProbeSettings probeSettings = parse(c, "kdc-probe", () -> KdcProbeSettings.from(c));
        CredentialCache cache = new CredentialCache(cacheSettings, clock);
        KdcProbe probe = new KdcProbe(probeSettings, probeExecutor);
        SessionRevoker revoker = new SessionRevoker(auth.hosts(), requester);
        Rechecker rechecker = new Rechecker(checker, cache, probe, revoker, clock, cacheSettings.recheckInterval(),
                (auth.threads() + 1) / 2);
        this.guards = new AuthGuards(cache, new AuthLimits(limitSettings, clock), probe, rechecker);
        this.handler = new AuthCheckHandler(auth, checker, guards, timers, clock, metrics);
        log.info("auth: cache {}, limits per user+ip {}/{} per ip {}/{} (exempt {}), KDC probe {}",
                cacheSettings.enabled() ? "on (" + cacheSettings.lifetime() + ", " + cacheSettings.hashIterations()
                        + " PBKDF2 iterations, re-check after " + cacheSettings.recheckInterval() + ")" : "off",
                limitSettings.perUser().failures(), limitSettings.perUser().window(),
                limitSettings.perIp().failures(), limitSettings.perIp().window(), limitSettings.exempt(),
                probeSettings.enabled() ? probeSettings.addresses() : "off");
        if (cacheSettings.enabled() && !probeSettings.enabled()) {
            log.warn("warden.auth.kdc-probe.addresses is empty: while the KDC is down saslauthd says NO as for a "
                    + "wrong password, and members who log in from the cache then have their sessions ended; "
                    + "list your KDCs there (docs/security.md)");
        }
    }

    /** The handler for {@code urn:warden:auth:1} {@code check}. */
    public IqHandler handler() {
        return handler;
    }

    /** For tests in this package: the cache, limits, probe and re-checks behind the handler. */
    AuthGuards guards() {
        return guards;
    }

    @Override
    public void close() {
        guards.probe().close();
    }

    private static <T> T parse(Config auth, String key, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(auth.origin(), "warden.auth." + key, e.getMessage());
        }
    }
}

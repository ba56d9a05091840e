// Brute-force limits: rejected checks counted per member and client address, and per client address.
package coop.warden.auth;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Like prosody-modules' mod_limit_auth, but per member and per client address. The per-user
 * limit counts a member's rejected checks <em>from one client address</em>: a stranger who
 * guesses alice's password from one address cannot lock alice out everywhere. A lockout of the
 * account itself belongs in the KDC (kadmin policy {@code -maxfailure}), see docs/security.md.
 * IPv6 clients count by their /64, which one subscriber usually holds whole.
 */
final class AuthLimits {
    private static final Logger log = LoggerFactory.getLogger(AuthLimits.class);
    /** Bounds memory under a flood of distinct addresses; the least recently used go first. */
    static final int MAX_TRACKED = 100_000;
    private static final String NO_ADDRESS = "unknown";

    /** Whether a check may go ahead. */
    enum Verdict { OPEN, USER_LOCKED, SOURCE_LOCKED }

    private final LimitSettings settings;
    private final Clock clock;
    private final Cache<String, FailureLog> perUser;
    private final Cache<String, FailureLog> perSource;

    AuthLimits(LimitSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.perUser = logs(settings.perUser(), clock);
        this.perSource = logs(settings.perIp(), clock);
    }

    Verdict check(String username, InetAddress ip) {
        if (exempt(ip)) {
            return Verdict.OPEN;
        }
        long now = clock.millis();
        String source = source(ip);
        if (locked(perSource, source, settings.perIp(), now)) {
            return Verdict.SOURCE_LOCKED;
        }
        if (locked(perUser, username + " " + source, settings.perUser(), now)) {
            return Verdict.USER_LOCKED;
        }
        return Verdict.OPEN;
    }

    /** Counts a rejected check; logs once when it trips a limit. */
    void failed(String username, InetAddress ip) {
        if (exempt(ip)) {
            return;
        }
        long now = clock.millis();
        String source = source(ip);
        LimitSettings.Window ipWindow = settings.perIp();
        if (ipWindow.enabled() && record(perSource, source, ipWindow, now)) {
            log.warn("auth limit tripped: {} rejected checks from {} within {}; its logins are refused until the "
                    + "window has passed", ipWindow.failures(), source, ipWindow.window());
        }
        LimitSettings.Window userWindow = settings.perUser();
        if (userWindow.enabled() && record(perUser, username + " " + source, userWindow, now)) {
            log.warn("auth limit tripped: {} rejected checks for user={} from {} within {}; refused from there "
                    + "until the window has passed", userWindow.failures(), username, source, userWindow.window());
        }
    }

    /** The right password from an address clears that member's count there (not the address's own count). */
    void succeeded(String username, InetAddress ip) {
        perUser.invalidate(username + " " + source(ip));
    }

    /** Addresses and member-address pairs with failures on record (for tests and metrics). */
    long tracked() {
        perUser.cleanUp();
        perSource.cleanUp();
        return perUser.size() + perSource.size();
    }

    private boolean exempt(InetAddress ip) {
        return ip != null && settings.exempt().stream().anyMatch(r -> r.contains(ip));
    }

    private static boolean locked(Cache<String, FailureLog> logs, String key, LimitSettings.Window w, long now) {
        if (!w.enabled()) {
            return false;
        }
        FailureLog failures = logs.getIfPresent(key);
        return failures != null && failures.count(now, w.window().toMillis()) >= w.failures();
    }

    /** Records a failure; true when this one tripped the limit. */
    private static boolean record(Cache<String, FailureLog> logs, String key, LimitSettings.Window w, long now) {
        FailureLog failures = logs.asMap().computeIfAbsent(key, k -> new FailureLog(w.failures()));
        return failures.add(now, w.window().toMillis());
    }

    /** The key an address counts under: itself for IPv4, its /64 for IPv6. */
    static String source(InetAddress ip) {
        if (ip == null) {
            return NO_ADDRESS;
        }
        if (ip instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(ip.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddresses.toAddrString(InetAddress.getByAddress(prefix)) + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an address
            }
        }
        return InetAddresses.toAddrString(ip);
    }

    private static Cache<String, FailureLog> logs(LimitSettings.Window w, Clock clock) {
        return CacheBuilder.newBuilder()
                .expireAfterAccess(w.window())
                .maximumSize(MAX_TRACKED)
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
                    }
                })
                .build();
    }

    /** The times of the last few failures under one key (at most as many as the limit). */
    private static final class FailureLog {
        private final ArrayDeque<Long> times = new ArrayDeque<>();
        private final int keep;

        FailureLog(int keep) {
            this.keep = keep;
        }

        /** True when this failure reached the limit (checks in flight when it tripped may add more). */
        synchronized boolean add(long now, long window) {
            prune(now, window);
            boolean wasLocked = times.size() >= keep;
            times.addLast(now);
            while (times.size() > keep) {
                times.removeFirst();
            }
            return !wasLocked && times.size() >= keep;
        }

        synchronized int count(long now, long window) {
            prune(now, window);
            return times.size();
        }

        private void prune(long now, long window) {
            while (!times.isEmpty() && times.peekFirst() <= now - window) {
                times.removeFirst();
            }
        }
    }
}

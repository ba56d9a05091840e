// Tells "the KDC is down" from "wrong password": saslauthd answers NO for both (libsasl2: SASL_BADAUTH).
package coop.warden.auth;

import com.google.common.net.HostAndPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens (and at once closes) a TCP connection to each configured KDC address until one
 * connects. A rejection is believed only while some KDC accepts connections; otherwise it
 * is "unavailable". Only a probe begun after the rejection came can vouch for it: an older
 * "reachable" says nothing about a KDC that died while saslauthd was asking it (the chaos
 * test saw exactly that). Probes run on a thread of their own and are shared: callers that
 * come while a probe they cannot use is running all wait for the one probe that follows it.
 * A hung KDC still accepts connections; its checks time out as unavailable anyway.
 */
final class KdcProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KdcProbe.class);

    private final KdcProbeSettings settings;
    private final Clock clock;
    private final ExecutorService thread;
    private final Executor executor;
    private CompletableFuture<Boolean> last;
    /** The probe that starts when {@link #last} ends, for callers who came after {@code last} began. */
    private CompletableFuture<Boolean> following;
    private long lastStarted = Long.MIN_VALUE;
    private boolean lastReachable = true;

    KdcProbe(KdcProbeSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** With {@code executor} null, probes run on a thread of their own; tests pass a direct one. */
    KdcProbe(KdcProbeSettings settings, Clock clock, Executor executor) {
        this.settings = settings;
        this.clock = clock;
        this.thread = settings.enabled() && executor == null ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-kdc-probe");
            t.setDaemon(true);
            return t;
        }) : null;
        this.executor = executor != null ? executor : thread;
    }

    /** True when some KDC accepts a connection in a probe begun no earlier than this call. */
    synchronized CompletableFuture<Boolean> reachable() {
        if (!settings.enabled()) {
            return CompletableFuture.completedFuture(true);
        }
        long now = clock.millis();
        if (last != null && lastStarted >= now) {
            return last;
        }
        if (last == null || last.isDone()) {
            return start();
        }
        if (following == null) {
            following = last.handle((r, e) -> null).thenCompose(done -> startFollowing());
        }
        return following;
    }

    private synchronized CompletableFuture<Boolean> startFollowing() {
        following = null;
        return start();
    }

    private CompletableFuture<Boolean> start() {
        lastStarted = clock.millis();
        last = CompletableFuture.supplyAsync(this::probe, executor).exceptionally(e -> false);
        last.thenAccept(this::report);
        return last;
    }

    private boolean probe() {
        int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        for (HostAndPort kdc : settings.addresses()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(kdc.getHost(), kdc.getPort()), millis);
                return true;
            } catch (IOException e) {
                log.debug("KDC {} not reachable: {}", kdc, e.getClass().getSimpleName());
            }
        }
        return false;
    }

    /** Logs changes only: one line when the KDC goes away, one when it is back. */
    private synchronized void report(boolean reachable) {
        if (reachable != lastReachable) {
            if (reachable) {
                log.info("KDC reachable again ({})", settings.addresses());
            } else {
                log.warn("no KDC reachable at {}: rejections are answered as unavailable until one is",
                        settings.addresses());
            }
            lastReachable = reachable;
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}

// Tells "the KDC is down" from "wrong password": saslauthd answers NO for both (libsasl2: SASL_BADAUTH).
package coop.warden.auth;

import com.google.common.net.HostAndPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens (and at once closes) a TCP connection to each configured KDC address until one
 * connects. A rejection is believed only while some KDC accepts connections; otherwise it
 * is "unavailable".
 *
 * <p>Two rules keep a rejection caused by a dying or returning KDC from being believed (the chaos
 * test, kill -9 of the KDC, saw a right password answered "rejected" until both held):
 * <ul>
 *   <li>Only a probe that had not yet begun to connect when the caller asked can vouch for the
 *       caller's rejection: an earlier connection says nothing about a KDC that died while
 *       saslauthd was asking it, even within the same millisecond. Callers who come while a probe
 *       is connecting all wait for the one probe that follows it.</li>
 *   <li>The first probe that finds a KDC again after one that found none does not vouch either:
 *       the rejections it was asked about may have come while the KDC was still down.</li>
 * </ul>
 * A hung KDC still accepts connections; its checks time out as unavailable anyway.
 */
final class KdcProbe implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KdcProbe.class);

    /** One probe: callers may join it until it begins to connect. */
    private final class Run {
        final CompletableFuture<Boolean> vouches = new CompletableFuture<>();
        boolean begun;

        void connect() {
            synchronized (KdcProbe.this) {
                begun = true;
            }
            boolean connected;
            try {
                connected = connector.getAsBoolean();
            } catch (RuntimeException e) {
                connected = false;
            }
            vouches.complete(finished(connected));
        }
    }

    private final KdcProbeSettings settings;
    private final ExecutorService thread;
    private final Executor executor;
    private final BooleanSupplier connector;
    private Run current;
    /** The probe that starts when {@link #current} ends, for callers who came after it began to connect. */
    private Run following;
    /** What the last finished probe found; the service starts out believing the KDC is there. */
    private boolean lastConnected = true;

    KdcProbe(KdcProbeSettings settings) {
        this(settings, null);
    }

    /** With {@code executor} null, probes run on a thread of their own; tests pass a direct or queuing one. */
    KdcProbe(KdcProbeSettings settings, Executor executor) {
        this(settings, executor, null);
    }

    /** {@code connector}: for tests, in place of the TCP connections to the configured addresses. */
    KdcProbe(KdcProbeSettings settings, Executor executor, BooleanSupplier connector) {
        this.settings = settings;
        this.connector = connector != null ? connector : this::probe;
        this.thread = settings.enabled() && executor == null ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-kdc-probe");
            t.setDaemon(true);
            return t;
        }) : null;
        this.executor = executor != null ? executor : thread;
    }

    /**
     * True when a probe that began to connect after this call found a KDC, and the probe before
     * it found one too; false otherwise (a rejection is then answered as unavailable).
     */
    CompletableFuture<Boolean> reachable() {
        if (!settings.enabled()) {
            return CompletableFuture.completedFuture(true);
        }
        Run run;
        synchronized (this) {
            if (current != null && !current.begun) {
                return current.vouches;
            }
            if (current != null && !current.vouches.isDone()) {
                if (following == null) {
                    following = new Run();
                }
                return following.vouches;
            }
            run = current = new Run();
        }
        submit(run);
        return run.vouches;
    }

    private void submit(Run run) {
        try {
            executor.execute(run::connect);
        } catch (RuntimeException e) { // shutting down
            synchronized (this) {
                run.begun = true;
            }
            run.vouches.complete(false);
        }
    }

    /** Records what {@code connected} found, starts the probe that was waiting, says whether this one vouches. */
    private boolean finished(boolean connected) {
        Run next;
        boolean vouches;
        synchronized (this) {
            vouches = connected && lastConnected;
            if (connected != lastConnected) {
                if (connected) {
                    log.info("KDC reachable again ({})", settings.addresses());
                } else {
                    log.warn("no KDC reachable at {}: rejections are answered as unavailable until one is",
                            settings.addresses());
                }
                lastConnected = connected;
            }
            next = following;
            following = null;
            if (next != null) {
                current = next;
            }
        }
        if (next != null) {
            submit(next);
        }
        return vouches;
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

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}

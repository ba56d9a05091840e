// Supervises the XEP-0114 link to Prosody: connects with backoff, watches it with pings, reconnects.
package coop.warden.xmpp;

import coop.warden.config.ComponentConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jivesoftware.whack.ExternalComponentManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Owns the Whack connection. Whack 3.1.0 retries only after a dropped socket, never after a
 * clean stream close, a refused handshake or a failed first connect; so every sign of a dead
 * link (Whack's shutdown callback, a failed send, an unanswered ping) ends in one place,
 * {@link #lost}, which tears the session down and reconnects with backoff. All state changes
 * run on one thread ("warden-link") and are logged as {@code link state: X}.
 */
public final class ComponentLink implements StanzaSender, IqRequester, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ComponentLink.class);
    private static final String PING_NS = "urn:xmpp:ping";

    private final ComponentConfig config;
    private final JID pingTarget;
    private final ScheduledExecutorService linkThread;
    private final ScheduledExecutorService timers;
    private final Backoff backoff;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<Runnable> upListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    /** Request ids start from a random prefix, so nobody on the server can guess and answer them. */
    private final String idPrefix = "w" + Long.toHexString(new java.security.SecureRandom().nextLong()) + "-";

    private volatile Consumer<IQ> requestHandler = iq -> { };
    private volatile LinkState state = LinkState.DISCONNECTED;
    private volatile Session session;
    private ScheduledFuture<?> pingTask;
    private long reconnects;

    /** An outgoing request: only an answer from the JID it went to completes it. */
    private record Pending(CompletableFuture<IQ> future, JID to) {}

    /** One connected Whack manager and its component; replaced on every reconnect. */
    private record Session(long generation, ExternalComponentManager manager, WardenComponent component) {}

    public ComponentLink(ComponentConfig config, String pingTarget, ScheduledExecutorService timers) {
        this.config = Objects.requireNonNull(config);
        this.pingTarget = new JID(pingTarget);
        this.timers = Objects.requireNonNull(timers);
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax());
        this.linkThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-link");
            t.setDaemon(true);
            return t;
        });
    }

    /** Incoming get/set IQs go to {@code handler}, on Whack's packet threads. */
    public void onRequest(Consumer<IQ> handler) {
        this.requestHandler = Objects.requireNonNull(handler);
    }

    /** Runs {@code listener} (on the link thread) after every successful (re)connect. */
    public void onUp(Runnable listener) {
        upListeners.add(listener);
    }

    public LinkState state() {
        return state;
    }

    public synchronized long reconnects() {
        return reconnects;
    }

    public void start() {
        linkThread.execute(this::connect);
    }

    // --- link thread only -------------------------------------------------------------

    private void connect() {
        if (state == LinkState.STOPPED) {
            return;
        }
        setState(LinkState.CONNECTING, config.host() + ":" + config.port());
        long generation = System.nanoTime();
        ExternalComponentManager manager = new ExternalComponentManager(config.host(), config.port(), false);
        manager.setConnectTimeout((int) config.connectTimeout().toMillis());
        manager.setSecretKey(config.jid(), config.secret().reveal());
        manager.setMultipleAllowed(config.jid(), false);
        WardenComponent component = new WardenComponent(generation);
        try {
            manager.addComponent(config.jid(), component);
        } catch (ComponentException e) {
            scheduleReconnect(describe(e));
            return;
        } catch (RuntimeException e) {
            scheduleReconnect("unexpected " + e.getClass().getSimpleName());
            return;
        }
        NoDelay.apply(manager, component); // else back-to-back answers wait ~40 ms for a delayed ACK
        session = new Session(generation, manager, component);
        synchronized (this) {
            reconnects++;
        }
        backoff.reset();
        setState(LinkState.CONNECTED, config.jid() + " via " + config.host() + ":" + config.port());
        pingTask = linkThread.scheduleWithFixedDelay(() -> ping(generation),
                config.pingInterval().toMillis(), config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        for (Runnable listener : upListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("link-up listener failed: {}", e.toString());
            }
        }
        // Only now may requests reach the handlers: the listeners (e.g. the room sync) have set up
        // what those requests are decided against.
        component.open();
    }

    private void ping(long generation) {
        if (state != LinkState.CONNECTED || session == null || session.generation() != generation) {
            return;
        }
        IQ ping = new IQ(IQ.Type.get);
        ping.setTo(pingTarget);
        ping.setChildElement("ping", PING_NS);
        request(ping, config.pingTimeout()).whenComplete((reply, failure) -> {
            if (failure != null) {
                lost(generation, "no answer to ping within " + config.pingTimeout().toMillis() + " ms");
            }
        });
    }

    /** Called from anywhere when a session shows it is dead; acts once per session. */
    void lost(long generation, String reason) {
        if (linkThread.isShutdown()) {
            return;
        }
        try {
            linkThread.execute(() -> onLost(generation, reason));
        } catch (RejectedExecutionException e) {
            // closing: nothing to reconnect
        }
    }

    private void onLost(long generation, String reason) {
        Session s = session;
        if (s == null || s.generation() != generation || state == LinkState.STOPPED) {
            return;
        }
        teardown(s);
        scheduleReconnect(reason);
    }

    private void teardown(Session s) {
        session = null;
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        s.component().closing = true;
        try {
            // Also stops Whack's own reconnect loop for this session, if one is running.
            s.manager().removeComponent(config.jid());
        } catch (ComponentException | RuntimeException e) {
            log.debug("teardown: {}", e.toString());
        }
        LinkDownException down = new LinkDownException("component link lost");
        pending.values().forEach(p -> p.future().completeExceptionally(down));
        pending.clear();
    }

    private void scheduleReconnect(String reason) {
        if (state == LinkState.STOPPED) {
            return;
        }
        Duration delay = backoff.next();
        setState(LinkState.DISCONNECTED, reason + "; retrying in " + delay.toMillis() + " ms");
        linkThread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void setState(LinkState next, String detail) {
        state = next;
        if (next == LinkState.CONNECTING) {
            log.debug("link state: {} ({})", next, detail);
        } else {
            log.info("link state: {} ({})", next, detail);
        }
    }

    private String describe(ComponentException e) {
        StreamError error = e.getStreamError();
        if (error != null) {
            switch (error.getCondition()) {
                case not_authorized:
                    return "Prosody refused the handshake: wrong component secret for " + config.jid();
                case conflict:
                    return "Prosody refused the handshake: another component is already connected as " + config.jid();
                case host_unknown:
                    return "Prosody has no Component \"" + config.jid() + "\" in its configuration";
                default:
                    return "Prosody refused the handshake: " + error.getCondition().toXMPP();
            }
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "cannot connect to " + config.host() + ":" + config.port() + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() != null ? ": " + cause.getMessage() : "") + ")";
    }

    // --- any thread ---------------------------------------------------------------------

    @Override
    public void send(Packet packet) {
        Session s = session;
        if (s == null || state != LinkState.CONNECTED) {
            log.debug("link down; dropped a {} to {}", packet.getElement().getName(), packet.getTo());
            return;
        }
        if (packet.getFrom() == null) {
            packet.setFrom(config.jid());
        }
        try {
            s.manager().sendPacket(s.component(), packet);
        } catch (RuntimeException e) {
            lost(s.generation(), "send failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public CompletableFuture<IQ> request(IQ iq, Duration timeout) {
        CompletableFuture<IQ> future = new CompletableFuture<>();
        if (state != LinkState.CONNECTED) {
            future.completeExceptionally(new LinkDownException("component link is " + state));
            return future;
        }
        String id = idPrefix + ids.incrementAndGet();
        iq.setID(id);
        pending.put(id, new Pending(future, iq.getTo()));
        ScheduledFuture<?> timer = timers.schedule(
                () -> {
                    if (pending.remove(id) != null) {
                        future.completeExceptionally(new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, f) -> timer.cancel(false));
        send(iq);
        return future;
    }

    @Override
    public void close() {
        linkThread.execute(() -> {
            Session s = session;
            state = LinkState.STOPPED;
            log.info("link state: {}", LinkState.STOPPED);
            if (s != null) {
                teardown(s);
            }
        });
        linkThread.shutdown();
        try {
            linkThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Whack-facing component; its callbacks arrive on Whack's threads and must not block. */
    private final class WardenComponent implements org.xmpp.component.Component {
        private final long generation;
        private final List<IQ> held = new java.util.ArrayList<>();
        private boolean open;
        volatile boolean closing;

        WardenComponent(long generation) {
            this.generation = generation;
        }

        @Override
        public String getName() {
            return "Warden";
        }

        @Override
        public String getDescription() {
            return "Warden auth and room policy";
        }

        @Override
        public void processPacket(Packet packet) {
            if (!(packet instanceof IQ iq)) {
                return;
            }
            if (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error) {
                Pending p = iq.getID() == null ? null : pending.get(iq.getID());
                if (p != null && Objects.equals(p.to(), iq.getFrom()) && pending.remove(iq.getID(), p)) {
                    p.future().complete(iq);
                } else {
                    log.debug("ignored an unexpected {} from {}", iq.getType(), iq.getFrom());
                }
                return;
            }
            synchronized (this) {
                if (!open) {
                    held.add(iq);
                    return;
                }
            }
            requestHandler.accept(iq);
        }

        /** Releases the requests that arrived between the handshake and the end of the link-up work. */
        void open() {
            List<IQ> release;
            synchronized (this) {
                open = true;
                release = List.copyOf(held);
                held.clear();
            }
            release.forEach(requestHandler);
        }

        @Override
        public void initialize(JID jid, org.xmpp.component.ComponentManager componentManager) {
            // Nothing: the link owns the manager.
        }

        @Override
        public void start() {
            // Whack calls this after its own reconnect too; the link reconnects on its own terms.
        }

        @Override
        public void shutdown() {
            if (!closing) {
                lost(generation, "connection to Prosody lost");
            }
        }
    }
}

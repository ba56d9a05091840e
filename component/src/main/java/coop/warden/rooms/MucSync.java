// Rebuilds the ledger from each MUC host's own occupant list after the link comes up.
package coop.warden.rooms;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * The sync window, per MUC host. Until a host's sync has answered, joins to its rooms wait for
 * it ({@link #whenReady}), so they are decided against Prosody's real occupants, never against
 * a stale or empty ledger. If the sync fails, waiting joins get {@code false} (capped rooms then
 * refuse with {@code wait}) and the sync is retried with backoff.
 *
 * <p>Notifications that arrive while a sync is in flight may or may not be in Prosody's answer.
 * They are applied to the ledger at once and also journaled; each room is rebuilt under its
 * lock from the answer with the journal replayed on top, so none is lost either way.
 */
final class MucSync {
    private static final Logger log = LoggerFactory.getLogger(MucSync.class);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    enum EventKind { JOINED, LEFT, DESTROYED }

    private record Event(long epoch, EventKind kind, JID room, JID occupant, JID nick) {}

    private static final class Host {
        final JID jid;
        final Queue<Event> journal = new ConcurrentLinkedQueue<>();
        volatile long epoch;
        volatile boolean syncing;
        volatile CompletableFuture<Boolean> ready = new CompletableFuture<>();
        int failures; // guarded by this
        ScheduledFuture<?> retry; // guarded by this

        Host(JID jid) {
            this.jid = jid;
        }
    }

    private final Map<JID, Host> hosts = new LinkedHashMap<>();
    private final RoomLedger ledger;
    private final IqRequester requester;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Consumer<Map<JID, Set<JID>>> onOwners;

    MucSync(Set<JID> hostJids, RoomLedger ledger, IqRequester requester, ScheduledExecutorService scheduler,
            Duration timeout) {
        this(hostJids, ledger, requester, scheduler, timeout, owners -> { });
    }

    /** {@code onOwners} gets, after each successful sync, room → occupants' bare JIDs listed as owners. */
    MucSync(Set<JID> hostJids, RoomLedger ledger, IqRequester requester, ScheduledExecutorService scheduler,
            Duration timeout, Consumer<Map<JID, Set<JID>>> onOwners) {
        this.onOwners = Objects.requireNonNull(onOwners);
        this.ledger = Objects.requireNonNull(ledger);
        this.requester = Objects.requireNonNull(requester);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.timeout = Objects.requireNonNull(timeout);
        for (JID h : hostJids) {
            Host host = new Host(h);
            hosts.put(h, host);
            // Joins that arrive before the link reports up do not wait forever.
            scheduler.schedule(() -> {
                synchronized (host) {
                    if (host.epoch == 0) {
                        host.ready.complete(false);
                    }
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a sync of every host; call after each (re)connect of the link. */
    void start() {
        for (Host h : hosts.values()) {
            synchronized (h) {
                h.failures = 0;
            }
            begin(h);
        }
    }

    /** Completes with true once {@code host} is synced, false if it cannot be (yet). */
    CompletableFuture<Boolean> whenReady(JID host) {
        return hosts.get(host).ready;
    }

    /** Journals a notification if {@code host} is syncing; call before applying it to the ledger. */
    void record(JID host, EventKind kind, JID room, JID occupant, JID nick) {
        Host h = hosts.get(host);
        if (h.syncing) {
            h.journal.add(new Event(h.epoch, kind, room, occupant, nick));
        }
    }

    private void begin(Host h) {
        long epoch;
        CompletableFuture<Boolean> ready;
        synchronized (h) {
            if (h.retry != null) {
                h.retry.cancel(false);
                h.retry = null;
            }
            h.journal.clear();
            epoch = ++h.epoch;
            h.syncing = true;
            if (h.ready.isDone()) {
                h.ready = new CompletableFuture<>();
            }
            ready = h.ready;
        }
        IQ request = MucWire.syncRequest(h.jid);
        CompletableFuture<IQ> answer;
        try {
            answer = requester.request(request, timeout);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        // Off the thread that delivered the answer (a Whack thread): rebuilding is ours to do.
        answer.whenCompleteAsync((iq, failure) -> finish(h, epoch, ready, iq, failure), scheduler);
    }

    private void finish(Host h, long epoch, CompletableFuture<Boolean> ready, IQ answer, Throwable failure) {
        if (h.epoch != epoch) {
            return; // a newer sync (the link came up again) owns the host now
        }
        Map<JID, Map<JID, JID>> snapshot;
        int occupants = 0;
        try {
            if (failure != null) {
                throw new IllegalStateException(failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
            snapshot = MucWire.parseSync(answer, h.jid);
            Set<JID> rooms = new LinkedHashSet<>(ledger.roomsOn(h.jid.getDomain()));
            rooms.addAll(snapshot.keySet());
            for (JID room : rooms) {
                Map<JID, JID> present = snapshot.getOrDefault(room, Map.of());
                occupants += present.size();
                ledger.rebuild(room, () -> replay(h, epoch, room, present));
            }
        } catch (RuntimeException e) {
            failed(h, epoch, ready, e.getMessage());
            return;
        }
        synchronized (h) {
            if (h.epoch == epoch) {
                h.syncing = false;
                h.journal.clear();
                h.failures = 0;
            }
        }
        log.info("synced {}: {} rooms, {} occupants", h.jid, snapshot.size(), occupants);
        try {
            onOwners.accept(MucWire.syncOwners(answer)); // before joins waiting on the sync are decided
        } catch (RuntimeException e) {
            log.error("restoring room owners from the sync of {} failed", h.jid, e);
        }
        ready.complete(true);
    }

    private void failed(Host h, long epoch, CompletableFuture<Boolean> ready, String why) {
        Duration delay;
        synchronized (h) {
            if (h.epoch != epoch) {
                return;
            }
            h.syncing = false;
            h.failures++;
            long seconds = 1L << Math.min(h.failures - 1, 6);
            delay = Duration.ofSeconds(seconds).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : Duration.ofSeconds(seconds);
            h.retry = scheduler.schedule(() -> begin(h), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.warn("sync of {} failed ({}); joins to capped rooms there are refused until it succeeds;"
                + " retrying in {} s. Is mod_warden_muc loaded there, with warden_component set to this"
                + " component?", h.jid, why, delay.toSeconds());
        ready.complete(false);
    }

    /** Prosody's answer for one room with the notifications journaled since the sync began. */
    private static Map<JID, JID> replay(Host h, long epoch, JID room, Map<JID, JID> answered) {
        Map<JID, JID> present = new LinkedHashMap<>(answered);
        Set<JID> gone = new HashSet<>();
        for (Event e : h.journal) {
            if (e.epoch() != epoch || !e.room().equals(room)) {
                continue;
            }
            switch (e.kind()) {
                case JOINED -> {
                    if (!gone.contains(e.occupant())) {
                        present.put(e.occupant(), e.nick());
                    }
                }
                case LEFT -> {
                    gone.add(e.occupant());
                    if (present.remove(e.occupant()) == null && e.nick() != null) {
                        present.values().removeIf(e.nick()::equals);
                    }
                }
                case DESTROYED -> present.clear();
            }
        }
        return present;
    }
}

// Warden's own view of who holds a seat in which room, exact under concurrent joins.
package coop.warden.rooms;

import com.google.common.util.concurrent.Striped;
import coop.warden.store.Cap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.xmpp.packet.JID;

/**
 * Per-room state in a concurrent map, each room guarded by its own monitor: joins to different
 * rooms never wait for each other, and joins to one room are decided one at a time, so a cap
 * holds exactly. A room whose state becomes empty is removed (marked retired under its lock,
 * so a caller holding a stale reference starts over instead of writing into a dropped room).
 */
final class RoomLedger {
    private final ConcurrentHashMap<JID, RoomState> rooms = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration reservationTimeout;
    private final Classifier classifier;
    private final Striped<Lock> scopeLocks = Striped.lock(64);

    RoomLedger(Clock clock, Duration reservationTimeout, Classifier classifier) {
        this.clock = Objects.requireNonNull(clock);
        this.reservationTimeout = Objects.requireNonNull(reservationTimeout);
        this.classifier = Objects.requireNonNull(classifier);
    }

    Admission reserve(JID room, JID occupant, JID nick, Cap cap) {
        OccupantKind kind = classifier.classify(occupant);
        return withRoom(room, true, s -> s.reserve(occupant, nick, kind, cap, now(), reservationTimeout), null);
    }

    /**
     * Like {@link #reserve(JID, JID, JID, Cap)}, with {@code cap} counting the distinct occupants of
     * every room in {@code scope} (one session in two of them counts once). Reservations in one
     * scope are decided one at a time under the scope's lock, taken before any room's monitor.
     */
    Admission reserve(JID room, JID occupant, JID nick, Cap cap, RoomGate.CapScope scope) {
        OccupantKind kind = classifier.classify(occupant);
        Lock lock = scopeLocks.get(scope.capRoom());
        lock.lock();
        try {
            Set<JID> counted = new HashSet<>();
            for (JID r : scope.rooms()) {
                withRoom(r, false, s -> {
                    s.addCounted(counted);
                    return null;
                }, null);
            }
            return withRoom(room, true, s -> s.reserve(occupant, nick, kind, cap, now(), reservationTimeout, counted),
                    null);
        } finally {
            lock.unlock();
        }
    }

    void confirm(JID room, JID occupant, JID nick) {
        OccupantKind kind = classifier.classify(occupant);
        withRoom(room, true, s -> {
            s.confirm(occupant, nick, kind, now(), reservationTimeout);
            return null;
        }, null);
    }

    /** Idempotent: releasing what is not held changes nothing but the departure record. */
    boolean release(JID room, JID occupant, JID nick) {
        return withRoom(room, true, s -> s.release(occupant, nick, now(), reservationTimeout), false);
    }

    void drop(JID room) {
        RoomState s = rooms.get(room);
        if (s != null) {
            synchronized (s) {
                s.retired = true;
                rooms.remove(room, s);
            }
        }
    }

    /** Rebuilds one room from {@code present}, which is computed under the room's lock. */
    void rebuild(JID room, Supplier<Map<JID, JID>> present) {
        withRoom(room, true, s -> {
            s.rebuild(present.get(), classifier::classify, now(), reservationTimeout);
            return null;
        }, null);
    }

    /** Expires stale reservations and departures everywhere; run periodically. */
    void sweep() {
        for (JID room : List.copyOf(rooms.keySet())) {
            withRoom(room, false, s -> null, null);
        }
    }

    Optional<List<Seat>> seats(JID room) {
        return Optional.ofNullable(withRoom(room, false, RoomState::seats, null));
    }

    int counted(JID room) {
        return withRoom(room, false, RoomState::counted, 0);
    }

    /** Rooms with anyone in them (or recently so), sorted. */
    Set<JID> rooms() {
        return new TreeSet<>(rooms.keySet());
    }

    Set<JID> roomsOn(String domain) {
        Set<JID> on = new TreeSet<>();
        for (JID room : rooms.keySet()) {
            if (room.getDomain().equals(domain)) {
                on.add(room);
            }
        }
        return on;
    }

    private <T> T withRoom(JID room, boolean create, Function<RoomState, T> action, T absent) {
        while (true) {
            RoomState s = create ? rooms.computeIfAbsent(room, RoomState::new) : rooms.get(room);
            if (s == null) {
                return absent;
            }
            synchronized (s) {
                if (s.retired) {
                    continue;
                }
                s.expire(now(), reservationTimeout);
                T result = action.apply(s);
                if (s.isEmpty()) {
                    s.retired = true;
                    rooms.remove(room, s);
                }
                return result;
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }
}

// One room's seats, reservations and recent departures; every method runs under the room's lock.
package coop.warden.rooms;

import coop.warden.store.Cap;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.xmpp.packet.JID;

/**
 * Not thread-safe: {@link RoomLedger} holds this object's monitor around every call.
 *
 * <p>Seats are keyed by the occupant's real full JID. {@code departed} remembers who left in
 * the last reservation-timeout, because Whack hands packets to a pool and a {@code joined} can
 * overtake the {@code left} that followed it: a late {@code joined} must not seat a ghost.
 */
final class RoomState {
    final JID room;
    /** Set when the ledger dropped this object; a caller that finds it set starts over. */
    boolean retired;
    private final Map<JID, Seat> seats = new LinkedHashMap<>();
    private final Map<JID, Instant> departed = new HashMap<>();

    RoomState(JID room) {
        this.room = room;
    }

    Admission reserve(JID occupant, JID nick, OccupantKind kind, Cap cap, Instant now, Duration ttl) {
        return reserve(occupant, nick, kind, cap, now, ttl, null);
    }

    /**
     * {@code shared}: when this room shares its cap with others (a meeting's rooms), the counted
     * occupants of all of them, this one included; someone already among them takes no new seat
     * of the cap. Null: this room counts alone.
     */
    Admission reserve(JID occupant, JID nick, OccupantKind kind, Cap cap, Instant now, Duration ttl, Set<JID> shared) {
        expire(now, ttl);
        departed.remove(occupant);
        Seat held = seats.get(occupant);
        if (held != null) {
            seats.put(occupant, held.renewed(nick, now.plus(ttl)));
            return new Admission.Admitted(true, false);
        }
        int count = shared == null ? counted() : shared.size();
        boolean fits = !kind.counts() || shared != null && shared.contains(occupant) || cap.admitsOneMore(count);
        if (!fits && kind != OccupantKind.ADMIN) {
            return new Admission.Full(cap.limit().orElseThrow(), count);
        }
        seats.put(occupant, Seat.reserved(occupant, nick, kind, now.plus(ttl)));
        return new Admission.Admitted(false, !fits);
    }

    /** Prosody says the occupant is in: turn the reservation into a seat, or seat them anyway. */
    void confirm(JID occupant, JID nick, OccupantKind kind, Instant now, Duration ttl) {
        expire(now, ttl);
        Seat held = seats.get(occupant);
        if (held != null) {
            seats.put(occupant, held.confirmed(nick));
        } else if (!departed.containsKey(occupant)) {
            // The reservation expired before the join completed, or Warden restarted in between:
            // the person is in the room, so they count, cap or no cap.
            seats.put(occupant, Seat.joined(occupant, nick, kind));
        }
    }

    /** Frees the occupant's seat or reservation, found by real JID, else by in-room nick. */
    boolean release(JID occupant, JID nick, Instant now, Duration ttl) {
        expire(now, ttl);
        departed.put(occupant, now);
        if (seats.remove(occupant) != null) {
            return true;
        }
        if (nick != null) {
            for (Iterator<Seat> it = seats.values().iterator(); it.hasNext(); ) {
                if (nick.equals(it.next().nick())) {
                    it.remove();
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Replaces the joined seats with {@code present} (occupant → nick, nick may be null), as
     * Prosody reported them; reservations still waiting for their join are kept.
     */
    void rebuild(Map<JID, JID> present, Function<JID, OccupantKind> classify, Instant now, Duration ttl) {
        expire(now, ttl);
        Map<JID, Seat> next = new LinkedHashMap<>();
        present.forEach((occupant, nick) -> next.put(occupant, Seat.joined(occupant, nick, classify.apply(occupant))));
        seats.forEach((occupant, seat) -> {
            if (seat.isReservation()) {
                next.putIfAbsent(occupant, seat);
            }
        });
        seats.clear();
        seats.putAll(next);
    }

    void expire(Instant now, Duration ttl) {
        seats.values().removeIf(s -> s.expiredAt(now));
        departed.values().removeIf(at -> !now.isBefore(at.plus(ttl)));
    }

    /** Adds the occupants that count toward a cap to {@code into}. */
    void addCounted(Set<JID> into) {
        for (Seat s : seats.values()) {
            if (s.kind().counts()) {
                into.add(s.occupant());
            }
        }
    }

    int counted() {
        int n = 0;
        for (Seat s : seats.values()) {
            if (s.kind().counts()) {
                n++;
            }
        }
        return n;
    }

    List<Seat> seats() {
        return List.copyOf(seats.values());
    }

    boolean isEmpty() {
        return seats.isEmpty() && departed.isEmpty();
    }
}

// One occupant's hold on a room: a reservation awaiting the join, or a seat once joined.
package coop.warden.rooms;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * An occupant in the ledger. {@code reservedUntil} is set while Warden allowed the join but
 * Prosody has not confirmed it yet, and null once joined. {@code nick} (the in-room JID) is
 * null only when Prosody's sync answer did not give one.
 */
public record Seat(JID occupant, JID nick, OccupantKind kind, Instant reservedUntil) {
    public Seat {
        Objects.requireNonNull(occupant, "occupant");
        Objects.requireNonNull(kind, "kind");
    }

    static Seat reserved(JID occupant, JID nick, OccupantKind kind, Instant until) {
        return new Seat(occupant, nick, kind, Objects.requireNonNull(until));
    }

    static Seat joined(JID occupant, JID nick, OccupantKind kind) {
        return new Seat(occupant, nick, kind, null);
    }

    public boolean isReservation() {
        return reservedUntil != null;
    }

    public Optional<JID> nickIfKnown() {
        return Optional.ofNullable(nick);
    }

    boolean expiredAt(Instant now) {
        return reservedUntil != null && !now.isBefore(reservedUntil);
    }

    Seat confirmed(JID newNick) {
        return joined(occupant, newNick != null ? newNick : nick, kind);
    }

    Seat renewed(JID newNick, Instant until) {
        return isReservation() ? reserved(occupant, newNick, kind, until) : joined(occupant, newNick, kind);
    }
}

// A say over room creation, admission and cap counting for features beyond caps (breakout rooms).
package coop.warden.rooms;

import coop.warden.xmpp.ErrorCondition;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * What {@link RoomPolicy} consults besides caps. The default methods change nothing, so
 * {@link #NONE} is a deployment without breakout rooms. Called on Warden's IQ threads, on the
 * join path: implementations answer from memory and never block.
 */
public interface RoomGate {
    RoomGate NONE = new RoomGate() {};

    /** A refusal: the joiner (or creator) gets {@code error} with {@code text}; {@code reason} is for the log. */
    record Refusal(ErrorCondition error, String text, String reason) {
        public Refusal {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Rooms whose occupants count together toward one cap: the cap of {@code capRoom} (a
     * meeting's main room) applies to the distinct occupants of all {@code rooms}.
     */
    record CapScope(JID capRoom, Set<JID> rooms) {
        public CapScope {
            Objects.requireNonNull(capRoom, "capRoom");
            rooms = Set.copyOf(rooms);
            if (!rooms.contains(capRoom)) {
                throw new IllegalArgumentException("a cap scope includes its cap room " + capRoom);
            }
        }
    }

    /** Whether {@code creator} may create {@code room}; empty lets the usual checks decide. */
    default Optional<Refusal> create(JID room, JID creator, OccupantKind kind) {
        return Optional.empty();
    }

    /** Whether {@code occupant} may join {@code room}; empty lets the cap decide. */
    default Optional<Refusal> join(JID room, JID occupant, OccupantKind kind) {
        return Optional.empty();
    }

    /** The rooms counted together with {@code room}; empty when it counts alone. */
    default Optional<CapScope> capScope(JID room) {
        return Optional.empty();
    }

    /** Prosody reported a completed join. */
    default void joined(JID room, JID occupant, OccupantKind kind) {}

    /** Prosody reported that {@code occupant} left {@code room} (a leave, a kick, a dropped session). */
    default void left(JID room, JID occupant, OccupantKind kind) {}

    /**
     * Prosody destroyed {@code room}: {@code emptied} when it did so because the last occupant of a
     * non-persistent room left, false when an owner (or Warden) destroyed it.
     */
    default void destroyed(JID room, boolean emptied) {}
}

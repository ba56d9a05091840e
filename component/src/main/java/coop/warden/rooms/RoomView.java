// What an admin sees of one room: its own cap, the cap in force, the count and the occupants.
package coop.warden.rooms;

import coop.warden.store.Cap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/** A point-in-time view of a room; {@code count} is what the cap is checked against. */
public record RoomView(JID room, Optional<Cap> ownCap, EffectiveCap effective, int count, List<Seat> occupants) {
    public RoomView {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(ownCap, "ownCap");
        Objects.requireNonNull(effective, "effective");
        occupants = List.copyOf(occupants);
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }
}

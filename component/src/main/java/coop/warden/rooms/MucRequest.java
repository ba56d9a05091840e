// A validated urn:warden:muc:1 request from a MUC host.
package coop.warden.rooms;

import java.util.Objects;
import org.xmpp.packet.JID;

/**
 * A checked request: {@code host} sent it, {@code room} is on that host. {@code occupant} is null
 * only for {@code destroyed}; {@code nick} is null for {@code create} and {@code destroyed}, and
 * may be null for {@code left}. {@code emptied} (only for {@code destroyed}): Prosody removed the
 * room because its last occupant left, rather than an owner destroying it.
 */
record MucRequest(Kind kind, JID host, JID room, JID occupant, JID nick, boolean emptied) {
    MucRequest(Kind kind, JID host, JID room, JID occupant, JID nick) {
        this(kind, host, room, occupant, nick, false);
    }

    MucRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(room, "room");
        if (!room.getDomain().equals(host.getDomain())) {
            throw new IllegalArgumentException("room " + room + " is not on " + host);
        }
        if (kind != Kind.DESTROYED) {
            Objects.requireNonNull(occupant, "occupant");
        }
    }

    enum Kind {
        CREATE("create"), JOIN("join"), JOINED("joined"), LEFT("left"), DESTROYED("destroyed");

        final String element;

        Kind(String element) {
            this.element = element;
        }

        boolean needsOccupant() {
            return this != DESTROYED;
        }

        boolean needsNick() {
            return this == JOIN || this == JOINED;
        }

        boolean allowsNick() {
            return this == JOIN || this == JOINED || this == LEFT;
        }
    }
}

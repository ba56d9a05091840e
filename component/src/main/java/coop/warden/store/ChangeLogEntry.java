// One recorded policy change: who changed what, when, from which value to which.
package coop.warden.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * An append-only change-log row. {@code room} is null for deployment-wide settings;
 * {@code oldValue}/{@code newValue} are null when the setting was not set before/after.
 */
public record ChangeLogEntry(long id, Instant at, JID actor, String action, JID room,
                             String oldValue, String newValue) {
    public ChangeLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        if (action == null || !action.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("bad action name: " + action);
        }
        if (room != null && room.getResource() != null) {
            throw new IllegalArgumentException("room must be a bare JID: " + room);
        }
    }

    public Optional<JID> roomIfAny() {
        return Optional.ofNullable(room);
    }
}

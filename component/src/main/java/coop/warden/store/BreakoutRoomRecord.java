// One breakout room as stored: its JID, the name people see, its number in the meeting, whether it is closing.
package coop.warden.store;

import java.util.Objects;
import org.xmpp.packet.JID;

/**
 * A breakout room Warden opened. {@code closing}: Warden has closed it and waits for Prosody to
 * confirm the room is destroyed; it is forgotten only then, so a crash in between retries the
 * destruction instead of leaving the room behind.
 */
public record BreakoutRoomRecord(JID room, String name, int position, boolean closing) {
    public static final int MAX_NAME_LENGTH = 100;

    public BreakoutRoomRecord {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
        if (room.getNode() == null || room.getResource() != null) {
            throw new IllegalArgumentException("not a room JID: " + room);
        }
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a room name has 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (position < 1) {
            throw new IllegalArgumentException("positions start at 1: " + position);
        }
    }

    public BreakoutRoomRecord renamed(String newName) {
        return new BreakoutRoomRecord(room, newName, position, closing);
    }

    public BreakoutRoomRecord markedClosing() {
        return new BreakoutRoomRecord(room, name, position, true);
    }
}

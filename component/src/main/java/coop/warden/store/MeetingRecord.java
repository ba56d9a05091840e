// A meeting with breakout rooms as stored: its main room, moderator, deadline, rooms and assignments.
package coop.warden.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.xmpp.packet.JID;

/**
 * Immutable. {@code moderator} is the moderator (or admin) who opened the breakout rooms, who
 * stays in charge of them (null when not known); {@code assignments} maps a participant's bare
 * JID to the breakout room they were assigned to. Rooms are kept in position order.
 */
public record MeetingRecord(JID mainRoom, JID moderator, Instant opened, Optional<Instant> deadline,
                            List<BreakoutRoomRecord> rooms, Map<JID, JID> assignments) {
    public MeetingRecord {
        Objects.requireNonNull(mainRoom, "mainRoom");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(deadline, "deadline");
        // Stored as milliseconds: keep no more in memory, so a meeting reads the same after a restart.
        opened = opened.truncatedTo(ChronoUnit.MILLIS);
        deadline = deadline.map(d -> d.truncatedTo(ChronoUnit.MILLIS));
        rooms = rooms.stream().sorted((a, b) -> Integer.compare(a.position(), b.position())).toList();
        assignments = Map.copyOf(assignments);
        for (Map.Entry<JID, JID> a : assignments.entrySet()) {
            if (a.getKey().getResource() != null || rooms.stream().noneMatch(r -> r.room().equals(a.getValue()))) {
                throw new IllegalArgumentException("assignment " + a + " is not of a bare JID to a room of " + mainRoom);
            }
        }
    }

    public Optional<BreakoutRoomRecord> room(JID room) {
        return rooms.stream().filter(r -> r.room().equals(room)).findFirst();
    }

    public List<BreakoutRoomRecord> openRooms() {
        return rooms.stream().filter(r -> !r.closing()).toList();
    }

    public MeetingRecord withRooms(List<BreakoutRoomRecord> newRooms) {
        Map<JID, JID> kept = new LinkedHashMap<>(assignments);
        kept.values().removeIf(room -> newRooms.stream().noneMatch(r -> r.room().equals(room) && !r.closing()));
        return new MeetingRecord(mainRoom, moderator, opened, deadline, newRooms, kept);
    }

    /** Replaces the rooms matching {@code which} with {@code how} applied to them. */
    public MeetingRecord mapRooms(Predicate<BreakoutRoomRecord> which,
                                  UnaryOperator<BreakoutRoomRecord> how) {
        return withRooms(rooms.stream().map(r -> which.test(r) ? how.apply(r) : r).toList());
    }

    public MeetingRecord withDeadline(Optional<Instant> newDeadline) {
        return new MeetingRecord(mainRoom, moderator, opened, newDeadline, rooms, assignments);
    }

    /** Assigns {@code participant} to {@code room}, or (null) removes their assignment. */
    public MeetingRecord withAssignment(JID participant, JID room) {
        Map<JID, JID> next = new LinkedHashMap<>(assignments);
        if (room == null) {
            next.remove(participant.asBareJID());
        } else {
            next.put(participant.asBareJID(), room);
        }
        return new MeetingRecord(mainRoom, moderator, opened, deadline, rooms, next);
    }
}

// What a moderator sees of a meeting: its rooms with who is present, the assignments, the deadline.
package coop.warden.breakout;

import coop.warden.rooms.OccupantKind;
import coop.warden.rooms.Seat;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * A point-in-time view. "Present" is what Prosody reported (joins it completed, leaves, and the
 * sync after a restart); an assignment is what a moderator decided, present or not. Service
 * accounts are left out of the occupant lists.
 */
record MeetingStatus(JID mainRoom, Instant now, Optional<Instant> deadline, List<Room> rooms,
                     List<Assignment> assignments) {
    MeetingStatus {
        Objects.requireNonNull(mainRoom, "mainRoom");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(deadline, "deadline");
        rooms = List.copyOf(rooms);
        assignments = List.copyOf(assignments);
    }

    /** The main room (first, {@code main}, number 0) or a breakout room. */
    record Room(JID jid, String name, int number, boolean main, boolean closing, List<Seat> present) {
        Room {
            present = List.copyOf(present);
        }
    }

    record Assignment(JID participant, JID room, String roomName, boolean present) {}

    static MeetingStatus of(JID mainRoom, Optional<MeetingRecord> meeting, Occupancy occupancy, Instant now) {
        List<Room> rooms = new ArrayList<>();
        rooms.add(new Room(mainRoom, "main room", 0, true, false, people(occupancy, mainRoom)));
        List<Assignment> assignments = new ArrayList<>();
        meeting.ifPresent(m -> {
            for (BreakoutRoomRecord r : m.rooms()) {
                rooms.add(new Room(r.room(), r.name(), r.position(), false, r.closing(), people(occupancy, r.room())));
            }
            m.assignments().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(JID::toBareJID)))
                    .forEach(a -> {
                        String name = m.room(a.getValue()).map(BreakoutRoomRecord::name).orElse("");
                        boolean there = occupancy.present(a.getValue()).stream()
                                .anyMatch(s -> s.occupant().asBareJID().equals(a.getKey()));
                        assignments.add(new Assignment(a.getKey(), a.getValue(), name, there));
                    });
        });
        return new MeetingStatus(mainRoom, now, meeting.flatMap(MeetingRecord::deadline), rooms, assignments);
    }

    /** Sorted by nick, so the answer reads the same however the ledger learnt of them (joins or a sync). */
    private static List<Seat> people(Occupancy occupancy, JID room) {
        return occupancy.present(room).stream().filter(s -> s.kind() != OccupantKind.SERVICE)
                .sorted(Comparator.comparing((Seat s) -> s.nickIfKnown().map(JID::getResource).orElse(""))
                        .thenComparing(s -> s.occupant().toFullJID()))
                .toList();
    }

    /** A few lines for an ad-hoc command's note. */
    String summary() {
        StringBuilder b = new StringBuilder(mainRoom.toBareJID());
        if (rooms.size() == 1) {
            return b.append(" has no breakout rooms open; ").append(count(rooms.get(0).present().size()))
                    .append(" in the main room.").toString();
        }
        b.append(": ").append(rooms.size() - 1).append(" breakout room").append(rooms.size() == 2 ? "" : "s");
        deadline.ifPresent(d -> b.append(", closing ").append(BreakoutWire.describeDeadline(d, now)));
        b.append('.');
        for (Room r : rooms) {
            b.append("\n").append(r.main() ? "Main room" : r.number() + ". " + r.name()).append(" (")
                    .append(r.jid().toBareJID()).append(r.closing() ? ", closing" : "").append("): ");
            b.append(r.present().isEmpty() ? "nobody" : String.join(", ", r.present().stream().map(MeetingStatus::who)
                    .toList()));
        }
        for (Assignment a : assignments) {
            b.append("\n").append(a.participant().toBareJID()).append(" → ").append(a.roomName())
                    .append(a.present() ? " (there)" : " (assigned, not there yet)");
        }
        return b.toString();
    }

    static String who(Seat s) {
        return s.nickIfKnown().map(JID::getResource).orElse("?") + " <" + s.occupant().toBareJID() + ">";
    }

    private static String count(int n) {
        return n == 1 ? "1 person" : n + " people";
    }
}

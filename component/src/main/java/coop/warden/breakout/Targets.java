// Resolves what a moderator typed into a breakout room or a participant of the meeting.
package coop.warden.breakout;

import coop.warden.rooms.Seat;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import coop.warden.xmpp.Jids;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * A room is given by its JID, its number or its name; a participant by their JID (bare or
 * full) or by their nick in one of the meeting's rooms, which is what a moderator sees.
 */
final class Targets {
    private final Occupancy occupancy;

    Targets(Occupancy occupancy) {
        this.occupancy = Objects.requireNonNull(occupancy);
    }

    /** An open breakout room of {@code m}. */
    BreakoutRoomRecord room(MeetingRecord m, String ref) {
        String t = ref == null ? "" : ref.strip();
        for (BreakoutRoomRecord r : m.openRooms()) {
            if (t.equalsIgnoreCase(r.room().toBareJID()) || t.equals(Integer.toString(r.position()))
                    || t.equalsIgnoreCase(r.name())) {
                return r;
            }
        }
        List<String> known = m.openRooms().stream().map(r -> r.position() + " “" + r.name() + "”").toList();
        throw BreakoutException.notFound(m.mainRoom().toBareJID() + " has no open breakout room “" + t + "”"
                + (known.isEmpty() ? "." : "; its rooms: " + String.join(", ", known) + "."));
    }

    boolean isMainRoom(MeetingRecord m, String ref) {
        String t = ref == null ? "" : ref.strip();
        return t.equalsIgnoreCase(m.mainRoom().toBareJID()) || t.equalsIgnoreCase("main");
    }

    /** The participant's bare JID. */
    JID participant(MeetingRecord m, String ref) {
        String t = ref == null ? "" : ref.strip();
        if (t.isEmpty()) {
            throw BreakoutException.bad("Say whom to assign: their nick in the meeting or their JID.");
        }
        if (t.contains("@")) {
            try {
                JID jid = Jids.parse(t);
                if (jid.getNode() != null) {
                    return jid.asBareJID();
                }
            } catch (IllegalArgumentException e) {
                // not a JID: try it as a nick
            }
        }
        Set<JID> matches = new LinkedHashSet<>();
        for (JID room : rooms(m)) {
            for (Seat s : occupancy.seats(room)) {
                String nick = s.nickIfKnown().map(JID::getResource).orElse(null);
                if (nick != null && nick.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                    matches.add(s.occupant().asBareJID());
                }
            }
        }
        if (matches.size() == 1) {
            return matches.iterator().next();
        }
        if (matches.isEmpty()) {
            throw BreakoutException.notFound("Nobody called “" + t + "” is in " + m.mainRoom().toBareJID()
                    + " or its breakout rooms; give their nick there or their JID (such as bob@example.org).");
        }
        throw BreakoutException.bad("More than one person is called “" + t + "” (" + matches
                + "); give the JID of the one you mean.");
    }

    private static List<JID> rooms(MeetingRecord m) {
        List<JID> rooms = new ArrayList<>();
        rooms.add(m.mainRoom());
        m.rooms().forEach(r -> rooms.add(r.room()));
        return rooms;
    }
}

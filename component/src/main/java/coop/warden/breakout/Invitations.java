// XEP-0249 direct invitations: to a breakout room, and back to the main room.
package coop.warden.breakout;

import coop.warden.rooms.OccupantKind;
import coop.warden.rooms.Seat;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * An invitation goes to each session of the person that is in one of the meeting's rooms (the
 * client they are in the meeting with), or to their bare JID when none is, which Prosody
 * delivers to their online clients.
 */
final class Invitations {
    private final MucDriver driver;
    private final Occupancy occupancy;

    Invitations(MucDriver driver, Occupancy occupancy) {
        this.driver = Objects.requireNonNull(driver);
        this.occupancy = Objects.requireNonNull(occupancy);
    }

    void toRoom(MeetingRecord m, JID participant, BreakoutRoomRecord r) {
        String reason = "A moderator of " + m.mainRoom().toBareJID() + " moved you to the breakout room “"
                + r.name() + "”.";
        sessions(m, participant).forEach(to -> driver.invite(to, r.room(), reason));
    }

    void toMain(MeetingRecord m, JID participant) {
        String reason = "A moderator asked you back to the main room of the meeting.";
        sessions(m, participant).forEach(to -> driver.invite(to, m.mainRoom(), reason));
    }

    /** Everyone present in {@code r} (service accounts aside) is invited back to the main room. */
    void backFrom(MeetingRecord m, BreakoutRoomRecord r, String reason) {
        Set<JID> to = new LinkedHashSet<>();
        for (Seat s : occupancy.seats(r.room())) {
            if (s.kind() != OccupantKind.SERVICE) {
                to.add(s.occupant());
            }
        }
        to.forEach(jid -> driver.invite(jid, m.mainRoom(), reason));
    }

    private List<JID> sessions(MeetingRecord m, JID participant) {
        JID bare = participant.asBareJID();
        Set<JID> found = new LinkedHashSet<>();
        List<JID> rooms = new ArrayList<>();
        rooms.add(m.mainRoom());
        m.rooms().forEach(r -> rooms.add(r.room()));
        for (JID room : rooms) {
            for (Seat s : occupancy.seats(room)) {
                if (s.occupant().asBareJID().equals(bare) && s.occupant().getResource() != null) {
                    found.add(s.occupant());
                }
            }
        }
        return found.isEmpty() ? List.of(bare) : List.copyOf(found);
    }
}

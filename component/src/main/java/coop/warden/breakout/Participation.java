// Who is in a meeting: in its main room or a breakout room now, in one a moment ago (moving), or assigned.
package coop.warden.breakout;

import coop.warden.rooms.Seat;
import coop.warden.store.MeetingRecord;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/** By bare JID: any of a person's sessions puts them in the meeting. */
final class Participation {
    private final Occupancy occupancy;
    private final Roster roster;

    Participation(Occupancy occupancy, Roster roster) {
        this.occupancy = Objects.requireNonNull(occupancy);
        this.roster = Objects.requireNonNull(roster);
    }

    boolean inMeeting(JID mainRoom, Optional<MeetingRecord> meeting, JID person) {
        JID bare = person.asBareJID();
        if (roster.recentlyIn(mainRoom, bare) || present(mainRoom, bare)) {
            return true;
        }
        return meeting.map(m -> m.assignments().containsKey(bare)
                || m.rooms().stream().anyMatch(r -> present(r.room(), bare))).orElse(false);
    }

    private boolean present(JID room, JID bare) {
        for (Seat s : occupancy.seats(room)) {
            if (s.occupant().asBareJID().equals(bare)) {
                return true;
            }
        }
        return false;
    }
}

// Warden's view of who is in a room, as the breakout bookkeeping reads it.
package coop.warden.breakout;

import coop.warden.rooms.Seat;
import java.util.List;
import org.xmpp.packet.JID;

/** Read-only access to the seat ledger (rooms/), so the bookkeeping can be tested without it. */
interface Occupancy {

    /** Everyone holding a seat in {@code room}, joined or still joining. */
    List<Seat> seats(JID room);

    /** Whether the ledger holds {@code host}'s real occupants (its sync is done), so an empty room is really empty. */
    boolean synced(JID host);

    /** Occupants whose join Prosody confirmed. */
    default List<Seat> present(JID room) {
        return seats(room).stream().filter(s -> !s.isReservation()).toList();
    }
}

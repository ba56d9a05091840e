// The durable breakout bookkeeping: meetings, their breakout rooms, assignments and deadlines.
package coop.warden.store;

import java.util.List;
import org.xmpp.packet.JID;

/**
 * Where Warden keeps breakout rooms across restarts. Writes are durable before they return;
 * a meeting is written whole (a few rows), so a crash never leaves half of a change.
 */
public interface MeetingStore {

    /** Every stored meeting, as written last. */
    List<MeetingRecord> meetings();

    /** Stores {@code meeting}, replacing what was stored for its main room. */
    void save(MeetingRecord meeting);

    /** Forgets the meeting of {@code mainRoom}, its rooms and its assignments; absent is fine. */
    void delete(JID mainRoom);
}

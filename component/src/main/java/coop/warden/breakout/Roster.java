// Who was in a meeting (its main room or a breakout room) a moment ago: people moving between its rooms.
package coop.warden.breakout;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * Bare JIDs per main room, with when each was last seen in a room of the meeting (a join, a
 * leave). A Jitsi client moves by leaving one room and then joining the next: in between it is in
 * no room of the meeting, and this is what still lets it into the breakout room, for
 * {@code warden.breakout.move-grace} after it left. Someone who left the meeting longer ago than
 * that is no longer in it. Kept in memory only: after a restart of Warden the rooms' occupants
 * (from the sync) and the stored assignments say who is in the meeting.
 */
final class Roster {
    private final ConcurrentHashMap<JID, ConcurrentHashMap<JID, Long>> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long graceMillis;

    Roster(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock);
        this.graceMillis = grace.toMillis();
    }

    /** {@code person} is in a room of the meeting of {@code mainRoom} now (joined it, or is leaving it). */
    void seen(JID mainRoom, JID person) {
        seen.computeIfAbsent(mainRoom, k -> new ConcurrentHashMap<>()).put(person.asBareJID(), clock.millis());
    }

    void seenAll(JID mainRoom, Collection<JID> people) {
        people.forEach(p -> seen(mainRoom, p));
    }

    /** True when {@code person} was in a room of the meeting no longer than the grace ago. */
    boolean recentlyIn(JID mainRoom, JID person) {
        var s = seen.get(mainRoom);
        Long at = s == null ? null : s.get(person.asBareJID());
        return at != null && clock.millis() - at <= graceMillis;
    }

    void forget(JID mainRoom) {
        seen.remove(mainRoom);
    }
}

// Who has been in a meeting (its main room or a breakout room) since its breakout rooms opened.
package coop.warden.breakout;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * Bare JIDs, per main room. A Jitsi client moves by leaving one room and then joining the next:
 * in between it is in no room of the meeting, and this is what still lets it into the breakout
 * room. Kept in memory only: after a restart of Warden the rooms' occupants (from the sync) and
 * the stored assignments say who is in the meeting.
 */
final class Roster {
    private final ConcurrentHashMap<JID, Set<JID>> seen = new ConcurrentHashMap<>();

    void add(JID mainRoom, JID person) {
        seen.computeIfAbsent(mainRoom, k -> ConcurrentHashMap.newKeySet()).add(person.asBareJID());
    }

    void addAll(JID mainRoom, Collection<JID> people) {
        people.forEach(p -> add(mainRoom, p));
    }

    boolean contains(JID mainRoom, JID person) {
        Set<JID> s = seen.get(mainRoom);
        return s != null && s.contains(person.asBareJID());
    }

    void forget(JID mainRoom) {
        seen.remove(mainRoom);
    }
}

// The fallback moderator rule: the first person in a main room (its creator, or the first to join one a service created).
package coop.warden.breakout;

import coop.warden.rooms.OccupantKind;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * Jitsi's focus creates rooms and then makes the first person owner; an XMPP client's creator
 * owns its room. Either way the first person (not a service account) is the room's moderator
 * here. Warden learns it from {@code create} and {@code joined} and forgets it when the room is
 * destroyed; once breakout rooms open, the meeting's record keeps it, so it survives the main room
 * emptying and a restart of Warden.
 */
final class FirstPersonModerators implements Moderators {
    private final ConcurrentHashMap<JID, JID> first = new ConcurrentHashMap<>();
    private final Meetings meetings;

    FirstPersonModerators(Meetings meetings) {
        this.meetings = Objects.requireNonNull(meetings);
    }

    /** A person created or joined {@code room}: the first one since its creation is its moderator. */
    void noteArrival(JID room, JID person, OccupantKind kind) {
        if (kind != OccupantKind.SERVICE && person.getNode() != null) {
            first.putIfAbsent(room, person.asBareJID());
        }
    }

    void forget(JID room) {
        first.remove(room);
    }

    Optional<JID> firstPerson(JID room) {
        return Optional.ofNullable(first.get(room));
    }

    @Override
    public boolean isModerator(JID mainRoom, JID person) {
        JID bare = person.asBareJID();
        return bare.equals(first.get(mainRoom))
                || meetings.byMain(mainRoom).map(m -> bare.equals(m.moderator())).orElse(false);
    }
}

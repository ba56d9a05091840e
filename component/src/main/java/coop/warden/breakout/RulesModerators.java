// Moderators from Warden's moderator rules: whoever the rules make owner of the main room, while in the meeting.
package coop.warden.breakout;

import java.util.Objects;
import java.util.function.BiPredicate;
import org.xmpp.packet.JID;

/**
 * A person moderates a meeting's breakout rooms when the moderator rules make them owner (and so
 * moderator) of its main room and they are in the meeting; or when they opened its breakout rooms,
 * which keeps a moderator who went into a breakout room (and a main room Prosody removed when it
 * emptied) in charge. Under {@code members-moderate} that is every member in the meeting.
 */
final class RulesModerators implements Moderators {
    private final BiPredicate<JID, JID> grantsModerator;
    private final Meetings meetings;
    private final Participation participation;

    /** {@code grantsModerator}: (room, person) → whether the rules make the person the room's moderator. */
    RulesModerators(BiPredicate<JID, JID> grantsModerator, Meetings meetings, Participation participation) {
        this.grantsModerator = Objects.requireNonNull(grantsModerator);
        this.meetings = Objects.requireNonNull(meetings);
        this.participation = Objects.requireNonNull(participation);
    }

    @Override
    public boolean isModerator(JID mainRoom, JID person) {
        JID bare = person.asBareJID();
        if (meetings.byMain(mainRoom).map(m -> bare.equals(m.moderator())).orElse(false)) {
            return true;
        }
        return grantsModerator.test(mainRoom, person)
                && participation.inMeeting(mainRoom, meetings.byMain(mainRoom), person);
    }
}

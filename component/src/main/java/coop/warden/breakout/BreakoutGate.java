// The breakout rules on the join path: which breakout rooms may be created and entered, and meeting-wide counting.
package coop.warden.breakout;

import coop.warden.rooms.OccupantKind;
import coop.warden.rooms.RoomGate;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import coop.warden.xmpp.ErrorCondition;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Answers from memory only (the meetings snapshot, the roster, the ledger). A breakout room may be
 * created only when it is open in Warden's bookkeeping (Warden creates it itself; this covers a
 * room Prosody lost and a joiner brings back), and entered by people in its meeting, the
 * meeting's moderators, admins and service accounts.
 */
final class BreakoutGate implements RoomGate {
    private final BreakoutConfig config;
    private final Meetings meetings;
    private final Roster roster;
    private final Moderators moderators;
    private final Participation participation;
    private final Housekeeper housekeeper;

    BreakoutGate(BreakoutConfig config, Meetings meetings, Roster roster, Moderators moderators,
                 Participation participation, Housekeeper housekeeper) {
        this.config = Objects.requireNonNull(config);
        this.meetings = Objects.requireNonNull(meetings);
        this.roster = Objects.requireNonNull(roster);
        this.moderators = Objects.requireNonNull(moderators);
        this.participation = Objects.requireNonNull(participation);
        this.housekeeper = Objects.requireNonNull(housekeeper);
    }

    @Override
    public Optional<Refusal> create(JID room, JID creator, OccupantKind kind) {
        if (!config.isBreakoutHost(room.getDomain())) {
            return Optional.empty();
        }
        Optional<MeetingRecord> m = meetings.byRoom(room);
        if (m.flatMap(x -> x.room(room)).filter(r -> !r.closing()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(notOpen(room));
    }

    @Override
    public Optional<Refusal> join(JID room, JID occupant, OccupantKind kind) {
        if (!config.isBreakoutHost(room.getDomain())) {
            return Optional.empty();
        }
        Optional<MeetingRecord> meeting = meetings.byRoom(room);
        Optional<BreakoutRoomRecord> r = meeting.flatMap(m -> m.room(room));
        if (r.isEmpty()) {
            return Optional.of(notOpen(room));
        }
        MeetingRecord m = meeting.get();
        if (r.get().closing()) {
            return Optional.of(new Refusal(ErrorCondition.NOT_ALLOWED, "This breakout room has closed; please return to "
                    + m.mainRoom().toBareJID() + ".", "breakout room closing"));
        }
        if (kind == OccupantKind.SERVICE || kind == OccupantKind.ADMIN
                || participation.inMeeting(m.mainRoom(), meeting, occupant)
                || moderators.isModerator(m.mainRoom(), occupant)) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(ErrorCondition.NOT_ALLOWED, "This breakout room is only for participants of "
                + m.mainRoom().toBareJID() + ".", "not in meeting " + m.mainRoom()));
    }

    @Override
    public Optional<CapScope> capScope(JID room) {
        if (!config.meetingWideCaps()) {
            return Optional.empty();
        }
        return meetings.of(room).map(m -> {
            Set<JID> rooms = new HashSet<>();
            rooms.add(m.mainRoom());
            m.rooms().forEach(r -> rooms.add(r.room()));
            return new CapScope(m.mainRoom(), rooms);
        });
    }

    @Override
    public void joined(JID room, JID occupant, OccupantKind kind) {
        seen(room, occupant, kind);
    }

    /** The move grace starts now: someone going from one room of the meeting to the next is still in it. */
    @Override
    public void left(JID room, JID occupant, OccupantKind kind) {
        seen(room, occupant, kind);
    }

    private void seen(JID room, JID occupant, OccupantKind kind) {
        if (kind != OccupantKind.SERVICE) {
            meetings.of(room).ifPresent(m -> roster.seen(m.mainRoom(), occupant));
        }
    }

    @Override
    public void destroyed(JID room, boolean emptied) {
        if (config.isBreakoutHost(room.getDomain())) {
            housekeeper.gone(room);
            return;
        }
        // A main room Prosody removed because everyone went to breakout rooms does not end the meeting:
        // its breakout rooms close when they are empty, at the deadline, or when a moderator closes them.
        if (!emptied) {
            housekeeper.mainDestroyed(room);
        }
    }

    private Refusal notOpen(JID room) {
        return new Refusal(ErrorCondition.NOT_ALLOWED, "Breakout rooms on " + room.getDomain() + " are opened by a"
                + " meeting's moderators; " + room.toBareJID() + " is not open.", "not an open breakout room");
    }
}

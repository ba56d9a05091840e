// The moderator actions behind the breakout commands and IQs: open, rename, close, assign, set a duration, show.
package coop.warden.breakout;

import coop.warden.rooms.Admins;
import coop.warden.rooms.Seat;
import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * Every action checks the actor first ({@code forbidden} unless admin or moderator of the
 * meeting), then validates everything, then changes the bookkeeping in one step and only then
 * talks to Prosody. A {@link BreakoutException} means nothing changed.
 */
final class BreakoutService {
    private static final Logger log = LoggerFactory.getLogger(BreakoutService.class);

    private final BreakoutConfig config;
    private final Meetings meetings;
    private final Occupancy occupancy;
    private final Admins admins;
    private final Moderators moderators;
    private final Roster roster;
    private final Housekeeper housekeeper;
    private final ProsodyRooms prosody;
    private final Invitations invitations;
    private final Clock clock;
    private final Targets targets;

    BreakoutService(BreakoutConfig config, Meetings meetings, Occupancy occupancy, Admins admins, Moderators moderators,
                    Roster roster, Housekeeper housekeeper, ProsodyRooms prosody, Invitations invitations, Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.meetings = Objects.requireNonNull(meetings);
        this.occupancy = Objects.requireNonNull(occupancy);
        this.admins = Objects.requireNonNull(admins);
        this.moderators = Objects.requireNonNull(moderators);
        this.roster = Objects.requireNonNull(roster);
        this.housekeeper = Objects.requireNonNull(housekeeper);
        this.prosody = Objects.requireNonNull(prosody);
        this.invitations = Objects.requireNonNull(invitations);
        this.clock = Objects.requireNonNull(clock);
        this.targets = new Targets(occupancy);
    }

    /** Opens {@code request.count()} numbered rooms, or one per name; optionally sets the duration. */
    MeetingStatus open(JID actor, JID main, OpenRequest request) {
        permit(actor, main);
        Instant now = clock.instant();
        List<BreakoutRoomRecord> opened = new ArrayList<>();
        meetings.update(main, before -> {
            // Seats, not only confirmed occupants: a moderator who asks the moment their own join completes
            // may be read before Prosody's `joined` notification (Whack hands packets to a pool, in any order),
            // and still holds the seat Warden reserved when it allowed the join.
            if (before.isEmpty() && occupancy.seats(main).isEmpty()) {
                throw BreakoutException.notFound("Nobody is in " + main.toBareJID() + ": open breakout rooms for a"
                        + " meeting that is under way, from its main room's JID.");
            }
            List<BreakoutRoomRecord> rooms = before.map(MeetingRecord::rooms).orElse(List.of());
            int open = (int) rooms.stream().filter(r -> !r.closing()).count();
            int adding = request.names().isEmpty() ? request.count() : request.names().size();
            if (open + adding > config.maxRooms()) {
                throw BreakoutException.notAcceptable("Too many breakout rooms: a meeting may have at most "
                        + config.maxRooms() + ", and " + main.toBareJID() + " has " + open + " open, so at most "
                        + (config.maxRooms() - open) + " more can be opened.");
            }
            int next = rooms.stream().mapToInt(BreakoutRoomRecord::position).max().orElse(0) + 1;
            List<BreakoutRoomRecord> all = new ArrayList<>(rooms);
            for (int i = 0; i < adding; i++) {
                int position = next + i;
                String name = request.names().isEmpty() ? "Breakout room " + position : request.names().get(i);
                Names.checkUnique(name, all);
                BreakoutRoomRecord r = new BreakoutRoomRecord(roomJid(main, position), name, position, false);
                all.add(r);
                opened.add(r);
            }
            Optional<Instant> deadline = request.duration().map(d -> now.plus(checkDuration(d)))
                    .or(() -> before.flatMap(MeetingRecord::deadline).filter(now::isBefore));
            JID moderator = before.map(MeetingRecord::moderator).orElse(actor.asBareJID());
            return Optional.of(new MeetingRecord(main, moderator, before.map(MeetingRecord::opened).orElse(now),
                    deadline, all, before.map(MeetingRecord::assignments).orElse(Map.of())));
        });
        roster.seenAll(main, occupancy.present(main).stream().map(Seat::occupant).toList());
        opened.forEach(prosody::open);
        log.info("{} opened {} breakout room(s) for {}", actor.toBareJID(), opened.size(), main);
        return status(main);
    }

    MeetingStatus rename(JID actor, JID main, String roomRef, String name) {
        permit(actor, main);
        AtomicReference<BreakoutRoomRecord> renamed = new AtomicReference<>();
        meetings.update(main, before -> {
            MeetingRecord m = existing(main, before);
            BreakoutRoomRecord r = targets.room(m, roomRef);
            String checked = Names.check(name);
            Names.checkUnique(checked, m.rooms().stream().filter(o -> !o.equals(r)).toList());
            renamed.set(r.renamed(checked));
            return Optional.of(m.mapRooms(r::equals, old -> old.renamed(checked)));
        });
        prosody.rename(renamed.get());
        return status(main);
    }

    /** Closes one room ({@code roomRef}) or, when it is empty, all of them. */
    MeetingStatus close(JID actor, JID main, Optional<String> roomRef) {
        permit(actor, main);
        MeetingRecord m = existing(main, meetings.byMain(main));
        if (roomRef.isPresent()) {
            BreakoutRoomRecord r = targets.room(m, roomRef.get());
            housekeeper.close(main, x -> x.room().equals(r.room()), Housekeeper.CloseReason.BY_MODERATOR);
        } else {
            housekeeper.close(main, r -> true, Housekeeper.CloseReason.BY_MODERATOR);
        }
        return status(main);
    }

    /** Assigns a participant to a breakout room (or, given the main room, sends them back) and invites them. */
    MeetingStatus assign(JID actor, JID main, String participantRef, String roomRef) {
        permit(actor, main);
        AtomicReference<MeetingRecord> after = new AtomicReference<>();
        AtomicReference<BreakoutRoomRecord> target = new AtomicReference<>();
        AtomicReference<JID> who = new AtomicReference<>();
        meetings.update(main, before -> {
            MeetingRecord m = existing(main, before);
            who.set(targets.participant(m, participantRef));
            boolean toMain = targets.isMainRoom(m, roomRef);
            target.set(toMain ? null : targets.room(m, roomRef));
            MeetingRecord next = m.withAssignment(who.get(), toMain ? null : target.get().room());
            after.set(next);
            return Optional.of(next);
        });
        if (target.get() == null) {
            invitations.toMain(after.get(), who.get());
        } else {
            invitations.toRoom(after.get(), who.get(), target.get());
        }
        log.info("{} assigned {} to {} in {}", actor.toBareJID(), who.get(),
                target.get() == null ? "the main room" : target.get().room(), main);
        return status(main);
    }

    /** Sets (present) or clears (empty) the time after which all breakout rooms close. */
    MeetingStatus setDuration(JID actor, JID main, Optional<Duration> duration) {
        permit(actor, main);
        Instant now = clock.instant();
        meetings.update(main, before -> {
            MeetingRecord m = existing(main, before);
            if (m.openRooms().isEmpty()) {
                throw BreakoutException.notFound(main.toBareJID() + " has no open breakout rooms.");
            }
            return Optional.of(m.withDeadline(duration.map(d -> now.plus(checkDuration(d)))));
        });
        return status(main);
    }

    MeetingStatus show(JID actor, JID main) {
        permit(actor, main);
        if (meetings.byMain(main).isEmpty() && occupancy.seats(main).isEmpty()) {
            throw BreakoutException.notFound("Warden knows no meeting in " + main.toBareJID()
                    + ": nobody is in it and it has no breakout rooms.");
        }
        return status(main);
    }

    MeetingStatus status(JID main) {
        return MeetingStatus.of(main, meetings.byMain(main), occupancy, clock.instant());
    }

    private void permit(JID actor, JID main) {
        if (!admins.isAdmin(actor) && !moderators.isModerator(main, actor)) {
            throw BreakoutException.forbidden("Only the moderators of " + main.toBareJID()
                    + " and Warden's admins may run its breakout rooms.");
        }
    }

    private static MeetingRecord existing(JID main, Optional<MeetingRecord> m) {
        return m.orElseThrow(() -> BreakoutException.notFound(main.toBareJID() + " has no breakout rooms."));
    }

    private Duration checkDuration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(config.maxDuration()) > 0) {
            throw BreakoutException.bad("A duration is from 1 second to " + Durations.describe(config.maxDuration())
                    + "; “" + Durations.describe(d) + "” is not.");
        }
        return d;
    }

    /** {@code <main node>-<n>@<breakout host>}, or with a random tail when another meeting has that JID. */
    private JID roomJid(JID main, int position) {
        String node = main.getNode() + "-" + position;
        try {
            JID jid = new JID(node, config.primaryHost().getDomain(), null);
            while (meetings.taken(jid)) {
                String tail = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
                jid = new JID(node + "-" + tail, config.primaryHost().getDomain(), null);
            }
            return jid;
        } catch (IllegalArgumentException e) {
            // The main room's node was valid; with the suffix it is longer than a JID part may be (1023 bytes).
            String shown = main.getNode().length() > 20 ? main.getNode().substring(0, 20) + "…" : main.getNode();
            throw BreakoutException.bad("The main room's name “" + shown + "” is too long to name breakout rooms"
                    + " after; use a main room with a shorter name.");
        }
    }
}

// Closes breakout rooms (by moderators, at the deadline, when empty, when the meeting ends) and forgets destroyed ones.
package coop.warden.breakout;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * {@link #tick} runs every second: deadlines, empty rooms, and bringing Prosody in step. Time comes
 * from the injected clock only, so tests drive it with a fake one. An empty room's clock starts
 * when Warden first sees it empty with its host synced: after a restart of Warden, empty rooms get
 * the whole {@code empty-timeout} again.
 */
final class Housekeeper {
    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    enum CloseReason {
        BY_MODERATOR("A moderator closed this breakout room; please return to the main room.", true),
        TIME_UP("Time is up: the breakout rooms have closed; please return to the main room.", true),
        EMPTY("This breakout room was empty and has closed.", true),
        MEETING_ENDED("The meeting has ended.", false);

        final String text;
        final boolean backToMain;

        CloseReason(String text, boolean backToMain) {
            this.text = text;
            this.backToMain = backToMain;
        }
    }

    private final BreakoutConfig config;
    private final Meetings meetings;
    private final Occupancy occupancy;
    private final Invitations invitations;
    private final Roster roster;
    private final Clock clock;
    private final Map<JID, Instant> emptySince = new ConcurrentHashMap<>();
    private ProsodyRooms prosody;

    Housekeeper(BreakoutConfig config, Meetings meetings, Occupancy occupancy, Invitations invitations, Roster roster,
                Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.meetings = Objects.requireNonNull(meetings);
        this.occupancy = Objects.requireNonNull(occupancy);
        this.invitations = Objects.requireNonNull(invitations);
        this.roster = Objects.requireNonNull(roster);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Set once at wiring: ProsodyRooms reports destroyed rooms back here. */
    void use(ProsodyRooms rooms) {
        this.prosody = Objects.requireNonNull(rooms);
    }

    /**
     * Marks the matching open rooms of the meeting closing (stored first), invites their
     * occupants back to the main room when the reason says so, and asks Prosody to destroy them.
     */
    List<BreakoutRoomRecord> close(JID mainRoom, Predicate<BreakoutRoomRecord> which, CloseReason reason) {
        List<BreakoutRoomRecord> closing = new ArrayList<>();
        Optional<MeetingRecord> after = meetings.update(mainRoom, before -> before.map(m -> {
            m.openRooms().stream().filter(which).forEach(closing::add);
            return m.mapRooms(r -> closing.contains(r), BreakoutRoomRecord::markedClosing);
        }));
        for (BreakoutRoomRecord r : closing) {
            emptySince.remove(r.room());
            after.ifPresent(m -> {
                if (reason.backToMain) {
                    invitations.backFrom(m, r, reason.text);
                }
            });
            log.info("closing breakout room {} of {}: {}", r.room(), mainRoom, reason);
            prosody.destroy(r.room(), reason.text, reason.backToMain ? mainRoom : null);
        }
        return List.copyOf(closing);
    }

    /** Prosody destroyed a breakout room (because Warden asked, or an owner did): forget it. */
    void gone(JID room) {
        Optional<MeetingRecord> m = meetings.byRoom(room);
        prosody.forget(room);
        emptySince.remove(room);
        if (m.isEmpty()) {
            return;
        }
        JID main = m.get().mainRoom();
        // Both the destroy-room answer and Prosody's `destroyed` notification land here: act once.
        AtomicBoolean removed = new AtomicBoolean();
        Optional<MeetingRecord> after = meetings.update(main, before -> before.map(b -> {
            removed.set(b.room(room).isPresent());
            return b.withRooms(b.rooms().stream().filter(r -> !r.room().equals(room)).toList());
        }));
        if (!removed.get()) {
            return;
        }
        log.info("breakout room {} of {} is gone", room, main);
        if (after.isEmpty()) {
            roster.forget(main);
            log.info("meeting {} has no breakout rooms left", main);
        }
    }

    /** An owner destroyed the main room: the meeting is over, and so are its breakout rooms. */
    void mainDestroyed(JID mainRoom) {
        if (meetings.byMain(mainRoom).isPresent()) {
            close(mainRoom, r -> true, CloseReason.MEETING_ENDED);
        }
    }

    void tick() {
        Instant now = clock.instant();
        for (MeetingRecord m : meetings.list()) {
            if (m.deadline().isPresent() && !now.isBefore(m.deadline().get()) && !m.openRooms().isEmpty()) {
                close(m.mainRoom(), r -> true, CloseReason.TIME_UP);
                continue;
            }
            for (BreakoutRoomRecord r : m.openRooms()) {
                if (emptyTooLong(r.room(), now)) {
                    close(m.mainRoom(), r::equals, CloseReason.EMPTY);
                }
            }
        }
        prosody.retry(meetings.list());
    }

    private boolean emptyTooLong(JID room, Instant now) {
        if (!occupancy.synced(new JID(room.getDomain()))) {
            return false;
        }
        if (!occupancy.seats(room).isEmpty()) {
            emptySince.remove(room);
            return false;
        }
        Instant since = emptySince.computeIfAbsent(room, k -> now);
        return !now.isBefore(since.plus(config.emptyTimeout()));
    }

    /** How long {@code room} has been empty, as far as Warden knows. */
    Optional<Duration> emptyFor(JID room) {
        return Optional.ofNullable(emptySince.get(room)).map(s -> Duration.between(s, clock.instant()));
    }
}

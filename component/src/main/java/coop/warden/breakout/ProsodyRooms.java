// Keeps Prosody's breakout rooms in step with the bookkeeping: open rooms exist, closed ones are destroyed.
package coop.warden.breakout;

import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.xmpp.packet.JID;

/**
 * The bookkeeping is the truth; Prosody is brought to it. A room counts as present on Prosody once
 * a {@code create-room} was answered since the link last came up (Prosody may have restarted and
 * lost it meanwhile); until then, and after a failed attempt, {@link #retry} asks again, at most
 * every {@link #RETRY}. A closing room is destroyed the same way until Prosody says it is gone.
 */
final class ProsodyRooms {
    static final Duration RETRY = Duration.ofSeconds(5);
    static final String CLOSED = "This breakout room has closed; please return to the main room.";

    private final MucDriver driver;
    private final Clock clock;
    private final Consumer<JID> gone;
    private final Set<JID> confirmed = ConcurrentHashMap.newKeySet();
    private final Map<JID, Instant> lastTry = new ConcurrentHashMap<>();

    /** {@code gone} is told each room Prosody no longer has after a destroy. */
    ProsodyRooms(MucDriver driver, Clock clock, Consumer<JID> gone) {
        this.driver = Objects.requireNonNull(driver);
        this.clock = Objects.requireNonNull(clock);
        this.gone = Objects.requireNonNull(gone);
    }

    void open(BreakoutRoomRecord r) {
        lastTry.put(r.room(), clock.instant());
        driver.createRoom(r.room(), r.name()).thenAccept(result -> {
            if (result == MucDriver.Result.DONE) {
                confirmed.add(r.room());
            }
        });
    }

    void rename(BreakoutRoomRecord r) {
        driver.renameRoom(r.room(), r.name()).thenAccept(result -> {
            if (result != MucDriver.Result.DONE) {
                confirmed.remove(r.room()); // the next retry sends create-room, which sets the name
            }
        });
    }

    void destroy(JID room, String reason, JID alternate) {
        confirmed.remove(room);
        lastTry.put(room, clock.instant());
        driver.destroyRoom(room, reason, alternate).thenAccept(result -> {
            if (result != MucDriver.Result.FAILED) {
                gone.accept(room);
            }
        });
    }

    /** After each (re)connect: Prosody may have restarted, so every room is checked again. */
    void linkUp() {
        confirmed.clear();
        lastTry.clear();
    }

    void forget(JID room) {
        confirmed.remove(room);
        lastTry.remove(room);
    }

    boolean confirmed(JID room) {
        return confirmed.contains(room);
    }

    /** Opens what is not known to be open, destroys what is closing; each at most every {@link #RETRY}. */
    void retry(Collection<MeetingRecord> meetings) {
        Instant now = clock.instant();
        for (MeetingRecord m : meetings) {
            for (BreakoutRoomRecord r : m.rooms()) {
                Instant last = lastTry.get(r.room());
                if (last != null && now.isBefore(last.plus(RETRY))) {
                    continue;
                }
                if (r.closing()) {
                    destroy(r.room(), CLOSED, m.mainRoom());
                } else if (!confirmed.contains(r.room())) {
                    open(r);
                }
            }
        }
    }
}

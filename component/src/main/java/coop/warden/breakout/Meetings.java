// The meetings with breakout rooms: an in-memory copy for the join path, written through to the store.
package coop.warden.breakout;

import coop.warden.store.BreakoutRoomRecord;
import coop.warden.store.MeetingRecord;
import coop.warden.store.MeetingStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xmpp.packet.JID;

/**
 * Reads (every join to a breakout room) see an immutable snapshot and never wait. Changes are
 * serialized by this object's monitor: {@link #update} reads, decides and writes one meeting as
 * one step, so two moderators acting at once cannot both take the last free room number, and a
 * change that throws leaves memory and store as they were.
 */
final class Meetings {
    private record Snapshot(Map<JID, MeetingRecord> byMain, Map<JID, JID> mainOf) {}

    private final MeetingStore store;
    private volatile Snapshot snapshot;

    Meetings(MeetingStore store) {
        this.store = Objects.requireNonNull(store);
        Map<JID, MeetingRecord> loaded = new LinkedHashMap<>();
        for (MeetingRecord m : store.meetings()) {
            loaded.put(m.mainRoom(), m);
        }
        this.snapshot = index(loaded);
    }

    Optional<MeetingRecord> byMain(JID mainRoom) {
        return Optional.ofNullable(snapshot.byMain().get(mainRoom));
    }

    /** The meeting a breakout room belongs to. */
    Optional<MeetingRecord> byRoom(JID breakoutRoom) {
        JID main = snapshot.mainOf().get(breakoutRoom);
        return main == null ? Optional.empty() : byMain(main);
    }

    /** The meeting {@code room} is the main room or a breakout room of. */
    Optional<MeetingRecord> of(JID room) {
        Optional<MeetingRecord> m = byMain(room);
        return m.isPresent() ? m : byRoom(room);
    }

    Collection<MeetingRecord> all() {
        return snapshot.byMain().values();
    }

    /** Whether any meeting has (or is closing) a breakout room with this JID. */
    boolean taken(JID room) {
        return snapshot.mainOf().containsKey(room);
    }

    /**
     * Applies {@code change} to the meeting of {@code mainRoom} (empty: none yet) and stores the
     * result; a result without rooms deletes the meeting. Returns what was stored.
     */
    synchronized Optional<MeetingRecord> update(JID mainRoom,
                                                Function<Optional<MeetingRecord>, Optional<MeetingRecord>> change) {
        Optional<MeetingRecord> before = byMain(mainRoom);
        Optional<MeetingRecord> after = change.apply(before).filter(m -> !m.rooms().isEmpty());
        if (after.equals(before)) {
            return after;
        }
        if (after.isPresent()) {
            if (!after.get().mainRoom().equals(mainRoom)) {
                throw new IllegalArgumentException("an update of " + mainRoom + " returned " + after.get().mainRoom());
            }
            store.save(after.get());
        } else {
            store.delete(mainRoom);
        }
        Map<JID, MeetingRecord> next = new LinkedHashMap<>(snapshot.byMain());
        after.ifPresentOrElse(m -> next.put(mainRoom, m), () -> next.remove(mainRoom));
        snapshot = index(next);
        return after;
    }

    private static Snapshot index(Map<JID, MeetingRecord> byMain) {
        Map<JID, JID> mainOf = new HashMap<>();
        for (MeetingRecord m : byMain.values()) {
            for (BreakoutRoomRecord r : m.rooms()) {
                mainOf.put(r.room(), m.mainRoom());
            }
        }
        return new Snapshot(Map.copyOf(byMain), Map.copyOf(mainOf));
    }

    /** The rooms of every meeting, for the housekeeping pass. */
    List<MeetingRecord> list() {
        return List.copyOf(all());
    }
}

// An in-memory PolicyStore for room tests (the SQLite store has its own tests).
package coop.warden.rooms;

import coop.warden.store.Cap;
import coop.warden.store.CapUpdate;
import coop.warden.store.ChangeLogEntry;
import coop.warden.store.PolicyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

public final class MemoryStore implements PolicyStore {
    private final Map<JID, Cap> rooms = new ConcurrentHashMap<>();
    private volatile Optional<Cap> defaultCap = Optional.empty();
    private final List<ChangeLogEntry> log = new ArrayList<>();

    @Override
    public Optional<Cap> defaultCap() {
        return defaultCap;
    }

    @Override
    public Optional<Cap> roomCap(JID room) {
        return Optional.ofNullable(rooms.get(room));
    }

    @Override
    public Map<JID, Cap> roomCaps() {
        return Map.copyOf(rooms);
    }

    @Override
    public synchronized CapUpdate setDefaultCap(Optional<Cap> cap, JID actor) {
        CapUpdate u = new CapUpdate(defaultCap, cap);
        defaultCap = cap;
        record(actor, "set-default-cap", null, u);
        return u;
    }

    @Override
    public synchronized CapUpdate setRoomCap(JID room, Optional<Cap> cap, JID actor) {
        CapUpdate u = new CapUpdate(roomCap(room), cap);
        cap.ifPresentOrElse(c -> rooms.put(room, c), () -> rooms.remove(room));
        record(actor, "set-room-cap", room, u);
        return u;
    }

    private void record(JID actor, String action, JID room, CapUpdate u) {
        if (u.changed()) {
            log.add(0, new ChangeLogEntry(log.size() + 1, Instant.EPOCH, actor, action, room,
                    u.before().map(Cap::wire).orElse(null), u.after().map(Cap::wire).orElse(null)));
        }
    }

    @Override
    public synchronized List<ChangeLogEntry> recentChanges(int limit) {
        return List.copyOf(log.subList(0, Math.min(limit, log.size())));
    }

    @Override
    public void close() {}
}

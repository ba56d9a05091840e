// An in-memory PolicyStore for room tests (the SQLite store has its own tests).
package coop.warden.rooms;

import coop.warden.store.Cap;
import coop.warden.store.CapUpdate;
import coop.warden.store.Change;
import coop.warden.store.ChangeLogEntry;
import coop.warden.store.PolicyStore;
import coop.warden.store.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

public final class MemoryStore implements PolicyStore {
    private final Map<JID, Cap> rooms = new ConcurrentHashMap<>();
    private volatile Optional<Cap> defaultCap = Optional.empty();
    private final List<ChangeLogEntry> log = new ArrayList<>();
    private final Map<JID, RuleSet> roomRules = new ConcurrentHashMap<>();
    private final Map<JID, Set<JID>> moderators = new ConcurrentHashMap<>();
    private volatile Optional<RuleSet> defaultRules = Optional.empty();

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
    public Optional<RuleSet> defaultRules() {
        return defaultRules;
    }

    @Override
    public Optional<RuleSet> roomRules(JID room) {
        return Optional.ofNullable(roomRules.get(room));
    }

    @Override
    public Map<JID, RuleSet> roomRules() {
        return Map.copyOf(roomRules);
    }

    @Override
    public Set<JID> moderators(JID room) {
        return moderators.getOrDefault(room, Set.of());
    }

    @Override
    public Map<JID, Set<JID>> moderatorLists() {
        return Map.copyOf(moderators);
    }

    @Override
    public synchronized Change<Optional<RuleSet>> setDefaultRules(Optional<RuleSet> rules, JID actor) {
        Change<Optional<RuleSet>> c = new Change<>(defaultRules, rules);
        defaultRules = rules;
        record(actor, "set-default-rules", null, c.changed(), wire(c.before()), wire(rules));
        return c;
    }

    @Override
    public synchronized Change<Optional<RuleSet>> setRoomRules(JID room, Optional<RuleSet> rules, JID actor) {
        Change<Optional<RuleSet>> c = new Change<>(roomRules(room), rules);
        rules.ifPresentOrElse(r -> roomRules.put(room, r), () -> roomRules.remove(room));
        record(actor, "set-room-rules", room, c.changed(), wire(c.before()), wire(rules));
        return c;
    }

    @Override
    public synchronized Change<Set<JID>> setModerators(JID room, Set<JID> members, JID actor) {
        Set<JID> after = Set.copyOf(new TreeSet<>(members));
        Change<Set<JID>> c = new Change<>(moderators(room), after);
        if (after.isEmpty()) {
            moderators.remove(room);
        } else {
            moderators.put(room, after);
        }
        record(actor, "set-room-moderators", room, c.changed(), String.valueOf(c.before()), String.valueOf(after));
        return c;
    }

    private static String wire(Optional<RuleSet> rules) {
        return rules.map(RuleSet::wire).orElse(null);
    }

    private void record(JID actor, String action, JID room, boolean changed, String before, String after) {
        if (changed) {
            log.add(0, new ChangeLogEntry(log.size() + 1, Instant.EPOCH, actor, action, room, before, after));
        }
    }

    @Override
    public synchronized List<ChangeLogEntry> recentChanges(int limit) {
        return List.copyOf(log.subList(0, Math.min(limit, log.size())));
    }

    @Override
    public void close() {}
}

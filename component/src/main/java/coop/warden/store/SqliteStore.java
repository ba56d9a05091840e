// The embedded PolicyStore: one SQLite connection behind a lock, with an in-memory read cache.
package coop.warden.store;

import com.google.common.collect.ImmutableMap;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.xmpp.packet.JID;

/**
 * Stores policy in one SQLite file (see {@link SqliteOpener} for the durability settings).
 * Writes are rare admin actions: they take {@link #lock}, run in one transaction together with
 * their change-log row, and refresh {@link #cache}. Reads, which sit on the join path, only
 * read the cache and never touch the file or the lock.
 */
public final class SqliteStore implements PolicyStore {
    static final String DEFAULT_CAP_SETTING = "muc.default-cap";

    private record Snapshot(Optional<Cap> defaultCap, ImmutableMap<JID, Cap> roomCaps, SqliteRules.Snapshot rules) {}

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Clock clock;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot cache;
    private boolean closed;

    private SqliteStore(Path file, Clock clock, Connection connection) {
        this.file = file;
        this.clock = clock;
        this.connection = connection;
    }

    /** Opens {@code warden.store.path} from the root config. */
    public static SqliteStore open(Config root, Clock clock) {
        return open(Path.of(root.getString("warden.store.path")), clock);
    }

    /**
     * Opens (creating if absent) the store at {@code path}.
     *
     * @throws StoreException naming the file and what to do, if it is corrupt, unreadable or unwritable
     */
    public static SqliteStore open(Path path, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path file = path.toAbsolutePath().normalize();
        SqliteStore store = new SqliteStore(file, clock, SqliteOpener.open(file));
        try {
            store.locked(c -> {
                store.reload(c);
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public Path path() {
        return file;
    }

    @Override
    public Optional<Cap> defaultCap() {
        return cache.defaultCap();
    }

    @Override
    public Optional<Cap> roomCap(JID room) {
        return Optional.ofNullable(cache.roomCaps().get(room));
    }

    @Override
    public Map<JID, Cap> roomCaps() {
        return cache.roomCaps();
    }

    @Override
    public CapUpdate setDefaultCap(Optional<Cap> cap, JID actor) {
        Objects.requireNonNull(cap, "cap");
        return inTransaction(c -> {
            CapUpdate update = new CapUpdate(readDefaultCap(c), cap);
            if (!update.changed()) {
                return update;
            }
            if (cap.isPresent()) {
                execute(c, "INSERT INTO setting (name, value) VALUES (?, ?)"
                        + " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                        DEFAULT_CAP_SETTING, cap.get().wire());
            } else {
                execute(c, "DELETE FROM setting WHERE name = ?", DEFAULT_CAP_SETTING);
            }
            appendLog(c, actor, cap.isPresent() ? ChangeAction.SET_DEFAULT_CAP : ChangeAction.CLEAR_DEFAULT_CAP,
                    null, update);
            return update;
        });
    }

    @Override
    public CapUpdate setRoomCap(JID room, Optional<Cap> cap, JID actor) {
        requireBare(room);
        Objects.requireNonNull(cap, "cap");
        return inTransaction(c -> {
            CapUpdate update = new CapUpdate(readRoomCap(c, room), cap);
            if (!update.changed()) {
                return update;
            }
            if (cap.isPresent()) {
                Integer seats = cap.get() instanceof Cap.Seats s ? s.seats() : null;
                execute(c, "INSERT INTO room_cap (room, seats) VALUES (?, ?)"
                        + " ON CONFLICT (room) DO UPDATE SET seats = excluded.seats", room.toBareJID(), seats);
            } else {
                execute(c, "DELETE FROM room_cap WHERE room = ?", room.toBareJID());
            }
            appendLog(c, actor, cap.isPresent() ? ChangeAction.SET_ROOM_CAP : ChangeAction.CLEAR_ROOM_CAP,
                    room, update);
            return update;
        });
    }

    @Override
    public Optional<RuleSet> defaultRules() {
        return cache.rules().defaultRules();
    }

    @Override
    public Optional<RuleSet> roomRules(JID room) {
        return Optional.ofNullable(cache.rules().roomRules().get(room));
    }

    @Override
    public Map<JID, RuleSet> roomRules() {
        return cache.rules().roomRules();
    }

    @Override
    public Set<JID> moderators(JID room) {
        return cache.rules().moderators().getOrDefault(room, Set.of());
    }

    @Override
    public Map<JID, Set<JID>> moderatorLists() {
        return cache.rules().moderators();
    }

    @Override
    public Change<Optional<RuleSet>> setDefaultRules(Optional<RuleSet> rules, JID actor) {
        Objects.requireNonNull(rules, "rules");
        return inTransaction(c -> SqliteRules.setDefault(c, file, rules, log(c, actor)));
    }

    @Override
    public Change<Optional<RuleSet>> setRoomRules(JID room, Optional<RuleSet> rules, JID actor) {
        requireBare(room);
        Objects.requireNonNull(rules, "rules");
        return inTransaction(c -> SqliteRules.setRoom(c, file, room, rules, log(c, actor)));
    }

    @Override
    public Change<Set<JID>> setModerators(JID room, Set<JID> moderators, JID actor) {
        requireBare(room);
        moderators.forEach(SqliteStore::requireBare);
        return inTransaction(c -> SqliteRules.setModerators(c, room, moderators, log(c, actor)));
    }

    @Override
    public List<ChangeLogEntry> recentChanges(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return locked(c -> {
            List<ChangeLogEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at_ms, actor, action, room, old_value,"
                    + " new_value FROM change_log ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String room = rs.getString(5);
                        entries.add(new ChangeLogEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                                new JID(rs.getString(3)), rs.getString(4), room == null ? null : new JID(room),
                                rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return List.copyOf(entries);
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                SqliteOpener.closeQuietly(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction under the lock (also for SqliteMeetingStore). */
    <T> T inTransaction(Work<T> work) {
        return locked(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                reload(c);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    <T> T locked(Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("store " + file + " is closed");
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw SqliteOpener.translate(file, e);
        } finally {
            lock.unlock();
        }
    }

    private void reload(Connection c) throws SQLException {
        ImmutableMap.Builder<JID, Cap> rooms = ImmutableMap.builder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT room, seats FROM room_cap")) {
            while (rs.next()) {
                int seats = rs.getInt(2);
                Cap cap = rs.wasNull() ? Cap.unlimited() : Cap.seats(seats);
                rooms.put(new JID(rs.getString(1)), cap);
            }
        }
        cache = new Snapshot(readDefaultCap(c), rooms.buildOrThrow(), SqliteRules.load(c, file));
    }

    private Optional<Cap> readDefaultCap(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM setting WHERE name = ?")) {
            ps.setString(1, DEFAULT_CAP_SETTING);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Cap.parse(rs.getString(1)));
                } catch (IllegalArgumentException e) {
                    throw new StoreException(file, "holds an invalid default cap '" + rs.getString(1)
                            + "' in table setting; fix or delete that row with sqlite3.");
                }
            }
        }
    }

    private static Optional<Cap> readRoomCap(Connection c, JID room) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seats FROM room_cap WHERE room = ?")) {
            ps.setString(1, room.toBareJID());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int seats = rs.getInt(1);
                return Optional.of(rs.wasNull() ? Cap.unlimited() : Cap.seats(seats));
            }
        }
    }

    private void appendLog(Connection c, JID actor, String action, JID room, CapUpdate update)
            throws SQLException {
        appendLog(c, actor, action, room, update.before().map(Cap::wire).orElse(null),
                update.after().map(Cap::wire).orElse(null));
    }

    /** Appends change-log rows as {@code actor} inside the current transaction. */
    private SqliteRules.Log log(Connection c, JID actor) {
        return (action, room, oldValue, newValue) -> appendLog(c, actor, action, room, oldValue, newValue);
    }

    private void appendLog(Connection c, JID actor, String action, JID room, String oldValue, String newValue)
            throws SQLException {
        execute(c, "INSERT INTO change_log (at_ms, actor, action, room, old_value, new_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                clock.millis(), actor.toBareJID(), action, room == null ? null : room.toBareJID(), oldValue, newValue);
    }

    static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static void requireBare(JID room) {
        if (room.getNode() == null || room.getResource() != null) {
            throw new IllegalArgumentException("not a room JID: " + room);
        }
    }
}

// The SQLite MeetingStore: breakout tables (schema migration 3) in the same file and under the same lock as SqliteStore.
package coop.warden.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Meetings live in three tables ({@code meeting}, {@code breakout_room}, {@code breakout_assignment},
 * see {@link SqliteSchema}); a save rewrites one meeting's rows in one transaction. Reads go to
 * the file: they happen once at startup, the breakout module keeps its own copy in memory.
 */
public final class SqliteMeetingStore implements MeetingStore {
    private final SqliteStore store;

    public SqliteMeetingStore(SqliteStore store) {
        this.store = Objects.requireNonNull(store);
    }

    @Override
    public List<MeetingRecord> meetings() {
        return store.locked(c -> {
            Map<JID, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT main_room, moderator, opened_ms, deadline_ms FROM meeting ORDER BY main_room");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long deadline = rs.getLong(4);
                    Optional<Instant> d = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(deadline));
                    String moderator = rs.getString(2);
                    JID main = new JID(rs.getString(1));
                    rows.put(main, new Row(main, moderator == null ? null : new JID(moderator),
                            Instant.ofEpochMilli(rs.getLong(3)), d));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT main_room, room, name, position, closing FROM breakout_room ORDER BY main_room, position");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Row row = rows.get(new JID(rs.getString(1)));
                    row.rooms.add(new BreakoutRoomRecord(new JID(rs.getString(2)), rs.getString(3), rs.getInt(4),
                            rs.getInt(5) != 0));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT main_room, participant, room FROM breakout_assignment");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.get(new JID(rs.getString(1))).assignments.put(new JID(rs.getString(2)), new JID(rs.getString(3)));
                }
            }
            List<MeetingRecord> meetings = new ArrayList<>();
            rows.values().forEach(r -> meetings.add(r.record()));
            return List.copyOf(meetings);
        });
    }

    @Override
    public void save(MeetingRecord m) {
        store.inTransaction(c -> {
            String main = m.mainRoom().toBareJID();
            SqliteStore.execute(c, "INSERT INTO meeting (main_room, moderator, opened_ms, deadline_ms)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT (main_room) DO UPDATE SET moderator = excluded.moderator,"
                            + " opened_ms = excluded.opened_ms, deadline_ms = excluded.deadline_ms",
                    main, m.moderator() == null ? null : m.moderator().toBareJID(), m.opened().toEpochMilli(),
                    m.deadline().map(Instant::toEpochMilli).orElse(null));
            SqliteStore.execute(c, "DELETE FROM breakout_assignment WHERE main_room = ?", main);
            SqliteStore.execute(c, "DELETE FROM breakout_room WHERE main_room = ?", main);
            for (BreakoutRoomRecord r : m.rooms()) {
                SqliteStore.execute(c, "INSERT INTO breakout_room (room, main_room, name, position, closing)"
                        + " VALUES (?, ?, ?, ?, ?)", r.room().toBareJID(), main, r.name(), r.position(), r.closing() ? 1 : 0);
            }
            for (Map.Entry<JID, JID> a : m.assignments().entrySet()) {
                SqliteStore.execute(c, "INSERT INTO breakout_assignment (main_room, participant, room) VALUES (?, ?, ?)",
                        main, a.getKey().toBareJID(), a.getValue().toBareJID());
            }
            return null;
        });
    }

    @Override
    public void delete(JID mainRoom) {
        store.inTransaction(c -> {
            // ON DELETE CASCADE removes the meeting's rooms and assignments.
            SqliteStore.execute(c, "DELETE FROM meeting WHERE main_room = ?", mainRoom.toBareJID());
            return null;
        });
    }

    private static final class Row {
        final JID main;
        final JID moderator;
        final Instant opened;
        final Optional<Instant> deadline;
        final List<BreakoutRoomRecord> rooms = new ArrayList<>();
        final Map<JID, JID> assignments = new LinkedHashMap<>();

        Row(JID main, JID moderator, Instant opened, Optional<Instant> deadline) {
            this.main = main;
            this.moderator = moderator;
            this.opened = opened;
            this.deadline = deadline;
        }

        MeetingRecord record() {
            return new MeetingRecord(main, moderator, opened, deadline, rooms, assignments);
        }
    }
}

// The SQLite schema as numbered migrations, tracked with PRAGMA user_version.
package coop.warden.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema migrations. Each runs in its own transaction together with the bump of
 * {@code user_version}, so a crash mid-upgrade leaves the previous version intact.
 *
 * <p>To extend the schema (moderator rules, breakout rooms), append a migration: never edit a
 * released one. Deployment-wide settings go in {@code setting} (no migration needed); per-room
 * settings get a table keyed by {@code room} (e.g. {@code room_rules(room PRIMARY KEY, rule_set)},
 * {@code room_moderator(room, member, PRIMARY KEY (room, member))}); breakout state gets its own
 * tables with foreign keys ({@code meeting(id, main_room UNIQUE, deadline_ms)},
 * {@code breakout_room(room PRIMARY KEY, meeting_id REFERENCES meeting ON DELETE CASCADE)},
 * {@code assignment(meeting_id, occupant, room)}); {@code foreign_keys} is on.
 */
final class SqliteSchema {
    private static final Logger log = LoggerFactory.getLogger(SqliteSchema.class);

    record Migration(int version, String what, List<String> statements) {
        Migration {
            statements = List.copyOf(statements);
        }
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "caps and change log", List.of(
                    // Deployment-wide settings, e.g. muc.default-cap = '20' | 'none'.
                    "CREATE TABLE setting (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT",
                    // A row means the room has its own cap; seats NULL means explicitly no cap.
                    "CREATE TABLE room_cap (room TEXT PRIMARY KEY NOT NULL,"
                            + " seats INTEGER CHECK (seats IS NULL OR seats BETWEEN 0 AND " + Cap.MAX_SEATS + ")) STRICT",
                    // AUTOINCREMENT: ids are never reused, so the log reads as a sequence.
                    "CREATE TABLE change_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL,"
                            + " actor TEXT NOT NULL, action TEXT NOT NULL, room TEXT,"
                            + " old_value TEXT, new_value TEXT) STRICT",
                    "CREATE INDEX change_log_by_room ON change_log (room, id)",
                    "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log"
                            + " BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END",
                    "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log"
                            + " BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END")));

    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    private SqliteSchema() {}

    /** Brings the schema up to {@link #latestVersion()}; refuses a file written by a newer Warden. */
    static void migrate(Connection c, Path file) throws SQLException {
        int current = userVersion(c);
        if (current > latestVersion()) {
            throw new StoreException(file, "was written by a newer Warden (schema version " + current
                    + "; this one knows up to " + latestVersion() + "). Run the newer Warden, or restore a backup"
                    + " made by this version.");
        }
        for (Migration m : MIGRATIONS) {
            if (m.version() <= current) {
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("PRAGMA user_version = " + m.version());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            log.info("store {}: schema now at version {} ({})", file, m.version(), m.what());
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}

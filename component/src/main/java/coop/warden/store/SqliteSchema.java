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
 * <p>To extend the schema, append a migration: never edit a released one. Deployment-wide
 * settings go in {@code setting} (no migration needed); per-room settings get a table keyed by
 * {@code room}, as migration 2 does for moderator rules; breakout state has its own tables with
 * foreign keys (migration 3); {@code foreign_keys} is on.
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
                            + " BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END")),
            new Migration(2, "moderator rules", List.of(
                    // A row means the room has its own rule set. No CHECK on the name: a CHECK cannot
                    // be widened without rebuilding the table; the store validates names when it loads.
                    "CREATE TABLE room_rules (room TEXT PRIMARY KEY NOT NULL, rule_set TEXT NOT NULL) STRICT",
                    // The members an admin listed as a room's moderators (bare JIDs), for `listed`.
                    "CREATE TABLE room_moderator (room TEXT NOT NULL, member TEXT NOT NULL,"
                            + " PRIMARY KEY (room, member)) STRICT")),
            new Migration(3, "breakout rooms", List.of(
                    // A main room with breakout rooms open; moderator: bare JID, NULL when Warden knew none.
                    "CREATE TABLE meeting (main_room TEXT PRIMARY KEY NOT NULL, moderator TEXT,"
                            + " opened_ms INTEGER NOT NULL, deadline_ms INTEGER) STRICT",
                    // closing = 1: closed by Warden, kept until Prosody confirms the room is destroyed.
                    "CREATE TABLE breakout_room (room TEXT PRIMARY KEY NOT NULL,"
                            + " main_room TEXT NOT NULL REFERENCES meeting (main_room) ON DELETE CASCADE,"
                            + " name TEXT NOT NULL, position INTEGER NOT NULL CHECK (position >= 1),"
                            + " closing INTEGER NOT NULL DEFAULT 0 CHECK (closing IN (0, 1)),"
                            + " UNIQUE (main_room, position)) STRICT",
                    // One breakout room per participant (bare JID) and meeting.
                    "CREATE TABLE breakout_assignment ("
                            + " main_room TEXT NOT NULL REFERENCES meeting (main_room) ON DELETE CASCADE,"
                            + " participant TEXT NOT NULL,"
                            + " room TEXT NOT NULL REFERENCES breakout_room (room) ON DELETE CASCADE,"
                            + " PRIMARY KEY (main_room, participant)) STRICT")));

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

// Breaks a running SqliteStore the ways a disk can, for tests: read-only, or failing halfway through a change.
package coop.warden.store;

import java.sql.Statement;

/** Acts on the store's own connection, as the file system or the disk would under it. */
public final class StoreFaults {
    private StoreFaults() {}

    /** Every write fails as on a file system remounted read-only (SQLITE_READONLY); reads go on. */
    public static void readOnly(SqliteStore store, boolean on) {
        execute(store, "PRAGMA query_only = " + (on ? 1 : 0));
    }

    /**
     * Writing a change-log row fails, after the change itself was written in the same transaction:
     * only the rollback keeps the store whole.
     */
    public static void failChangeLog(SqliteStore store, boolean on) {
        execute(store, on ? "CREATE TEMP TRIGGER fail_change_log BEFORE INSERT ON change_log"
                + " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END" : "DROP TRIGGER IF EXISTS temp.fail_change_log");
    }

    private static void execute(SqliteStore store, String sql) {
        store.locked(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }
}

// Opens the SQLite store file safely: checks the file, sets durability pragmas, verifies, migrates.
package coop.warden.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns a path into a ready connection, or a {@link StoreException} that names the file and says
 * what to do. It never deletes, truncates or re-creates an existing file: a corrupt store stops
 * Warden rather than losing the caps and the change log in it.
 */
final class SqliteOpener {
    private static final Logger log = LoggerFactory.getLogger(SqliteOpener.class);

    private static final String CORRUPT_ADVICE = " Stop Warden and restore the file from a backup; or move it"
            + " (with any -wal and -shm files beside it) aside to start with an empty store, which loses"
            + " the caps and the change log it held.";

    private SqliteOpener() {}

    static Connection open(Path file) {
        checkFile(file);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            if (!(e instanceof SQLiteException) && !Files.exists(file)) {
                // The driver's own try at creating the file failed (its message is a bare errno text).
                throw new StoreException(file, "does not exist and cannot be created in " + file.getParent() + " ("
                        + e.getMessage() + "). Check that the user Warden runs as may create files there and that"
                        + " its file system is not mounted read-only, or point warden.store.path elsewhere.", e);
            }
            throw translate(file, e);
        }
        try {
            configure(c, file);
            checkIntegrity(c, file);
            SqliteSchema.migrate(c, file);
            probeWrite(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e instanceof StoreException se ? se : translate(file, e);
        }
    }

    private static void checkFile(Path file) {
        Path dir = file.getParent();
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new StoreException(file, "the store's directory " + dir + " is not a directory (a file of that"
                    + " name is in the way). Move it aside, or point warden.store.path elsewhere.");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new StoreException(file, "the directory " + dir + " does not exist. Create it, owned by the"
                    + " user Warden runs as, or point warden.store.path elsewhere.");
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new StoreException(file, "is not a regular file. Point warden.store.path at a file.");
            }
            if (!Files.isReadable(file) || !Files.isWritable(file)) {
                throw new StoreException(file, "cannot be read and written by the user Warden runs as ("
                        + System.getProperty("user.name") + "). Fix the file's owner or mode.");
            }
        } else {
            if (!Files.isWritable(dir)) {
                throw new StoreException(file, "does not exist and cannot be created: the directory " + dir
                        + " is not writable by the user Warden runs as (" + System.getProperty("user.name") + ").");
            }
            log.info("store {} does not exist: creating an empty one", file);
        }
    }

    /**
     * WAL: readers never block the writer and a crash cannot tear a commit. synchronous=FULL:
     * every commit is fsynced before the admin is told "done", so it survives power loss and
     * not only a killed process (NORMAL can lose the last commits on power loss). Writes are a
     * few admin changes a day, so the fsync costs nothing that matters.
     */
    private static void configure(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException(file, "cannot use write-ahead logging (journal mode stayed '" + mode
                            + "'). Put the store on a local file system that Warden can write to.");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void checkIntegrity(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            StringBuilder problems = new StringBuilder();
            while (rs.next()) {
                String row = rs.getString(1);
                if (!"ok".equals(row)) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(row.replace('\n', ' ').strip());
                }
            }
            if (problems.length() > 0) {
                throw new StoreException(file, "is corrupt (" + problems + ")." + CORRUPT_ADVICE);
            }
        }
    }

    /** A store that opens but cannot be written must fail now, not at the first admin change. */
    private static void probeWrite(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
        }
    }

    static StoreException translate(Path file, Exception e) {
        if (e instanceof StoreException se) {
            return se;
        }
        int code = e instanceof SQLiteException se ? se.getResultCode().code & 0xff : -1;
        if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new StoreException(file, "is not a readable Warden store: it is corrupt or not an SQLite"
                    + " database." + CORRUPT_ADVICE, e);
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY.code || code == SQLiteErrorCode.SQLITE_PERM.code
                || code == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            // At start (owner, mode) or at run time (a file system remounted read-only after an I/O error).
            return new StoreException(file, "cannot be written. Check that the user Warden runs as owns the file"
                    + " and its directory (SQLite also writes -wal and -shm files there), and that its file system"
                    + " is not mounted read-only.", e);
        }
        if (code == SQLiteErrorCode.SQLITE_FULL.code || code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return new StoreException(file, "could not be written (disk full or I/O error): " + e.getMessage(), e);
        }
        if (code == SQLiteErrorCode.SQLITE_BUSY.code) {
            return new StoreException(file, "is locked by another process (another Warden, or an open sqlite3"
                    + " shell holding a write transaction).", e);
        }
        return new StoreException(file, "store error: " + e.getMessage(), e);
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("closing store connection failed: {}", e.getMessage());
        }
    }
}

package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import coop.warden.rooms.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

class SqliteStoreTest {
    static final JID ADMIN = new JID("admin@coop.test");
    static final JID ROOM = new JID("meeting@conference.coop.test");
    static final JID OTHER = new JID("other@conference.coop.test");

    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock();

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("warden.db"), clock);
    }

    @Test
    void aNewStoreIsEmptyAndUsesWalAndTheLatestSchema() throws SQLException {
        try (SqliteStore store = open()) {
            assertThat(store.defaultCap()).isEmpty();
            assertThat(store.roomCaps()).isEmpty();
            assertThat(store.recentChanges(10)).isEmpty();
        }
        assertThat(query("PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(query("PRAGMA user_version")).isEqualTo(Integer.toString(SqliteSchema.latestVersion()));
    }

    @Test
    void roomCapsCanBeSetToANumberOrNoneAndCleared() {
        try (SqliteStore store = open()) {
            CapUpdate set = store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
            assertThat(set).isEqualTo(new CapUpdate(Optional.empty(), Optional.of(Cap.seats(3))));
            store.setRoomCap(OTHER, Optional.of(Cap.unlimited()), ADMIN);
            assertThat(store.roomCap(ROOM)).contains(Cap.seats(3));
            assertThat(store.roomCap(OTHER)).contains(Cap.unlimited());
            assertThat(store.roomCaps()).containsOnlyKeys(ROOM, OTHER);

            CapUpdate cleared = store.setRoomCap(ROOM, Optional.empty(), ADMIN);
            assertThat(cleared.before()).contains(Cap.seats(3));
            assertThat(store.roomCap(ROOM)).isEmpty();
        }
    }

    @Test
    void everyChangeIsLoggedWithActorTimeAndOldAndNewValues() {
        try (SqliteStore store = open()) {
            store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), new JID("admin@coop.test/laptop"));
            clock.advance(Duration.ofMinutes(1));
            store.setRoomCap(ROOM, Optional.of(Cap.seats(5)), ADMIN);
            store.setDefaultCap(Optional.of(Cap.seats(20)), ADMIN);
            store.setDefaultCap(Optional.empty(), ADMIN);
            store.setRoomCap(ROOM, Optional.empty(), ADMIN);

            List<ChangeLogEntry> log = store.recentChanges(10);
            assertThat(log).extracting(ChangeLogEntry::action).containsExactly(
                    "clear-room-cap", "clear-default-cap", "set-default-cap", "set-room-cap", "set-room-cap");
            ChangeLogEntry first = log.get(4);
            assertThat(first.actor()).isEqualTo(ADMIN); // stored as the bare JID
            assertThat(first.room()).isEqualTo(ROOM);
            assertThat(first.oldValue()).isNull();
            assertThat(first.newValue()).isEqualTo("3");
            assertThat(first.at()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1)));
            assertThat(log.get(3).oldValue()).isEqualTo("3");
            assertThat(log.get(3).newValue()).isEqualTo("5");
            assertThat(log.get(2).roomIfAny()).isEmpty();
            assertThat(log.get(2).newValue()).isEqualTo("20");
            assertThat(log).extracting(ChangeLogEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(store.recentChanges(2)).hasSize(2);
        }
    }

    @Test
    void aChangeToTheSameValueIsNotLogged() {
        try (SqliteStore store = open()) {
            store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
            CapUpdate again = store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
            CapUpdate clearNothing = store.setRoomCap(OTHER, Optional.empty(), ADMIN);
            assertThat(again.changed()).isFalse();
            assertThat(clearNothing.changed()).isFalse();
            assertThat(store.recentChanges(10)).hasSize(1);
        }
    }

    @Test
    void dataSurvivesACleanReopen() {
        try (SqliteStore store = open()) {
            store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
            store.setDefaultCap(Optional.of(Cap.unlimited()), ADMIN);
        }
        try (SqliteStore store = open()) {
            assertThat(store.roomCap(ROOM)).contains(Cap.seats(3));
            assertThat(store.defaultCap()).contains(Cap.unlimited());
            assertThat(store.recentChanges(10)).hasSize(2);
        }
    }

    @Test
    void committedDataIsOnDiskBeforeTheCallReturns() throws IOException {
        // Copy the files as a crash would leave them (the store is never closed), open the copy.
        SqliteStore store = open();
        store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
        store.setDefaultCap(Optional.of(Cap.seats(7)), ADMIN);
        Path crashed = Files.createDirectory(dir.resolve("crashed"));
        for (String suffix : List.of("", "-wal")) {
            Path f = dir.resolve("warden.db" + suffix);
            if (Files.exists(f)) {
                Files.copy(f, crashed.resolve("warden.db" + suffix));
            }
        }
        try (SqliteStore reopened = SqliteStore.open(crashed.resolve("warden.db"), clock)) {
            assertThat(reopened.roomCap(ROOM)).contains(Cap.seats(3));
            assertThat(reopened.defaultCap()).contains(Cap.seats(7));
            assertThat(reopened.recentChanges(10)).hasSize(2);
        } finally {
            store.close();
        }
    }

    @Test
    void aCorruptFileIsAClearErrorAndIsLeftUntouched() throws IOException {
        Path file = dir.resolve("warden.db");
        byte[] garbage = new byte[8192];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(file, garbage);

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt")
                .hasMessageContaining("backup");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aDamagedDatabaseIsAClearError() throws IOException {
        try (SqliteStore store = open()) {
            for (int i = 0; i < 200; i++) {
                store.setRoomCap(new JID("room" + i + "@conference.coop.test"), Optional.of(Cap.seats(i)), ADMIN);
            }
        }
        Path file = dir.resolve("warden.db");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(3 * 4096);
        for (int i = 4096 + 8; i < bytes.length - 200; i++) { // keep the header page, ruin the rest
            bytes[i] = (byte) 0x5a;
        }
        Files.write(file, bytes);

        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
    }

    @Test
    void aStoreFromANewerWardenIsRefused() throws SQLException {
        open().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("newer Warden");
    }

    @Test
    void aMissingDirectoryOrADirectoryInsteadOfAFileIsAClearError() throws IOException {
        Path missing = dir.resolve("no/such/dir/warden.db");
        assertThatThrownBy(() -> SqliteStore.open(missing, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        Path aDir = Files.createDirectory(dir.resolve("adir"));
        assertThatThrownBy(() -> SqliteStore.open(aDir, clock)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void aFileWhereTheStoresDirectoryShouldBeIsAClearErrorNamingBoth() throws IOException {
        // A regular file in the way cannot be got round by root, unlike permission bits.
        Path blocker = Files.writeString(dir.resolve("var-lib-warden"), "not a directory");
        Path file = blocker.resolve("warden.db");
        assertThatThrownBy(() -> SqliteStore.open(file, clock)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(file + ": the store's directory " + blocker + " is not a directory")
                .hasMessageContaining("warden.store.path");
        assertThat(Files.readString(blocker)).isEqualTo("not a directory");
    }

    @Test
    void aStoreWhereNoFileCanBeCreatedIsAClearStartupError() {
        // /proc takes no new files, not even from root (for whom its mode bits do not bind).
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path file = Path.of("/proc/warden-store-test-" + ProcessHandle.current().pid() + ".db");
        assertThatThrownBy(() -> SqliteStore.open(file, clock)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(file + ": does not exist and cannot be created");
        assertThat(file).doesNotExist();
    }

    @Test
    void aNewStoreInAnUnwritableDirectoryIsAClearStartupError() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("warden.db");
        try (AutoCloseable undo = unwritable(sub)) {
            assertThatThrownBy(() -> SqliteStore.open(file, clock)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(file + ": does not exist and cannot be created: the directory " + sub
                            + " is not writable");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void anExistingStoreWhoseDirectoryBecameUnwritableIsAClearErrorAndKeepsItsData() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("warden.db");
        try (SqliteStore store = SqliteStore.open(file, clock)) {
            store.setDefaultCap(Optional.of(Cap.seats(7)), ADMIN);
            store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
        }
        try (AutoCloseable undo = unwritable(sub)) {
            // SQLite must create -wal and -shm beside the file: the store cannot be used, and must not seem empty.
            assertThatThrownBy(() -> SqliteStore.open(file, clock)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(file + ": ").hasMessageContaining("cannot be written");
        }
        try (SqliteStore store = SqliteStore.open(file, clock)) {
            assertThat(store.defaultCap()).contains(Cap.seats(7));
            assertThat(store.roomCap(ROOM)).contains(Cap.seats(3));
            assertThat(store.recentChanges(10)).hasSize(2);
        }
    }

    @Test
    void anExistingStoreFileThatBecameUnwritableIsAClearErrorAndKeepsItsData() throws Exception {
        Path file = dir.resolve("warden.db");
        try (SqliteStore store = open()) {
            store.setDefaultCap(Optional.of(Cap.unlimited()), ADMIN);
        }
        try (AutoCloseable undo = unwritable(file)) {
            assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(file + ": cannot be read and written by the user Warden runs as");
        }
        try (SqliteStore store = open()) {
            assertThat(store.defaultCap()).contains(Cap.unlimited());
            assertThat(store.recentChanges(10)).hasSize(1);
        }
    }

    /**
     * Makes {@code path} unwritable for this process and returns the undo. Mode bits do not bind root (as
     * the tests run here), so then the file system's immutable flag does it; skipped only where neither works.
     */
    private static AutoCloseable unwritable(Path path) throws IOException, InterruptedException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
        AutoCloseable restoreMode = () -> Files.setPosixFilePermissions(path, before);
        if (!Files.isWritable(path)) {
            return restoreMode;
        }
        boolean immutable;
        try {
            immutable = new ProcessBuilder("chattr", "+i", path.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            immutable = false;
        }
        if (!immutable) {
            Files.setPosixFilePermissions(path, before);
        }
        assumeTrue(immutable, "neither the mode nor chattr +i makes " + path + " unwritable for this user");
        return () -> {
            new ProcessBuilder("chattr", "-i", path.toString()).inheritIO().start().waitFor();
            restoreMode.close();
        };
    }

    @Test
    void theChangeLogIsAppendOnly() throws SQLException {
        try (SqliteStore store = open()) {
            store.setRoomCap(ROOM, Optional.of(Cap.seats(3)), ADMIN);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE change_log SET actor = 'mallory@coop.test'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM change_log"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void concurrentWritersAreAllRecorded() throws Exception {
        try (SqliteStore store = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        store.setRoomCap(new JID("r" + thread + "-" + i + "@conference.coop.test"),
                                Optional.of(Cap.seats(i)), ADMIN);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(store.roomCaps()).hasSize(40);
            assertThat(store.recentChanges(100)).hasSize(40)
                    .extracting(ChangeLogEntry::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        SqliteStore store = open();
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(() -> store.setRoomCap(ROOM, Optional.of(Cap.seats(1)), ADMIN))
                .isInstanceOf(IllegalStateException.class);
    }

    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("warden.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

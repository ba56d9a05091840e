package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.FakeClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

/** A real kill -9: a child JVM writes through the store, reports, and is killed without warning. */
class CrashTest {
    private static final JID ADMIN = new JID("admin@coop.test");

    /** The default-cap changes the child makes, in order: set, set to none, clear, set again. */
    private static final List<Optional<Cap>> DEFAULT_CAPS = List.of(Optional.of(Cap.seats(40)),
            Optional.of(Cap.unlimited()), Optional.empty(), Optional.of(Cap.seats(12)));

    @TempDir
    Path dir;

    /**
     * The child: makes N changes (room caps, or with "default-cap" the default cap), prints "committed N"
     * after each, then waits to be killed.
     */
    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), Clock.systemUTC());
        boolean defaultCap = args.length > 1 && args[1].equals("default-cap");
        int n = defaultCap ? DEFAULT_CAPS.size() : 5;
        for (int i = 1; i <= n; i++) {
            if (defaultCap) {
                store.setDefaultCap(DEFAULT_CAPS.get(i - 1), ADMIN);
            } else {
                store.setRoomCap(new JID("room" + i + "@conference.coop.test"), Optional.of(Cap.seats(i)), ADMIN);
            }
            System.out.println("committed " + i);
            System.out.flush();
        }
        Thread.currentThread().join(); // never returns: the parent kills this JVM
    }

    /** Runs the child until it reports its last commit, then SIGKILLs it while it holds the store open. */
    private static void writeAndKill(Path file, String mode, int commits) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashTest.class.getName(), file.toString(), mode).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("committed " + commits)) {
                // wait for the last commit's report (other lines are the child's log)
            }
            assertThat(line).isEqualTo("committed " + commits);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void everyChangeReportedAsDoneSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("warden.db");
        writeAndKill(file, "room-caps", 5);

        try (SqliteStore store = SqliteStore.open(file, new FakeClock())) {
            for (int i = 1; i <= 5; i++) {
                assertThat(store.roomCap(new JID("room" + i + "@conference.coop.test"))).contains(Cap.seats(i));
            }
            assertThat(store.recentChanges(10)).hasSize(5);
        }
    }

    @Test
    void theDefaultCapAndItsChangeLogSurviveKillMinus9() throws Exception {
        Path file = dir.resolve("warden.db");
        writeAndKill(file, "default-cap", DEFAULT_CAPS.size());
        // The child died holding the store: its commits are still in the write-ahead log, not yet checkpointed.
        assertThat(dir.resolve("warden.db-wal")).exists();

        try (SqliteStore store = SqliteStore.open(file, new FakeClock())) {
            assertThat(store.defaultCap()).contains(Cap.seats(12));
            List<ChangeLogEntry> log = store.recentChanges(10);
            assertThat(log).extracting(ChangeLogEntry::action).containsExactly(ChangeAction.SET_DEFAULT_CAP,
                    ChangeAction.CLEAR_DEFAULT_CAP, ChangeAction.SET_DEFAULT_CAP, ChangeAction.SET_DEFAULT_CAP);
            assertThat(log).extracting(ChangeLogEntry::oldValue).containsExactly(null, "none", "40", null);
            assertThat(log).extracting(ChangeLogEntry::newValue).containsExactly("12", null, "none", "40");
            assertThat(log).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(ADMIN);
                assertThat(e.roomIfAny()).isEmpty();
            });
        }
    }
}

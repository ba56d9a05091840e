package coop.warden.store;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.rooms.FakeClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.JID;

/** A real kill -9: a child JVM writes through the store, reports, and is killed without warning. */
class CrashTest {
    @TempDir
    Path dir;

    /** The child: writes N caps, prints "committed N" after each, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]), Clock.systemUTC());
        for (int i = 1; i <= 5; i++) {
            store.setRoomCap(new JID("room" + i + "@conference.coop.test"), Optional.of(Cap.seats(i)),
                    new JID("admin@coop.test"));
            System.out.println("committed " + i);
            System.out.flush();
        }
        Thread.currentThread().join(); // never returns: the parent kills this JVM
    }

    @Test
    void everyChangeReportedAsDoneSurvivesKillMinus9() throws Exception {
        Path file = dir.resolve("warden.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashTest.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("committed 5")) {
                // wait for the last commit's report (other lines are the child's log)
            }
            assertThat(line).isEqualTo("committed 5");
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        try (SqliteStore store = SqliteStore.open(file, new FakeClock())) {
            for (int i = 1; i <= 5; i++) {
                assertThat(store.roomCap(new JID("room" + i + "@conference.coop.test"))).contains(Cap.seats(i));
            }
            assertThat(store.recentChanges(10)).hasSize(5);
        }
    }
}

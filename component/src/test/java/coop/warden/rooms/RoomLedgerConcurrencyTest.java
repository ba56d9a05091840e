package coop.warden.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.store.Cap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * Joins racing into one room: the cap must hold exactly, every time. Workers spin (yielding) on the start
 * latch instead of parking on it, so they are all running when it opens; parked threads wake
 * one by one and would rarely overlap in a section this short (a ledger without its lock
 * passes a parked-gate version of this test, and fails this one within a few rounds).
 */
class RoomLedgerConcurrencyTest {
    static final int THREADS = 10;
    static final int ROUNDS = 200;

    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    final RoomLedger ledger = new RoomLedger(new FakeClock(), Duration.ofSeconds(10),
            new Classifier(Admins.of(List.of()), Exemptions.parse(List.of())));

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void tenSimultaneousJoinsToACapThreeRoomAdmitExactlyThree() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            JID room = new JID("race" + round + "@conference.coop.test");
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Admission>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                JID occupant = new JID("p" + i + "@coop.test/r");
                JID nick = new JID(room.toBareJID() + "/p" + i);
                results.add(pool.submit(() -> {
                    ready.countDown();
                    awaitSpinning(go);
                    return ledger.reserve(room, occupant, nick, Cap.seats(3));
                }));
            }
            ready.await();
            go.countDown();
            int admitted = 0;
            for (Future<Admission> f : results) {
                if (f.get(10, TimeUnit.SECONDS) instanceof Admission.Admitted) {
                    admitted++;
                }
            }
            assertThat(admitted).as("round %d", round).isEqualTo(3);
            assertThat(ledger.counted(room)).as("round %d", round).isEqualTo(3);
        }
    }

    @Test
    void joinsRacingWithLeavesAndDestroysNeverExceedTheCap() throws Exception {
        JID room = new JID("churn@conference.coop.test");
        for (int round = 0; round < 50; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                JID occupant = new JID("p" + n + "@coop.test/r");
                JID nick = new JID(room.toBareJID() + "/p" + n);
                tasks.add(pool.submit(() -> {
                    awaitSpinning(go);
                    if (ledger.reserve(room, occupant, nick, Cap.seats(3)) instanceof Admission.Admitted) {
                        ledger.confirm(room, occupant, nick);
                        if (n % 2 == 0) {
                            ledger.release(room, occupant, nick);
                        }
                    }
                    if (n == 9) {
                        ledger.drop(room);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : tasks) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(ledger.counted(room)).isBetween(0, 3);
            ledger.drop(room);
        }
    }

    private static void awaitSpinning(CountDownLatch gate) {
        while (gate.getCount() > 0) {
            Thread.yield();
        }
    }
}

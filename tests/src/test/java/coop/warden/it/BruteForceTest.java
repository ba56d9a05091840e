// Issue 6: wrong passwords trip Warden's brute-force limits (per member and address, per address) without reaching saslauthd.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stack runs reference.conf's limits: 10 failures per member and address, 20 per address,
 * within 5 minutes; 127.0.0.1 (the rest of the suite) is exempt. Each run attacks from fresh
 * loopback addresses, so a rerun within the window starts clean.
 */
class BruteForceTest {
    private static final String VICTIM = "user198"; // used by no other test
    private static final int PER_USER = 10;
    private static final int PER_IP = 20;
    private static final String TRY_LATER = "temporary-auth-failure";

    private static Path wardenLog() {
        return Stack.base().resolve("warden/log/warden.log");
    }

    @Test
    void fiftyWrongPasswordsTripTheLimitButTheRightPasswordFromAnotherAddressWorks() throws Exception {
        InetAddress attacker = SourceAddress.fresh();
        InetAddress member = SourceAddress.fresh();
        long logMark = Stack.read(wardenLog()).length();

        for (int i = 0; i < PER_USER; i++) {
            assertThat(SourceAddress.attempt(attacker, VICTIM, "guess-" + i).outcome()).as("guess %d", i)
                    .isEqualTo("not-authorized");
        }
        long kdcMark = KdcLog.mark();
        List<Clients.Attempt> rest = inParallel(attacker, VICTIM, 50 - PER_USER);
        assertThat(rest).extracting(Clients.Attempt::outcome).containsOnly(TRY_LATER);
        // The reject floor (150 ms) holds for limited answers too: they take as long as a wrong password.
        assertThat(rest).allSatisfy(a -> assertThat(a.took()).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
        assertThat(SourceAddress.attempt(attacker, VICTIM, Stack.password(VICTIM)).outcome())
                .as("the right password from the locked address").isEqualTo(TRY_LATER);
        assertThat(KdcLog.asRequestsSince(kdcMark, VICTIM::equals)).as("refused attempts never reach the KDC").isZero();

        assertThat(SourceAddress.attempt(member, VICTIM, Stack.password(VICTIM)).outcome())
                .as("the right password from another address").isEqualTo("ok");

        String log = Stack.read(wardenLog()).substring((int) logMark);
        assertThat(log.split("auth limit tripped: " + PER_USER + " rejected checks for user=" + VICTIM, -1))
                .as("the trip is logged once, the 41 refused attempts are not").hasSize(2);
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            typed.add("guess-" + i);
            typed.add("guess-late-" + i);
        }
        StackLogs.assertNoneHolds(typed);
    }

    @Test
    void anAddressSprayingUsernamesIsRefusedAndTheAnswerDoesNotTellWhoExists() throws Exception {
        InetAddress sprayer = SourceAddress.fresh();
        for (int i = 0; i < PER_IP; i++) {
            // Unknown names and real members alike: what is counted is the address.
            String user = i % 2 == 0 ? "nobody" + i : String.format("user%03d", 150 + i);
            assertThat(SourceAddress.attempt(sprayer, user, "spray-" + i).outcome()).isEqualTo("not-authorized");
        }
        Clients.Attempt member = SourceAddress.attempt(sprayer, "user197", Stack.password("user197"));
        Clients.Attempt stranger = SourceAddress.attempt(sprayer, "nobody-at-all", "whatever-1");
        assertThat(member.outcome()).isEqualTo(TRY_LATER);
        assertThat(stranger.outcome()).isEqualTo(TRY_LATER);
        assertThat(stranger.text()).isEqualTo(member.text());
        assertThat(SourceAddress.attempt(SourceAddress.fresh(), "user197", Stack.password("user197")).outcome())
                .as("from elsewhere").isEqualTo("ok");
    }

    private static List<Clients.Attempt> inParallel(InetAddress from, String user, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Clients.Attempt>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String password = "guess-late-" + i;
                futures.add(pool.submit(() -> SourceAddress.attempt(from, user, password)));
            }
            List<Clients.Attempt> out = new ArrayList<>();
            for (Future<Clients.Attempt> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}

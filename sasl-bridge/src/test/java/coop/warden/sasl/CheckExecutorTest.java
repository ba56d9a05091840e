// Deadline, busy and close behaviour of the check pool, with a fake native call instead of libsasl2.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckExecutorTest {

    private static final long GENEROUS_SECONDS = 20;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** A native call that blocks until released, like libsasl2 waiting on a hung saslauthd. */
    static final class GatedNative implements NativeCheck {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch entered;
        final List<byte[]> passwordsSeen = new CopyOnWriteArrayList<>();
        final List<String> passwordsAtCall = new CopyOnWriteArrayList<>();
        final List<String> passwordsAfterRelease = new CopyOnWriteArrayList<>();

        GatedNative(int expectedCalls) {
            entered = new CountDownLatch(expectedCalls);
        }

        @Override
        public SaslReply check(byte[] username, byte[] password) {
            passwordsSeen.add(password);
            passwordsAtCall.add(new String(password, StandardCharsets.UTF_8));
            entered.countDown();
            boolean interrupted = false;
            while (true) { // like a native call, an interrupt does not end the wait
                try {
                    gate.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            passwordsAfterRelease.add(new String(password, StandardCharsets.UTF_8));
            return new SaslReply("s3cret".equals(new String(password, StandardCharsets.UTF_8)) ? 0 : -13, "");
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private CyrusPasswordChecker checker(NativeCheck n, long timeoutMillis, int threads, int queue) {
        CyrusPasswordChecker c = new CyrusPasswordChecker(
                new SaslConfig("xmpp", "xmpp", "COOP.TEST", null, Duration.ofMillis(timeoutMillis), threads, queue), n);
        toClose.add(c);
        return c;
    }

    private static CheckResult await(CompletableFuture<CheckResult> f) throws Exception {
        return f.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
    }

    private static byte[] pw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersFromTheNativeCallAreMapped() throws Exception {
        GatedNative n = new GatedNative(2);
        n.gate.countDown();
        CyrusPasswordChecker c = checker(n, 10_000, 2, 2);

        assertThat(await(c.check("alice", pw("s3cret")))).isEqualTo(new CheckResult.Accepted());
        assertThat(await(c.check("alice", pw("nope")))).isEqualTo(new CheckResult.Rejected());
    }

    @Test
    void aStuckNativeCallIsAnsweredAtTheDeadline() throws Exception {
        GatedNative n = new GatedNative(1);
        toClose.add(n.gate::countDown);
        CyrusPasswordChecker c = checker(n, 200, 1, 1);

        CompletableFuture<CheckResult> f = c.check("alice", pw("s3cret"));

        assertThat(await(f)).isEqualTo(new CheckResult.Unavailable("timed out after 200 ms"));
        assertThat(n.entered.getCount()).isZero();
    }

    @Test
    void stuckThreadIsNotReusedAndAFullQueueIsBusyAtOnce() throws Exception {
        GatedNative n = new GatedNative(1);
        CyrusPasswordChecker c = checker(n, 1000, 1, 1);

        CompletableFuture<CheckResult> running = c.check("alice", pw("s3cret"));
        assertThat(n.entered.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CheckResult> queued = c.check("bob", pw("s3cret"));
        CompletableFuture<CheckResult> busy = c.check("carol", pw("s3cret"));

        assertThat(busy).isDone();
        assertThat(busy.join()).isInstanceOf(CheckResult.Unavailable.class);
        assertThat(((CheckResult.Unavailable) busy.join()).reason()).startsWith("busy");
        assertThat(await(running)).isEqualTo(new CheckResult.Unavailable("timed out after 1000 ms"));
        assertThat(await(queued)).isEqualTo(new CheckResult.Unavailable("timed out after 1000 ms"));
        // The queued check timed out before a thread was free: it never reached the backend.
        assertThat(n.passwordsAtCall).hasSize(1);

        n.gate.countDown(); // the stuck call returns; its thread serves the next check
        assertThat(await(c.check("dave", pw("s3cret")))).isEqualTo(new CheckResult.Accepted());
        assertThat(n.passwordsAtCall).hasSize(2);
    }

    @Test
    void theCheckerWorksOnItsOwnCopyAndWipesIt() throws Exception {
        GatedNative n = new GatedNative(1);
        CyrusPasswordChecker c = checker(n, 1000, 1, 1);
        byte[] callers = pw("s3cret");

        CompletableFuture<CheckResult> f = c.check("alice", callers);
        assertThat(await(f)).isInstanceOf(CheckResult.Unavailable.class);
        Arrays.fill(callers, (byte) 0); // the caller wipes as soon as the future completes
        n.gate.countDown();

        // The native call kept seeing the password although the caller wiped theirs ...
        assertThat(await(c.check("alice", pw("s3cret")))).isEqualTo(new CheckResult.Accepted());
        assertThat(n.passwordsAfterRelease.get(0)).isEqualTo("s3cret");
        assertThat(n.passwordsSeen.get(0)).isNotSameAs(callers);
        // ... and the checker wiped its copies once the calls returned.
        for (byte[] copy : n.passwordsSeen) {
            assertThat(copy).containsOnly((byte) 0);
        }
    }

    @Test
    void callerArrayIsNeverModified() throws Exception {
        GatedNative n = new GatedNative(1);
        n.gate.countDown();
        CyrusPasswordChecker c = checker(n, 10_000, 1, 1);
        byte[] callers = pw("s3cret");

        await(c.check("alice", callers));

        assertThat(new String(callers, StandardCharsets.UTF_8)).isEqualTo("s3cret");
    }

    @Test
    void nativeExceptionsBecomeUnavailable() throws Exception {
        CyrusPasswordChecker c = checker((u, p) -> {
            throw new UnsatisfiedLinkError("Error looking up function 'sasl_checkpass'");
        }, 10_000, 1, 1);

        CheckResult r = await(c.check("alice", pw("s3cret")));

        assertThat(r).isInstanceOf(CheckResult.Unavailable.class);
        assertThat(((CheckResult.Unavailable) r).reason()).contains("sasl_checkpass").doesNotContain("s3cret");
    }

    @Test
    void closeAnswersPendingChecksAndRefusesNewOnes() throws Exception {
        GatedNative n = new GatedNative(1);
        toClose.add(n.gate::countDown);
        CyrusPasswordChecker c = checker(n, 60_000, 1, 4);
        CompletableFuture<CheckResult> running = c.check("alice", pw("s3cret"));
        assertThat(n.entered.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<CheckResult> queued = c.check("bob", pw("s3cret"));

        c.close();

        assertThat(await(running)).isEqualTo(new CheckResult.Unavailable("checker is closed"));
        assertThat(await(queued)).isEqualTo(new CheckResult.Unavailable("checker is closed"));
        assertThat(await(c.check("carol", pw("s3cret")))).isEqualTo(new CheckResult.Unavailable("checker is closed"));
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnAnswer() throws Exception {
        CyrusPasswordChecker c = checker((u, p) -> new NativeCheck.SaslReply(
                new String(u, StandardCharsets.UTF_8).equals(new String(p, StandardCharsets.UTF_8)) ? 0 : -13, ""),
                10_000, 4, 500);
        List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String user = "user" + i;
            futures.add(c.check(user, pw(i % 2 == 0 ? user : "wrong")));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(await(futures.get(i)))
                    .isEqualTo(i % 2 == 0 ? new CheckResult.Accepted() : new CheckResult.Rejected());
        }
    }
}

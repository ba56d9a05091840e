package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.HostAndPort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Only a probe that had not begun to connect when a rejection came may vouch for it, and not the
 * first one to find the KDC back. The chaos test (ChaosTest, kill -9 of the KDC) saw a right
 * password answered "rejected", once with a probe from just before the KDC died (reused because it
 * had begun in the same millisecond); the member got not-authorized instead of temporary-auth-failure.
 */
class KdcProbeTest {
    private static final KdcProbeSettings SOMEWHERE =
            new KdcProbeSettings(List.of(HostAndPort.fromParts("127.0.0.1", 88)), Duration.ofSeconds(1));

    /** Connections that the test answers one by one; each probe's connect() blocks nothing, it is queued. */
    private static final class Scripted implements BooleanSupplier {
        final Deque<Boolean> answers = new ArrayDeque<>();
        /** While a probe is connecting: what the test does at that moment, as a caller would. */
        Runnable during = () -> { };
        int connections;

        @Override
        public boolean getAsBoolean() {
            connections++;
            Runnable r = during;
            during = () -> { };
            r.run();
            return answers.removeFirst();
        }
    }

    @Test
    void aProbeFromBeforeTheKdcDiedDoesNotVouchForALaterRejection() throws Exception {
        ServerSocket kdc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KdcProbe probe = new KdcProbe(new KdcProbeSettings(List.of(HostAndPort.fromParts("127.0.0.1",
                kdc.getLocalPort())), Duration.ofSeconds(1)), Runnable::run);
        try {
            assertThat(probe.reachable()).isCompletedWithValue(true);
            kdc.close(); // the KDC dies while saslauthd is asking it; its NO comes a moment later (same millisecond)
            assertThat(probe.reachable()).as("asked after the KDC died").isCompletedWithValue(false);
        } finally {
            kdc.close();
            probe.close();
        }
    }

    @Test
    void aCallerWhoAsksWhileAProbeIsConnectingWaitsForTheNextOne() {
        List<Runnable> queued = new ArrayList<>();
        Scripted kdc = new Scripted();
        KdcProbe probe = new KdcProbe(SOMEWHERE, queued::add, kdc);
        CompletableFuture<Boolean> first = probe.reachable();
        CompletableFuture<Boolean> early = probe.reachable();
        assertThat(early).as("the probe has not begun: it vouches for both").isSameAs(first);
        assertThat(queued).as("one probe at a time").hasSize(1);

        List<CompletableFuture<Boolean>> late = new ArrayList<>();
        kdc.answers.add(true);
        kdc.during = () -> { // the KDC answered the connection; it dies now, and two NOs come
            late.add(probe.reachable());
            late.add(probe.reachable());
        };
        queued.remove(0).run();
        assertThat(first).isCompletedWithValue(true);
        assertThat(late.get(0)).isSameAs(late.get(1)).as("waits for a probe begun after it asked").isNotDone();
        assertThat(queued).as("the following probe starts once the first ends").hasSize(1);

        kdc.answers.add(false);
        queued.remove(0).run();
        assertThat(late.get(0)).isCompletedWithValue(false);
        assertThat(queued).isEmpty();
        assertThat(kdc.connections).isEqualTo(2);
    }

    @Test
    void theFirstProbeToFindTheKdcBackDoesNotVouchTheNextOneDoes() {
        Scripted kdc = new Scripted();
        KdcProbe probe = new KdcProbe(SOMEWHERE, Runnable::run, kdc);
        kdc.answers.addAll(List.of(true, false, true, true));
        assertThat(probe.reachable()).as("up from the start").isCompletedWithValue(true);
        assertThat(probe.reachable()).as("down").isCompletedWithValue(false);
        assertThat(probe.reachable()).as("back: the NO may be from while it was down").isCompletedWithValue(false);
        assertThat(probe.reachable()).as("up, and up before").isCompletedWithValue(true);
    }

    @Test
    void aProbeThatThrowsFindsNoKdc() {
        KdcProbe probe = new KdcProbe(SOMEWHERE, Runnable::run, () -> {
            throw new IllegalStateException("resolver broke");
        });
        assertThat(probe.reachable()).isCompletedWithValue(false);
    }

    @Test
    void aProbeThatCannotBeStartedFindsNoKdc() {
        KdcProbe probe = new KdcProbe(SOMEWHERE, r -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, () -> true);
        assertThat(probe.reachable()).isCompletedWithValue(false);
    }
}

package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.HostAndPort;
import coop.warden.rooms.FakeClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Only a probe begun after a rejection came may vouch for it. The chaos test (ChaosTest, kill -9
 * of the KDC) saw a right password answered "rejected" when a probe from just before the KDC died
 * was reused; the member got not-authorized instead of temporary-auth-failure.
 */
class KdcProbeTest {
    private final FakeClock clock = new FakeClock();

    private static KdcProbeSettings at(ServerSocket kdc) {
        return new KdcProbeSettings(List.of(HostAndPort.fromParts("127.0.0.1", kdc.getLocalPort())),
                Duration.ofSeconds(1));
    }

    @Test
    void aProbeFromBeforeTheKdcDiedDoesNotVouchForALaterRejection() throws Exception {
        ServerSocket kdc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KdcProbe probe = new KdcProbe(at(kdc), clock, Runnable::run);
        try {
            assertThat(probe.reachable()).isCompletedWithValue(true);
            kdc.close(); // the KDC dies while saslauthd is asking it; its NO comes a moment later
            clock.advance(Duration.ofMillis(1));
            assertThat(probe.reachable()).as("asked after the KDC died").isCompletedWithValue(false);
        } finally {
            kdc.close();
            probe.close();
        }
    }

    @Test
    void callersDuringAProbeBegunBeforeThemShareTheOneThatFollowsIt() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        ServerSocket kdc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        KdcProbe probe = new KdcProbe(at(kdc), clock, queued::add);
        try {
            CompletableFuture<Boolean> first = probe.reachable();
            clock.advance(Duration.ofMillis(5));
            CompletableFuture<Boolean> a = probe.reachable();
            CompletableFuture<Boolean> b = probe.reachable();
            assertThat(a).isSameAs(b).isNotDone();
            assertThat(queued).as("one probe at a time").hasSize(1);

            queued.remove(0).run();
            assertThat(first).isCompletedWithValue(true);
            assertThat(a).as("still waiting for a probe begun after it asked").isNotDone();
            assertThat(queued).hasSize(1);

            kdc.close();
            queued.remove(0).run();
            assertThat(a).isCompletedWithValue(false);
            assertThat(queued).isEmpty();
        } finally {
            kdc.close();
            probe.close();
        }
    }
}

package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.config.ComponentConfig;
import coop.warden.config.Secret;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComponentLinkTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private static ComponentConfig config(int port, String secret) {
        return new ComponentConfig("warden.test", "127.0.0.1", port, new Secret(secret), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitState(ComponentLink link, LinkState want) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (link.state() != want && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling the link's state machine, which runs on its own thread
        }
        assertThat(link.state()).isEqualTo(want);
    }

    @Test
    void retriesTheFirstConnectUntilProsodyIsThere() throws Exception {
        int port = freePort();
        try (ComponentLink link = new ComponentLink(config(port, "s"), "coop.test", timers)) {
            link.start();
            awaitState(link, LinkState.DISCONNECTED);
            try (FakeComponentServer server = new FakeComponentServer(port, "s")) {
                awaitState(link, LinkState.CONNECTED);
                assertThat(server.handshakesAccepted.get()).isEqualTo(1);
            }
        }
    }

    @Test
    void reconnectsAfterACleanStreamClose() throws Exception {
        try (FakeComponentServer server = new FakeComponentServer(0, "s");
                ComponentLink link = new ComponentLink(config(server.port(), "s"), "coop.test", timers)) {
            link.start();
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");
            awaitState(link, LinkState.CONNECTED);
            server.closeStreamCleanly();
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).as("a second handshake").isEqualTo("accepted");
            awaitState(link, LinkState.CONNECTED);
        }
    }

    @Test
    void unansweredPingsMakeItReconnect() throws Exception {
        try (FakeComponentServer server = new FakeComponentServer(0, "s");
                ComponentLink link = new ComponentLink(config(server.port(), "s"), "coop.test", timers)) {
            link.start();
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).isEqualTo("accepted");
            server.answerPings(false);
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).as("reconnect after silent server").isEqualTo("accepted");
        }
    }

    @Test
    void wrongSecretKeepsRetryingAndNeverConnects() throws Exception {
        try (FakeComponentServer server = new FakeComponentServer(0, "right");
                ComponentLink link = new ComponentLink(config(server.port(), "wrong"), "coop.test", timers)) {
            link.start();
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).isEqualTo("refused");
            assertThat(server.events.poll(10, TimeUnit.SECONDS)).as("it retries").isEqualTo("refused");
            assertThat(link.state()).isNotEqualTo(LinkState.CONNECTED);
            assertThat(server.handshakesAccepted.get()).isZero();
        }
    }

    @Test
    void requestsFailFastWhileDisconnected() throws Exception {
        try (ComponentLink link = new ComponentLink(config(freePort(), "s"), "coop.test", timers)) {
            var f = link.request(new org.xmpp.packet.IQ(), Duration.ofSeconds(5));
            assertThat(f).isCompletedExceptionally();
        }
    }
}

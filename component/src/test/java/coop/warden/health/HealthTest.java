package coop.warden.health;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.xmpp.LinkState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

class HealthTest {
    private final AtomicReference<LinkState> link = new AtomicReference<>(LinkState.CONNECTING);

    @Test
    void healthyExactlyWhileConnected() {
        Health health = new Health(link::get, null);
        assertThat(health.report().status()).isEqualTo(503);
        assertThat(health.report().json()).isEqualTo("{\"status\":\"down\",\"link\":\"CONNECTING\",\"prosody\":[]}\n");
        link.set(LinkState.CONNECTED);
        assertThat(health.report().status()).isEqualTo(200);
        assertThat(health.report().json()).startsWith("{\"status\":\"up\",\"link\":\"CONNECTED\"");
        link.set(LinkState.DISCONNECTED);
        assertThat(health.report().status()).isEqualTo(503);
    }

    @Test
    void theProsodyCheckAfterConnectingShowsInTheReport() {
        link.set(LinkState.CONNECTED);
        ProsodyCheck check = new ProsodyCheck((iq, timeout) -> {
            IQ reply = IQ.createResultIQ(iq);
            reply.setChildElement("query", "http://jabber.org/protocol/disco#info");
            return CompletableFuture.completedFuture(reply);
        }, "warden.coop.test", java.util.Set.of("coop.test"), java.util.Set.of(), Duration.ofSeconds(1));
        Health health = new Health(link::get, () -> check);
        health.onLinkUp();
        String json = health.report().json();
        assertThat(json).contains("\"prosody\":[{\"host\":\"coop.test\",\"ok\":false,\"message\":\"mod_auth_warden is"
                + " not loaded on coop.test: in its VirtualHost set authentication = \\\"warden\\\"");
        assertThat(health.report().status()).isEqualTo(200);
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(Health.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }
}

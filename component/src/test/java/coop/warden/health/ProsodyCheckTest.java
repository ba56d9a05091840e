package coop.warden.health;

import static org.assertj.core.api.Assertions.assertThat;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

class ProsodyCheckTest {
    private static final String COMPONENT = "warden.coop.test";

    /** Answers by the request's {@code to}; records what was asked. */
    private final Map<String, Function<IQ, CompletableFuture<IQ>>> prosody = new HashMap<>();
    private final Map<String, IQ> asked = new HashMap<>();
    private final IqRequester requester = (iq, timeout) -> {
        asked.put(iq.getTo().toString(), iq.createCopy());
        return prosody.getOrDefault(iq.getTo().toString(), ProsodyCheckTest::error).apply(iq);
    };

    private static CompletableFuture<IQ> error(IQ request) {
        return error(request, PacketError.Condition.service_unavailable);
    }

    private static CompletableFuture<IQ> error(IQ request, PacketError.Condition condition) {
        IQ reply = IQ.createResultIQ(request);
        reply.setType(IQ.Type.error);
        reply.setError(condition);
        return CompletableFuture.completedFuture(reply);
    }

    private static CompletableFuture<IQ> features(IQ request, String... vars) {
        IQ reply = IQ.createResultIQ(request);
        var query = reply.setChildElement("query", "http://jabber.org/protocol/disco#info");
        for (String v : vars) {
            query.addElement("feature").addAttribute("var", v);
        }
        return CompletableFuture.completedFuture(reply);
    }

    private List<Finding> run(Set<String> auth, Set<String> muc) throws Exception {
        return new ProsodyCheck(requester, COMPONENT, auth, muc, Duration.ofSeconds(1)).run().get(5, TimeUnit.SECONDS);
    }

    @Test
    void anAuthHostAnnouncingTheFeatureIsFine() throws Exception {
        prosody.put("coop.test", iq -> features(iq, "urn:xmpp:ping", "urn:warden:auth:1"));
        List<Finding> found = run(Set.of("coop.test"), Set.of());
        assertThat(found).containsExactly(new Finding("coop.test", true, "mod_auth_warden is loaded on coop.test"));
        IQ q = asked.get("coop.test");
        assertThat(q.getType()).isEqualTo(IQ.Type.get);
        assertThat(q.getFrom().toString()).isEqualTo(COMPONENT);
        assertThat(q.getChildElement().getNamespaceURI()).isEqualTo("http://jabber.org/protocol/disco#info");
    }

    @Test
    void anAuthHostWithoutTheFeatureIsAProblemSayingWhatToSet() throws Exception {
        prosody.put("guest.coop.test", iq -> features(iq, "urn:xmpp:ping"));
        Finding f = run(Set.of("guest.coop.test"), Set.of()).get(0);
        assertThat(f.ok()).isFalse();
        assertThat(f.message()).startsWith("mod_auth_warden is not loaded on guest.coop.test")
                .contains("authentication = \"warden\"", "warden_component = \"warden.coop.test\"", "plugin_paths");
    }

    @Test
    void anUnknownHostIsNamed() throws Exception {
        prosody.put("nowhere.test", iq -> error(iq, PacketError.Condition.remote_server_not_found));
        Finding f = run(Set.of("nowhere.test"), Set.of()).get(0);
        assertThat(f.ok()).isFalse();
        assertThat(f.message()).contains("remote-server-not-found", "VirtualHost");
    }

    @Test
    void aMucHostAnsweringTheSyncIsFine() throws Exception {
        prosody.put("conference.coop.test", iq -> {
            IQ reply = IQ.createResultIQ(iq);
            reply.setChildElement("sync", "urn:warden:muc:1");
            return CompletableFuture.completedFuture(reply);
        });
        assertThat(run(Set.of(), Set.of("conference.coop.test"))).singleElement()
                .satisfies(f -> assertThat(f.ok()).isTrue());
        assertThat(asked.get("conference.coop.test").getChildElement().getName()).isEqualTo("sync");
    }

    @Test
    void aMucHostThatRefusesTheSyncPointsAtAnotherComponent() throws Exception {
        prosody.put("conference.coop.test", iq -> error(iq, PacketError.Condition.forbidden));
        Finding f = run(Set.of(), Set.of("conference.coop.test")).get(0);
        assertThat(f.ok()).isFalse();
        assertThat(f.message()).contains("names another component", "warden_component = \"warden.coop.test\"");
    }

    @Test
    void aMucHostWithoutTheModuleSaysHowToEnableIt() throws Exception {
        Finding f = run(Set.of(), Set.of("conference.coop.test")).get(0);
        assertThat(f.ok()).isFalse();
        assertThat(f.message()).startsWith("mod_warden_muc is not loaded on conference.coop.test")
                .contains("modules_enabled = { \"warden_muc\" }");
    }

    @Test
    void noAnswerAndABrokenLinkAreProblemsNotExceptions() throws Exception {
        prosody.put("coop.test", iq -> CompletableFuture.failedFuture(new TimeoutException("late")));
        prosody.put("conference.coop.test", iq -> {
            throw new IllegalStateException("link down");
        });
        List<Finding> found = run(Set.of("coop.test"), Set.of("conference.coop.test"));
        assertThat(found).extracting(Finding::ok).containsExactly(false, false);
        assertThat(found.get(0).message()).contains("no answer within 1000 ms");
        assertThat(found.get(1).message()).contains("component link failed");
    }
}

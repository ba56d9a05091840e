package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class IqRouterTest {
    private final List<Packet> sent = new CopyOnWriteArrayList<>();

    private static IQ request(String element, String ns) {
        IQ iq = new IQ(IQ.Type.get);
        iq.setID("q1");
        iq.setFrom(new JID("coop.test"));
        iq.setTo(new JID("warden.coop.test"));
        iq.setChildElement(element, ns);
        return iq;
    }

    private IqRouter router(Executor executor) {
        IqRouter r = new IqRouter(executor, sent::add);
        r.register(new PingHandler());
        r.register(new IqHandler() {
            @Override
            public String element() {
                return "boom";
            }

            @Override
            public String namespace() {
                return "urn:test";
            }

            @Override
            public CompletionStage<IqOutcome> handle(IQ request) {
                return CompletableFuture.failedFuture(new IllegalStateException("secret-detail"));
            }
        });
        return r;
    }

    @Test
    void knownRequestIsAnsweredWithAResultToTheSender() {
        router(Runnable::run).route(request("ping", "urn:xmpp:ping"));
        IQ reply = (IQ) sent.get(0);
        assertThat(reply.getType()).isEqualTo(IQ.Type.result);
        assertThat(reply.getID()).isEqualTo("q1");
        assertThat(reply.getTo()).isEqualTo(new JID("coop.test"));
    }

    @Test
    void unknownNamespaceGetsServiceUnavailable() {
        router(Runnable::run).route(request("query", "urn:unknown"));
        IQ reply = (IQ) sent.get(0);
        assertThat(reply.getType()).isEqualTo(IQ.Type.error);
        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.service_unavailable);
    }

    @Test
    void failingHandlerGivesInternalErrorWithoutItsDetails() {
        router(Runnable::run).route(request("boom", "urn:test"));
        IQ reply = (IQ) sent.get(0);
        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.internal_server_error);
        assertThat(reply.toXML()).doesNotContain("secret-detail");
    }

    @Test
    void saturatedExecutorGivesResourceConstraint() {
        router(r -> {
            throw new RejectedExecutionException();
        }).route(request("ping", "urn:xmpp:ping"));
        IQ reply = (IQ) sent.get(0);
        assertThat(reply.getError().getCondition()).isEqualTo(PacketError.Condition.resource_constraint);
        assertThat(reply.getError().getType()).isEqualTo(PacketError.Type.wait);
    }

    @Test
    void requestWithoutPayloadIsBadRequest() {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom(new JID("coop.test"));
        router(Runnable::run).route(iq);
        assertThat(((IQ) sent.get(0)).getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    }
}

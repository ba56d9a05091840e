package coop.warden.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    /** A pool as Main builds it (bounded queue, AbortPolicy), of one thread and a queue of one. */
    @Test
    void aFullExecutorQueueIsAnsweredWaitResourceConstraintAtOnceAndQueuedRequestsStillGetAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(3);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new ThreadPoolExecutor.AbortPolicy());
        IqRouter r = new IqRouter(pool, reply -> {
            sent.add(reply);
            answered.countDown();
        });
        r.register(new IqHandler() {
            @Override
            public String element() {
                return "slow";
            }

            @Override
            public String namespace() {
                return "urn:test";
            }

            @Override
            public CompletionStage<IqOutcome> handle(IQ request) {
                try {
                    release.await(); // a handler stuck on its pool thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture.completedFuture(IqOutcome.empty());
            }
        });
        for (String id : List.of("running", "queued", "refused")) {
            IQ iq = request("slow", "urn:test");
            iq.setID(id);
            r.route(iq); // returns at once: the caller (a Whack packet thread) never waits for a handler
        }
        assertThat(sent).hasSize(1);
        IQ refused = (IQ) sent.get(0);
        assertThat(refused.getID()).isEqualTo("refused");
        assertThat(refused.getError().getCondition()).isEqualTo(PacketError.Condition.resource_constraint);
        assertThat(refused.getError().getType()).isEqualTo(PacketError.Type.wait);
        assertThat(refused.getError().getText()).isEqualTo("Warden is busy; try again.");

        release.countDown();
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).extracting(p -> p.getID() + " " + ((IQ) p).getType())
                .containsExactlyInAnyOrder("refused error", "running result", "queued result");
        pool.shutdown();
    }

    @Test
    void requestWithoutPayloadIsBadRequest() {
        IQ iq = new IQ(IQ.Type.get);
        iq.setFrom(new JID("coop.test"));
        router(Runnable::run).route(iq);
        assertThat(((IQ) sent.get(0)).getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    }
}

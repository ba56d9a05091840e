// The IqHandlers for urn:warden:muc:1 create/join/joined/left/destroyed.
package coop.warden.rooms;

import coop.warden.xmpp.IqHandler;
import coop.warden.xmpp.IqOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * One handler per request element. Each checks the sender and the attributes first
 * ({@link MucWire#parse}), so a rejected request changes nothing.
 */
final class MucHandlers {
    private static final Logger log = LoggerFactory.getLogger(MucHandlers.class);

    private MucHandlers() {}

    static List<IqHandler> create(Set<JID> hosts, RoomPolicy policy) {
        Set<JID> h = Set.copyOf(hosts);
        return List.of(
                new Handler(MucRequest.Kind.CREATE, h, r -> policy.create(r).thenApply(MucHandlers::decision)),
                new Handler(MucRequest.Kind.JOIN, h, r -> policy.join(r).thenApply(MucHandlers::decision)),
                new Handler(MucRequest.Kind.JOINED, h, r -> notification(() -> policy.joined(r))),
                new Handler(MucRequest.Kind.LEFT, h, r -> notification(() -> policy.left(r))),
                new Handler(MucRequest.Kind.DESTROYED, h, r -> notification(() -> policy.destroyed(r))));
    }

    private static IqOutcome decision(Decision d) {
        return IqOutcome.result(MucWire.decision(d));
    }

    private static CompletionStage<IqOutcome> notification(Runnable apply) {
        apply.run();
        return CompletableFuture.completedFuture(IqOutcome.empty());
    }

    private record Handler(MucRequest.Kind kind, Set<JID> hosts,
                           Function<MucRequest, CompletionStage<IqOutcome>> action) implements IqHandler {
        Handler {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(action);
        }

        @Override
        public String element() {
            return kind.element;
        }

        @Override
        public String namespace() {
            return MucWire.NAMESPACE;
        }

        @Override
        public boolean accepts(IQ.Type type) {
            return type == IQ.Type.set;
        }

        @Override
        public CompletionStage<IqOutcome> handle(IQ request) {
            MucRequest r;
            try {
                r = MucWire.parse(request, kind, hosts);
            } catch (MucWire.InvalidRequest e) {
                log.info("rejected muc {} from {}: {}", kind.element, request.getFrom(), e.getMessage());
                return CompletableFuture.completedFuture(e.failure());
            }
            return action.apply(r);
        }
    }
}

// Routes IQ requests to their handlers on Warden's executor and turns outcomes into replies.
package coop.warden.xmpp;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Dispatches IQ requests by their child element. Called on Whack's packet threads: it only
 * parses the child's name and hands the rest to {@code executor}, so it never blocks them.
 */
public final class IqRouter {
    private static final Logger log = LoggerFactory.getLogger(IqRouter.class);

    private final Map<String, IqHandler> handlers = new ConcurrentHashMap<>();
    private final Executor executor;
    private final StanzaSender sender;

    public IqRouter(Executor executor, StanzaSender sender) {
        this.executor = Objects.requireNonNull(executor);
        this.sender = Objects.requireNonNull(sender);
    }

    public void register(IqHandler handler) {
        IqHandler previous = handlers.putIfAbsent(key(handler.element(), handler.namespace()), handler);
        if (previous != null) {
            throw new IllegalStateException("two handlers for " + handler.namespace() + " " + handler.element());
        }
    }

    /** Handles a request IQ (get/set); results and errors are not routed here. */
    public void route(IQ request) {
        Element child = request.getChildElement();
        if (child == null) {
            reply(request, IqOutcome.error(ErrorCondition.BAD_REQUEST, "The request has no payload."));
            return;
        }
        IqHandler handler = handlers.get(key(child.getName(), child.getNamespaceURI()));
        if (handler == null || !handler.accepts(request.getType())) {
            reply(request, IqOutcome.error(ErrorCondition.SERVICE_UNAVAILABLE, null));
            return;
        }
        try {
            executor.execute(() -> dispatch(handler, request));
        } catch (RejectedExecutionException e) {
            reply(request, IqOutcome.error(ErrorCondition.RESOURCE_CONSTRAINT, "Warden is busy; try again."));
        }
    }

    private void dispatch(IqHandler handler, IQ request) {
        CompletionStage<IqOutcome> stage;
        try {
            stage = handler.handle(request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((outcome, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                // The exception class only: a message could quote the request.
                log.error("handler for {} failed: {}", handler.namespace(), cause.getClass().getName());
                reply(request, IqOutcome.error(ErrorCondition.INTERNAL_SERVER_ERROR, null));
            } else {
                reply(request, outcome);
            }
        });
    }

    /** Builds the reply for {@code request} from {@code outcome} and sends it. */
    public void reply(IQ request, IqOutcome outcome) {
        sender.send(toReply(request, outcome));
    }

    static IQ toReply(IQ request, IqOutcome outcome) {
        IQ reply = IQ.createResultIQ(request);
        if (outcome instanceof IqOutcome.Result r) {
            if (r.payload() != null) {
                reply.setChildElement(r.payload().createCopy());
            }
        } else if (outcome instanceof IqOutcome.Failure f) {
            reply.setType(IQ.Type.error);
            PacketError error = new PacketError(f.condition().condition(), f.condition().type());
            f.textIfAny().ifPresent(t -> error.setText(t, "en"));
            if (f.extension() != null) {
                error.getElement().add(f.extension().createCopy());
            }
            reply.setError(error);
        }
        return reply;
    }

    private static String key(String element, String namespace) {
        return "{" + namespace + "}" + element;
    }
}

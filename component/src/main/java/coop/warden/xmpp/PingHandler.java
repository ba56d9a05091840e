// Answers XEP-0199 pings to the component JID, so admins and Prosody can check it is alive.
package coop.warden.xmpp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xmpp.packet.IQ;

public final class PingHandler implements IqHandler {
    @Override
    public String element() {
        return "ping";
    }

    @Override
    public String namespace() {
        return "urn:xmpp:ping";
    }

    @Override
    public boolean accepts(IQ.Type type) {
        return type == IQ.Type.get;
    }

    @Override
    public CompletionStage<IqOutcome> handle(IQ request) {
        return CompletableFuture.completedFuture(IqOutcome.empty());
    }
}

// An IqRequester that records requests and lets the test answer them.
package coop.warden.rooms;

import coop.warden.xmpp.IqRequester;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xmpp.packet.IQ;

public final class FakeRequester implements IqRequester {
    public record Pending(IQ request, CompletableFuture<IQ> answer) {}

    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<IQ> request(IQ iq, Duration timeout) {
        CompletableFuture<IQ> f = new CompletableFuture<>();
        pending.add(new Pending(iq.createCopy(), f));
        return f;
    }

    /** The next request sent, waiting for it if need be. */
    public Pending next() throws InterruptedException {
        Pending p = pending.poll(10, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no request was sent");
        }
        return p;
    }

    public boolean nothingPending() {
        return pending.isEmpty();
    }
}

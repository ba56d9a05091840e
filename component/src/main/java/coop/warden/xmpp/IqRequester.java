// Sends an IQ request from the component and completes with the peer's answer (the link implements it).
package coop.warden.xmpp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;

/**
 * Sends {@code get}/{@code set} IQs over the component link and matches the answer by id.
 *
 * <p>Contract for implementations: the request's {@code from} is set to the component's JID
 * when it is null, and the implementation assigns the id it matches the answer by. The future
 * completes with the answer, {@code result} or {@code error} alike; it completes exceptionally with a
 * {@link java.util.concurrent.TimeoutException} when no answer came within {@code timeout},
 * and with some other exception when the link is down. It never blocks the caller.
 */
@FunctionalInterface
public interface IqRequester {
    CompletableFuture<IQ> request(IQ iq, Duration timeout);
}

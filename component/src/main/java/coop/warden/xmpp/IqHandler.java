// One kind of IQ request that the component answers (a child element name in a namespace).
package coop.warden.xmpp;

import java.util.concurrent.CompletionStage;
import org.xmpp.packet.IQ;

/**
 * Handles one kind of IQ request. {@link #handle} runs on a Warden executor, never on
 * one of Whack's packet threads; it must not block for long and should hand slow work
 * (backend checks) to an executor of its own and complete the stage later.
 */
public interface IqHandler {

    /** Child element name this handler answers, e.g. {@code check}. */
    String element();

    /** Namespace of that element, e.g. {@code urn:warden:auth:1}. */
    String namespace();

    /** Which IQ types this handler takes ({@code get}, {@code set}, or both). */
    default boolean accepts(IQ.Type type) {
        return type == IQ.Type.get || type == IQ.Type.set;
    }

    CompletionStage<IqOutcome> handle(IQ request);
}

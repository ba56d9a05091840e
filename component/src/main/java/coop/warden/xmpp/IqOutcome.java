// The answer to one IQ request, turned into a wire stanza in one place (IqRouter).
package coop.warden.xmpp;

import java.util.Objects;
import java.util.Optional;
import org.dom4j.Element;

/** What a handler decided: a result with an optional payload, or an error. */
public sealed interface IqOutcome permits IqOutcome.Result, IqOutcome.Failure {

    /** A {@code type='result'} reply carrying {@code payload} (may be null for an empty result). */
    record Result(Element payload) implements IqOutcome {}

    /**
     * A {@code type='error'} reply. {@code text} is shown to people and must never
     * contain a password, a secret or a backend's private reason.
     */
    record Failure(ErrorCondition condition, String text, Element extension) implements IqOutcome {
        public Failure {
            Objects.requireNonNull(condition, "condition");
        }

        public Optional<String> textIfAny() {
            return Optional.ofNullable(text).filter(t -> !t.isBlank());
        }
    }

    static IqOutcome result(Element payload) {
        return new Result(payload);
    }

    static IqOutcome empty() {
        return new Result(null);
    }

    static IqOutcome error(ErrorCondition condition, String text) {
        return new Failure(condition, text, null);
    }
}

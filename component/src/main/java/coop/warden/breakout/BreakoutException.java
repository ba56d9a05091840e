// A breakout action that will not be done, with the error its requester gets; nothing was changed.
package coop.warden.breakout;

import coop.warden.xmpp.ErrorCondition;
import java.util.Objects;

/** Unchecked so it can leave the bookkeeping's update functions; the message is shown to the requester. */
final class BreakoutException extends RuntimeException {
    private final transient ErrorCondition condition;

    BreakoutException(ErrorCondition condition, String message) {
        super(message, null, false, false);
        this.condition = Objects.requireNonNull(condition);
    }

    ErrorCondition condition() {
        return condition;
    }

    static BreakoutException forbidden(String text) {
        return new BreakoutException(ErrorCondition.FORBIDDEN, text);
    }

    static BreakoutException notFound(String text) {
        return new BreakoutException(ErrorCondition.ITEM_NOT_FOUND, text);
    }

    static BreakoutException bad(String text) {
        return new BreakoutException(ErrorCondition.BAD_REQUEST, text);
    }

    static BreakoutException notAcceptable(String text) {
        return new BreakoutException(ErrorCondition.NOT_ACCEPTABLE, text);
    }
}

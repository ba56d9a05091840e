// The actor may not run this command on what they named; answered as forbidden, nothing is changed.
package coop.warden.adhoc;

/** Thrown by commands open to non-admins (see {@link AdhocCommand#adminOnly()}); the message is shown. */
public final class NotPermittedException extends Exception {
    public NotPermittedException(String message) {
        super(message, null, false, false);
    }
}

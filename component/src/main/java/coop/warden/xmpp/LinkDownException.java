// Failure of an outgoing request because the component link is not (or no longer) connected.
package coop.warden.xmpp;

public final class LinkDownException extends RuntimeException {
    public LinkDownException(String message) {
        super(message, null, false, false);
    }
}

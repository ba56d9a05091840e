// A submitted form value that is not acceptable; the message tells the admin what to fix.
package coop.warden.adhoc;

/** Answered as {@code bad-request} with XEP-0050's {@code <bad-payload/>}; nothing is changed. */
public final class BadInputException extends Exception {
    public BadInputException(String message) {
        super(message, null, false, false);
    }
}

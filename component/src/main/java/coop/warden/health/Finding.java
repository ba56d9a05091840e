// One result of checking the Prosody side: a host, whether it is right, and what to do if not.
package coop.warden.health;

import java.util.Objects;

/**
 * @param host    the Prosody host checked (a VirtualHost or a MUC component)
 * @param ok      whether it is set up for Warden
 * @param message what was found, and for a problem what to change, in an admin's terms
 */
public record Finding(String host, boolean ok, String message) {
    public Finding {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(message, "message");
    }

    static Finding ok(String host, String message) {
        return new Finding(host, true, message);
    }

    static Finding problem(String host, String message) {
        return new Finding(host, false, message);
    }
}

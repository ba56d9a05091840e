// Thrown when libsasl2 cannot be loaded or initialised, so no checker can be started.
package coop.warden.sasl;

/**
 * libsasl2 is missing, refuses to initialise, or its configuration cannot be found. The message
 * says what to fix (a package to install, a file to create); it never contains a password.
 */
public class SaslUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public SaslUnavailableException(String message) {
        super(message);
    }

    public SaslUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

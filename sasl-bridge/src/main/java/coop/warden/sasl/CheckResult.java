// The three outcomes of a password check: accepted, rejected, or no answer from the backend.
package coop.warden.sasl;

import java.util.Objects;

/**
 * What a {@link PasswordChecker} found. {@link Rejected} is deliberately empty: whether the user
 * is unknown or the password wrong must not leave this module. Only {@link Unavailable} carries
 * text, meant for administrators' logs, never for the client.
 */
public sealed interface CheckResult {

    /** The backend accepted the username and password. */
    record Accepted() implements CheckResult {
    }

    /** The credentials are not good: wrong password, unknown user, disabled account, or hostile input. */
    record Rejected() implements CheckResult {
    }

    /**
     * No verdict: the backend is down, hung, overloaded or misconfigured. The client should be
     * told to try later ({@code temporary-auth-failure}), not that its password is wrong.
     *
     * @param reason for administrators' logs; never contains the password
     */
    record Unavailable(String reason) implements CheckResult {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

// The one operation the component needs from an authentication backend.
package coop.warden.sasl;

import java.util.concurrent.CompletableFuture;

/** Checks a username and password against a backend without blocking the caller. */
public interface PasswordChecker extends AutoCloseable {

    /**
     * Never blocks the caller; completes within {@code config.timeout()} (+ small slack) with one
     * of the three outcomes, never exceptionally for backend trouble. The caller keeps ownership of
     * {@code password} and may wipe it once the future completes; the checker copies what it needs
     * and wipes its copies.
     *
     * <p>The future is completed on the checker's own threads: dependent stages attached without
     * an executor ({@code thenApply}, {@code whenComplete}) run there, so keep them short or use
     * the {@code *Async} variants.
     *
     * @param username the bare user name, without realm ({@code alice}, not {@code alice@REALM})
     * @param password the password as bytes (UTF-8 as the client sent it)
     */
    CompletableFuture<CheckResult> check(String username, byte[] password);

    /** Stops accepting checks and completes every pending one with {@link CheckResult.Unavailable}. */
    @Override
    void close();
}

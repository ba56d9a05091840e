// Salted, deliberately slow password hashes (PBKDF2-HMAC-SHA256 from the JDK) for the credential cache.
package coop.warden.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes a password's bytes with a salt. Slow on purpose (see {@code hash-iterations} in
 * reference.conf and docs/security.md for the cost per login): a heap dump, core file or swapped
 * page then yields no password cheaply. Thread-safe.
 */
final class PasswordHasher {
    static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    PasswordHasher(int iterations) {
        this.iterations = iterations;
        hash(new byte[] {1}, newSalt()); // fail at start-up, not at the first login, if the JDK lacks it
    }

    byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    /**
     * The hash of {@code password} (bytes as the client sent them) with {@code salt}. PBEKeySpec
     * wants chars: each byte becomes the char of the same value, so distinct byte strings (even
     * invalid UTF-8) never share a hash. The copies made here are wiped.
     */
    byte[] hash(byte[] password, byte[] salt) {
        char[] chars = new char[password.length];
        for (int i = 0; i < password.length; i++) {
            chars[i] = (char) (password[i] & 0xff);
        }
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** Constant-time comparison: how much of a hash matched must not show in the time taken. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}

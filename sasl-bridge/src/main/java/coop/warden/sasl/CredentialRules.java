// Refuses hostile or malformed credentials before anything reaches libsasl2 or saslauthd.
package coop.warden.sasl;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Input rules applied before any native call. Each broken rule is a plain rejection: the caller
 * learns nothing more than from a wrong password.
 *
 * <ul>
 *   <li>No '@' in the name: libsasl2 splits {@code alice@OTHER.REALM} at the last '@' and sends
 *       saslauthd realm {@code OTHER.REALM}, overriding the configured realm.</li>
 *   <li>No NUL: libsasl2 measures every field with {@code strlen}, so {@code alice\0x} would be
 *       checked as {@code alice} and a password cut at a NUL as its prefix.</li>
 *   <li>No control characters and no surrounding whitespace in the name: libsasl2 strips the
 *       whitespace, so {@code " alice"} would be checked as {@code alice}.</li>
 *   <li>At most 255 bytes per field: saslauthd caps each field at 256 bytes with the terminator.</li>
 *   <li>No empty password: some backends treat an empty password as an anonymous bind.</li>
 * </ul>
 */
final class CredentialRules {

    private CredentialRules() {
    }

    /** The UTF-8 bytes of an acceptable username, or the rule it breaks. */
    sealed interface Verdict {
        record Ok(byte[] usernameUtf8) implements Verdict {
        }

        record Refused(String rule) implements Verdict {
        }
    }

    static Verdict check(String username, byte[] password) {
        Optional<String> broken = usernameProblem(username).or(() -> passwordProblem(password));
        if (broken.isPresent()) {
            return new Verdict.Refused(broken.get());
        }
        Optional<byte[]> utf8 = strictUtf8(username);
        if (utf8.isEmpty()) {
            return new Verdict.Refused("username is not valid Unicode");
        }
        if (utf8.get().length > SaslConfig.MAX_FIELD_BYTES) {
            return new Verdict.Refused("username longer than " + SaslConfig.MAX_FIELD_BYTES + " bytes");
        }
        return new Verdict.Ok(utf8.get());
    }

    private static Optional<String> usernameProblem(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("empty username");
        }
        if (username.length() > SaslConfig.MAX_FIELD_BYTES) {
            return Optional.of("username longer than " + SaslConfig.MAX_FIELD_BYTES + " bytes");
        }
        if (username.indexOf('@') >= 0) {
            return Optional.of("username contains '@'");
        }
        if (username.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("username contains a control character or NUL");
        }
        if (!username.strip().equals(username)) {
            return Optional.of("username has surrounding whitespace");
        }
        return Optional.empty();
    }

    private static Optional<String> passwordProblem(byte[] password) {
        if (password == null || password.length == 0) {
            return Optional.of("empty password");
        }
        if (password.length > SaslConfig.MAX_FIELD_BYTES) {
            return Optional.of("password longer than " + SaslConfig.MAX_FIELD_BYTES + " bytes");
        }
        for (byte b : password) {
            if (b == 0) {
                return Optional.of("password contains NUL");
            }
        }
        return Optional.empty();
    }

    /** UTF-8 without the silent '?' that String.getBytes puts in place of a lone surrogate. */
    private static Optional<byte[]> strictUtf8(String s) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return Optional.of(out);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

// PasswordHasher is PBKDF2-HMAC-SHA256 (RFC 7914's test vectors), and refuses a cost of zero.
package coop.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void matchesRfc7914sPbkdf2HmacSha256Vectors() {
        // RFC 7914 section 11, the first 32 bytes of each 64-byte key.
        assertThat(HexFormat.of().formatHex(new PasswordHasher(1).hash(ascii("passwd"), ascii("salt"))))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        assertThat(HexFormat.of().formatHex(new PasswordHasher(80000).hash(ascii("Password"), ascii("NaCl"))))
                .isEqualTo("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    @Test
    void refusesZeroIterations() {
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

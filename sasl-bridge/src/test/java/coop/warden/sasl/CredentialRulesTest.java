// Hostile or malformed credentials are rejected before any native call.
package coop.warden.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialRulesTest {

    private static final byte[] GOOD = "alice-Secret1".getBytes(StandardCharsets.UTF_8);

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("null username", null, GOOD),
                Arguments.of("empty username", "", GOOD),
                Arguments.of("realm override", "alice@OTHER.REALM", GOOD),
                Arguments.of("trailing @", "alice@", GOOD),
                Arguments.of("NUL in username", "alice\0bob", GOOD),
                Arguments.of("newline in username", "alice\nbob", GOOD),
                Arguments.of("leading space", " alice", GOOD),
                Arguments.of("trailing tab", "alice\t", GOOD),
                Arguments.of("300-byte username", "a".repeat(300), GOOD),
                Arguments.of("256 bytes of UTF-8 in 128 chars", "é".repeat(128), GOOD),
                Arguments.of("lone surrogate", "alice\uD800", GOOD),
                Arguments.of("null password", "alice", null),
                Arguments.of("empty password", "alice", new byte[0]),
                Arguments.of("NUL in password", "alice", "alice\0Secret1".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("256-byte password", "alice", new byte[256]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRejectedWithoutANativeCall(String label, String username, byte[] password) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (CyrusPasswordChecker c = new CyrusPasswordChecker(config(), (u, p) -> {
            calls.incrementAndGet();
            return new NativeCheck.SaslReply(0, "");
        })) {
            CheckResult r = c.check(username, password).get(10, TimeUnit.SECONDS);

            assertThat(r).isEqualTo(new CheckResult.Rejected());
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void limitsAreInclusive() {
        assertThat(CredentialRules.check("a".repeat(255), new byte[] {'x'}))
                .isInstanceOf(CredentialRules.Verdict.Ok.class);
        byte[] longest = new byte[255];
        java.util.Arrays.fill(longest, (byte) 'p');
        assertThat(CredentialRules.check("alice", longest)).isInstanceOf(CredentialRules.Verdict.Ok.class);
    }

    @Test
    void nonAsciiNamesAreSentAsUtf8() {
        CredentialRules.Verdict v = CredentialRules.check("zoë", new byte[] {'x'});

        assertThat(v).isInstanceOf(CredentialRules.Verdict.Ok.class);
        assertThat(((CredentialRules.Verdict.Ok) v).usernameUtf8()).isEqualTo("zoë".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusalNamesTheRuleButNeverThePassword() {
        CredentialRules.Verdict v = CredentialRules.check("alice", "alice\0Secret1".getBytes(StandardCharsets.UTF_8));

        assertThat(v).isEqualTo(new CredentialRules.Verdict.Refused("password contains NUL"));
    }

    private static SaslConfig config() {
        return new SaslConfig("xmpp", "xmpp", "COOP.TEST", null, Duration.ofSeconds(5), 1, 1);
    }
}

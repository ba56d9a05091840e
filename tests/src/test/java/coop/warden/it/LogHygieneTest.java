// No password and no component secret reaches any log written while the tests ran.
package coop.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(Integer.MAX_VALUE)
class LogHygieneTest {

    /**
     * Every password the suite types: each demo member's (alice..erin, admin1, focus, user001..user200),
     * the wrong ones, in the clear and as they travel in the auth IQ (base64).
     */
    private static List<String> secrets() {
        List<String> plain = new ArrayList<>(List.of("not-alices-password", "not-bobs-password", "not-daves-password",
                "not-user192s-password", "not-user195s-password", "mallory-Secret1", "whatever-1"));
        List<String> users = new ArrayList<>(List.of("alice", "bob", "carol", "dave", "erin", "admin1", "focus"));
        for (int i = 1; i <= 200; i++) {
            users.add(String.format("user%03d", i));
        }
        for (String u : users) {
            plain.add(Stack.password(u));
        }
        List<String> all = new ArrayList<>(plain);
        for (String p : plain) {
            all.add(Base64.getEncoder().encodeToString(p.getBytes(StandardCharsets.UTF_8)));
        }
        all.add(Stack.componentSecret());
        String spare = Stack.read(Stack.base().resolve("secret/warden2-secret")).strip(); // PackageTest's component
        if (!spare.isEmpty()) {
            all.add(spare);
        }
        return all;
    }

    /** The shapes of the suite's passwords, whoever typed them: "{user}-Secret1" and "not-{user}s-password...". */
    private static final Pattern PASSWORD_SHAPE = Pattern.compile("[A-Za-z0-9]-Secret1|not-[A-Za-z0-9]+s-password");

    @Test
    void logsHoldNoPasswordsAndNoComponentSecret() throws IOException {
        assertThat(Stack.componentSecret()).isNotBlank();
        List<Path> logs;
        try (Stream<Path> files = Files.walk(Stack.base())) {
            logs = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(log|err|stdout)$"))
                    .toList();
        }
        assertThat(logs).as("log files of the stack").isNotEmpty();
        List<String> secrets = secrets();
        for (Path log : logs) {
            String text = Stack.read(log);
            assertThat(PASSWORD_SHAPE.matcher(text).find()).as("%s must not contain a password", log).isFalse();
            for (String secret : secrets) {
                assertThat(text).as("%s must not contain a secret", log).doesNotContain(secret);
            }
        }
    }
}

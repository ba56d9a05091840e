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
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(Integer.MAX_VALUE)
class LogHygieneTest {

    /** Every password the suite types, in the clear and as it travels in the auth IQ (base64). */
    private static List<String> secrets() {
        List<String> plain = new ArrayList<>(List.of("not-bobs-password", "mallory-Secret1"));
        for (String u : List.of("alice", "bob", "carol", "dave", "erin", "admin1")) {
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
        for (Path log : logs) {
            String text = Stack.read(log);
            for (String secret : secrets()) {
                assertThat(text).as("%s must not contain a secret", log).doesNotContain(secret);
            }
        }
    }
}

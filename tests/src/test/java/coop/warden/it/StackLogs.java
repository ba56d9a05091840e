// Checks that secrets a test typed appear in no log of the stack, in the clear or as the auth IQ carries them (base64).
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

final class StackLogs {
    private StackLogs() {
    }

    static void assertNoneHolds(List<String> secrets) throws IOException {
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            forms.add(s);
            forms.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(Stack.base())) {
            logs = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(log|err|stdout)$")).toList();
        }
        for (Path log : logs) {
            String text = Stack.read(log);
            for (String form : forms) {
                assertThat(text).as("%s must not contain a password a test typed", log).doesNotContain(form);
            }
        }
    }
}
